// The catalog's face: canonical indicators and their linking, units, and regions.
export * from './types.js';
export { INDICATORS, indicatorById, nationalMainIndicators } from './indicators.js';
export {
  linkIndicator,
  catalogCollisions,
  nameSimilarity,
  diceSimilarity,
  lcsRatio,
  type CatalogMatch,
  type LinkResult,
  type LinkOptions,
} from './link.js';
export { normalizeIndicatorName, nameForm, type NormalizedName, type NameForm } from './normalize.js';
export { unitInfo, unitsCompatible, convertUnit, normalizeUnit, type UnitInfo } from './units.js';
export {
  REGIONS,
  findRegions,
  resolveRegion,
  regionCodeIn,
  regionAncestors,
  type Region,
  type RegionLevel,
} from './regions.js';
export { PREFECTURE_LIST, PROVINCES, provinceShort, type Prefecture } from './gazetteer.js';
