// Full-text search: hits with their line, offsets and the snippet's highlighted words.
import { Type, type Static } from 'typebox';
import { Nullable } from './common.js';

/** [start, end) of a query word inside the snippet. */
const Range = Type.Unsafe<[number, number]>(Type.Array(Type.Integer(), { minItems: 2, maxItems: 2 }));

export const SearchHit = Type.Object({
  document_id: Type.Integer(),
  title: Nullable(Type.String()),
  doc_type: Nullable(Type.String()),
  region: Nullable(Type.String()),
  /** 1-based line of the document text (the unit of a hit: a paragraph). */
  line: Type.Integer(),
  /** Offsets into the document text of the first highlighted word (what the reader scrolls to). */
  start: Type.Integer(),
  end: Type.Integer(),
  snippet: Type.String(),
  highlights: Type.Array(Range),
  score: Type.Number(),
});
export type SearchHit = Static<typeof SearchHit>;

/** GET /api/search: a page of hits with the words the query was cut into. */
export const SearchAnswer = Type.Object({
  query: Type.String(),
  terms: Type.Array(Type.String()),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  items: Type.Array(SearchHit),
});
export type SearchAnswer = Static<typeof SearchAnswer>;
