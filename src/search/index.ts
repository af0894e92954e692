// Search's face: Chinese full-text search over documents (segmentation on a planning dictionary).
export { PLANNING_TERMS, planningDictionary } from './dictionary.js';
export { tokenize, queryTerms, normalizeForSearch } from './segment.js';
export {
  SearchIndex,
  mergeRanges,
  type SearchDocument,
  type SearchHit,
  type SearchOptions,
  type SearchResult,
} from './inverted-index.js';
