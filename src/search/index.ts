// Search's face: the pure half of full-text search (query words and their catalog names, units, snippets).
export { PLANNING_TERMS, planningDictionary } from './dictionary.js';
export { queryTerms, normalizeForSearch } from './segment.js';
export { parseQuery, catalogAlternatives, MAX_TERMS, MAX_ALTERNATIVES, type QueryTerm } from './query.js';
export {
  searchUnits,
  searchUnitsOfText,
  toSourcePosition,
  MAX_UNIT,
  type SearchUnit,
  type UnitAnchor,
} from './units.js';
export { mergeRanges, unitSnippet, type UnitSnippet } from './snippet.js';
