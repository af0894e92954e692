import { describe, expect, it } from 'vitest';
import { INDICATORS, indicatorById, nationalMainIndicators } from './indicators.js';
import { catalogCollisions } from './link.js';
import { CATEGORIES } from './types.js';
import { unitInfo } from './units.js';

describe('indicator catalog', () => {
  it('has unique, slug-shaped ids', () => {
    const ids = INDICATORS.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('has no normalised name shared by two indicators', () => {
    expect(catalogCollisions()).toEqual([]);
  });

  it('holds the 20 national 十四五 main indicators, 8 of them binding, in the five categories', () => {
    const national = nationalMainIndicators();
    expect(national).toHaveLength(20);
    expect(national.filter((i) => i.nationalAttribute === '约束性')).toHaveLength(8);
    const perCategory = CATEGORIES.map((c) => national.filter((i) => i.category === c).length);
    expect(perCategory).toEqual([3, 3, 7, 5, 2]);
  });

  it('points every growth indicator at an existing level of a compatible kind', () => {
    for (const indicator of INDICATORS.filter((i) => i.growthOf)) {
      const level = indicatorById(indicator.growthOf!);
      expect(level, indicator.id).toBeDefined();
      expect(indicator.kind).toBe('growth');
      expect(level!.kind).not.toBe('growth');
    }
  });

  it('gives every indicator a unit the unit table knows, matching its dimension', () => {
    for (const indicator of INDICATORS) {
      const info = unitInfo(indicator.unit);
      expect(info, `${indicator.id} ${indicator.unit}`).not.toBeNull();
      expect(info!.dimension, indicator.id).toBe(indicator.dimension);
    }
  });

  it('marks lower-is-better on intensities and unemployment, higher on reductions', () => {
    expect(indicatorById('surveyed-unemployment-rate')?.direction).toBe('lower');
    expect(indicatorById('energy-intensity')?.direction).toBe('lower');
    expect(indicatorById('energy-intensity-reduction')?.direction).toBe('higher');
    for (const id of [
      'work-safety-deaths-per-gdp',
      'fire-deaths-per-100k',
      'water-consumption-total',
      'construction-land',
      'urban-rural-income-ratio',
    ])
      expect(indicatorById(id)?.direction, id).toBe('lower');
    expect(indicatorById('pm25-concentration-reduction')?.direction).toBe('higher');
    // Prices and population are steered toward a value.
    expect(indicatorById('consumer-price-growth')?.direction).toBe('neutral');
    expect(indicatorById('resident-population')?.direction).toBe('neutral');
  });

  it('gives every indicator one of the five categories', () => {
    for (const indicator of INDICATORS) expect(CATEGORIES, indicator.id).toContain(indicator.category);
  });
});
