import { describe, expect, it } from 'vitest';
import { findRegions, regionAncestors, regionCodeIn, REGIONS, resolveRegion } from './regions.js';

describe('regions', () => {
  it('resolves by name, alias and parent', () => {
    expect(resolveRegion('涧西区')?.code).toBe('410305');
    expect(resolveRegion('洛龙', '洛阳市')?.code).toBe('410311');
    expect(resolveRegion('卫滨区', '新乡')?.code).toBe('410703');
    expect(resolveRegion('卫滨区', '洛阳市')).toBeNull();
    expect(resolveRegion('410700')?.name).toBe('新乡市');
  });

  it('knows 偃师 changed from a city (410381) to a district (410307) in 2021', () => {
    const yanshi = resolveRegion('偃师市', '洛阳市')!;
    expect(yanshi.name).toBe('偃师区');
    expect(regionCodeIn(yanshi, 2020)).toBe('410381');
    expect(regionCodeIn(yanshi, 2021)).toBe('410307');
  });

  it('never claims a code it does not know', () => {
    for (const region of REGIONS) {
      if (region.code === null) expect(region.codeKnown).toBe(false);
      else expect(region.code).toMatch(/^\d{6}$/);
    }
    expect(resolveRegion('伊滨区')?.code).toBeNull();
  });

  it('gives codes that nest in their parent', () => {
    for (const region of REGIONS.filter((r) => r.code && r.parent)) {
      const parent = findRegions(region.parent!)[0]!;
      const prefix = parent.level === 'province' ? 2 : 4;
      expect(region.code!.slice(0, prefix)).toBe(parent.code!.slice(0, prefix));
    }
  });

  it('walks up to the province', () => {
    expect(regionAncestors(resolveRegion('卫滨区')!).map((r) => r.name)).toEqual([
      '卫滨区',
      '新乡市',
      '河南省',
    ]);
  });
});
