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
  /** The document's first year (a plan's start year, a report's year). */
  year: Nullable(Type.Integer()),
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

/** One value of a facet: how many hits and how many documents have it. */
const FacetValue = <V extends ReturnType<typeof Type.String> | ReturnType<typeof Nullable>>(value: V) =>
  Type.Object({ value, count: Type.Integer(), documents: Type.Integer() });

/** GET /api/search: a page of ranked hits, the words the query was cut into, the catalog names searched too, facets. */
export const SearchAnswer = Type.Object({
  query: Type.String(),
  terms: Type.Array(Type.String()),
  /** Catalog names searched too, for each word that has them (研发 → 研究与实验发展经费投入强度, …). */
  expansions: Type.Record(Type.String(), Type.Array(Type.String())),
  total: Type.Integer(),
  /** Documents with at least one hit. */
  documents: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  items: Type.Array(SearchHit),
  facets: Type.Object({
    region: Type.Array(FacetValue(Nullable(Type.String()))),
    doc_type: Type.Array(FacetValue(Type.String())),
    year: Type.Array(FacetValue(Nullable(Type.Integer()))),
  }),
});
export type SearchAnswer = Static<typeof SearchAnswer>;

/** One value of a facet as the web app reads it. */
export type SearchFacetValue<V> = { value: V; count: number; documents: number };
