// Regions (data) with their 行政区划代码 where known, and resolving a region by name and parent.
import { normalizeUnit } from './units.js';

export type RegionLevel = 'province' | 'prefecture' | 'county';

export interface Region {
  /** Current official name. */
  name: string;
  /** Six-digit 行政区划代码, or null when not known for certain. */
  code: string | null;
  /** True only for codes checked against the official code list; null codes are never "known". */
  codeKnown: boolean;
  level: RegionLevel;
  /** Name of the parent region (null for a province). */
  parent: string | null;
  /** Other names: the short form (洛阳), and former names (偃师市 before it became a district). */
  aliases: readonly string[];
  /** Codes the region had before a change of status, with the last year each was valid. */
  formerCodes?: ReadonlyArray<{ code: string; name: string; until: number }>;
  /** Informal or functional areas (功能区) have no code of their own. */
  note?: string;
}

export const REGIONS: readonly Region[] = [
  {
    name: '河南省',
    code: '410000',
    codeKnown: true,
    level: 'province',
    parent: null,
    aliases: ['河南', '豫'],
  },
  {
    name: '洛阳市',
    code: '410300',
    codeKnown: true,
    level: 'prefecture',
    parent: '河南省',
    aliases: ['洛阳'],
  },
  { name: '涧西区', code: '410305', codeKnown: true, level: 'county', parent: '洛阳市', aliases: ['涧西'] },
  { name: '洛龙区', code: '410311', codeKnown: true, level: 'county', parent: '洛阳市', aliases: ['洛龙'] },
  {
    name: '偃师区',
    code: '410307',
    codeKnown: true,
    level: 'county',
    parent: '洛阳市',
    aliases: ['偃师', '偃师市'],
    // 偃师市 (a county-level city) became 偃师区 of 洛阳市 in 2021.
    formerCodes: [{ code: '410381', name: '偃师市', until: 2020 }],
  },
  {
    name: '伊滨区',
    code: null,
    codeKnown: false,
    level: 'county',
    parent: '洛阳市',
    aliases: ['伊滨'],
    note: '功能区（经济技术开发区托管），无独立行政区划代码',
  },
  {
    name: '新乡市',
    code: '410700',
    codeKnown: true,
    level: 'prefecture',
    parent: '河南省',
    aliases: ['新乡'],
  },
  { name: '卫滨区', code: '410703', codeKnown: true, level: 'county', parent: '新乡市', aliases: ['卫滨'] },
];

function clean(name: string): string {
  return normalizeUnit(name);
}

function matches(region: Region, name: string): boolean {
  const n = clean(name);
  return region.name === n || region.aliases.includes(n) || (region.code !== null && region.code === n);
}

/** Every region called `name` (name, alias or code), optionally under `parent` (name, alias or code). */
export function findRegions(
  name: string,
  parent?: string | null,
  regions: readonly Region[] = REGIONS,
): Region[] {
  const found = regions.filter((r) => matches(r, name));
  if (!parent) return found;
  return found.filter((r) => {
    const p = r.parent ? regions.find((x) => x.name === r.parent) : undefined;
    return r.parent !== null && (clean(parent) === r.parent || (p !== undefined && matches(p, parent)));
  });
}

/** The one region called `name` (under `parent` when given), or null when none or several match. */
export function resolveRegion(
  name: string,
  parent?: string | null,
  regions: readonly Region[] = REGIONS,
): Region | null {
  const found = findRegions(name, parent, regions);
  return found.length === 1 ? found[0]! : null;
}

/** The region's code valid in `year` (偃师: 410381 up to 2020, 410307 from 2021), or null when unknown. */
export function regionCodeIn(region: Region, year: number): string | null {
  for (const former of region.formerCodes ?? []) if (year <= former.until) return former.code;
  return region.code;
}

/** The chain from the region up to its province (卫滨区 → 新乡市 → 河南省). */
export function regionAncestors(region: Region, regions: readonly Region[] = REGIONS): Region[] {
  const chain = [region];
  let current = region;
  while (current.parent) {
    const parent = regions.find((r) => r.name === current.parent);
    if (!parent || chain.includes(parent)) break;
    chain.push(parent);
    current = parent;
  }
  return chain;
}
