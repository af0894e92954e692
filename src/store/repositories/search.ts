// Full-text search in the database: FTS5 trigram (SQLite) or a bigram tsvector (PostgreSQL), facets, ranked hits.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  parseQuery,
  searchUnitsOfText,
  unitSnippet,
  type QueryTerm,
  type SearchUnit,
  type UnitAnchor,
} from '../../search/index.js';
import { fromJson, toCount, toJson } from '../json.js';
import { isPostgres } from '../migrations.js';
import type { Database } from '../schema.js';
import type { Window } from '../paging.js';

type Db = Kysely<Database>;

/** Units per INSERT: 7 columns × 400 rows, under both engines' bound-parameter limits. */
const CHUNK = 400;
/** Positions PostgreSQL keeps per word of a tsvector (more are an error). */
const POSITIONS_PER_WORD = 255;
/** Shortest word each engine's index finds: trigrams on SQLite, bigrams on PostgreSQL; shorter ones are scanned. */
const INDEXED_FROM = { sqlite: 3, postgres: 2 } as const;
/** A two-character word the SQLite pair index holds: two letters or digits (punctuation is not indexed). */
const PAIR = /^[\p{L}\p{N}]{2}$/u;
// BM25's constants for the scan-ranked case; a typical unit is about a paragraph of this many characters.
const K1 = 1.2;
const B = 0.75;
const TYPICAL_UNIT = 80;

/** The bigrams of a folded unit as a tsvector literal: `'研发':1 '发经':2 …` (none spans a space). */
export function bigramVector(body: string): string {
  const positions = new Map<string, number[]>();
  for (let i = 0; i + 1 < body.length; i++) {
    const gram = body.slice(i, i + 2);
    if (/\s/u.test(gram)) continue;
    const list = positions.get(gram) ?? [];
    if (list.length < POSITIONS_PER_WORD) list.push(i + 1);
    positions.set(gram, list);
  }
  return [...positions].map(([gram, at]) => `${quoteLexeme(gram)}:${at.join(',')}`).join(' ');
}

function quoteLexeme(word: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** A word as a tsquery phrase of its bigrams: consecutive bigrams, so the word occurs as written. */
function bigramPhrase(word: string): string {
  const grams: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) grams.push(quoteLexeme(word.slice(i, i + 2)));
  return grams.join(' <-> ');
}

/** A word as an FTS5 phrase (FTS5 strings double their quotes; nothing inside is syntax). */
function ftsPhrase(word: string): string {
  return `"${word.replace(/"/g, '""')}"`;
}

function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The two-character words of a folded unit for SQLite's pair index: `研发 发经 经费 …` (letters and digits only). */
export function pairWords(body: string): string {
  const words: string[] = [];
  const chars = [...body];
  for (let i = 0; i + 1 < chars.length; i++) {
    const pair = chars[i]! + chars[i + 1]!;
    if (PAIR.test(pair)) words.push(pair);
  }
  return words.join(' ');
}

/** Store a document's units inside the caller's transaction (the indexes follow by trigger, column or pair rows). */
export async function insertSearchUnits(
  db: Db,
  documentId: number,
  units: readonly SearchUnit[],
): Promise<void> {
  const postgres = isPostgres(db);
  for (let i = 0; i < units.length; i += CHUNK) {
    const rows = units.slice(i, i + CHUNK).map((unit, k) => ({
      document_id: documentId,
      position: i + k,
      line: unit.line,
      start: unit.start,
      text: unit.text,
      body: unit.body,
      anchors: toJson(unit.anchors),
      ...(postgres ? { grams: sql<string>`${bigramVector(unit.body)}::tsvector` } : {}),
    }));
    if (postgres) {
      await db.insertInto('search_units').values(rows).execute();
      continue;
    }
    const ids = (await db.insertInto('search_units').values(rows).returning('id').execute())
      .map((r) => r.id)
      .sort((a, b) => a - b);
    // Ids follow VALUES order inside the transaction; the pair index is keyed by them.
    const values = ids.map((id, k) => sql`(${id}, ${pairWords(rows[k]!.body)})`);
    await sql`INSERT INTO search_pairs (rowid, pairs) VALUES ${sql.join(values)}`.execute(db);
  }
}

/** Index documents stored before search lived in the database (the migration that created it runs this). */
export async function indexStoredDocuments(db: Db): Promise<void> {
  const ids = await db.selectFrom('documents').select('id').orderBy('id').execute();
  for (const { id } of ids) {
    const row = await db.selectFrom('documents').select('text').where('id', '=', id).executeTakeFirst();
    if (row) await insertSearchUnits(db, id, searchUnitsOfText(row.text));
  }
}

export interface SearchFilter {
  documentId?: number;
  region?: string;
  docType?: string;
  /** The document's first year (a report's year, a plan's first year). */
  year?: number;
}

export interface SearchHit {
  document_id: number;
  title: string | null;
  doc_type: string | null;
  region: string | null;
  year: number | null;
  /** 1-based source line of the first highlighted word (where the reader opens). */
  line: number;
  /** Source offsets of the first highlighted word. */
  start: number;
  end: number;
  snippet: string;
  highlights: Array<[number, number]>;
  score: number;
}

export interface FacetValue<V> {
  value: V;
  /** Hits (units) with this value, under the other facets' filters. */
  count: number;
  documents: number;
}

export interface SearchFacets {
  region: Array<FacetValue<string | null>>;
  doc_type: Array<FacetValue<string>>;
  year: Array<FacetValue<number | null>>;
}

export interface SearchAnswer {
  query: string;
  terms: string[];
  /** For each word that has them, the catalog's other names that were searched too. */
  expansions: Record<string, string[]>;
  total: number;
  documents: number;
  hits: SearchHit[];
  facets: SearchFacets;
}

interface Plan {
  from: RawBuilder<unknown>;
  where: RawBuilder<unknown>;
  score: RawBuilder<unknown>;
}

/**
 * The SQL of a query. When one index answers every word, it alone finds and ranks (FTS5 bm25 / ts_rank). On SQLite a
 * word of three characters or more goes to the trigram index and a two-character word to the pair index, so a query
 * mixing them (研发 with its catalog names) combines both and ranks by BM25's saturation and length normalisation of
 * the words' counts; a word no index holds (one character, or two with punctuation) is matched by LIKE over the folded
 * text.
 */
function plan(db: Db, terms: readonly QueryTerm[]): Plan {
  const engine = isPostgres(db) ? 'postgres' : 'sqlite';
  const shortest = INDEXED_FROM[engine];
  const all = terms.flatMap((t) => t.alternatives);
  const long = (t: QueryTerm) => t.alternatives.filter((a) => [...a].length >= shortest);
  const pairs = (t: QueryTerm) =>
    engine === 'sqlite' ? t.alternatives.filter((a) => [...a].length < shortest && PAIR.test(a)) : [];
  const scanned = (t: QueryTerm) =>
    t.alternatives.filter((a) => [...a].length < shortest && !(engine === 'sqlite' && PAIR.test(a)));
  const like = (a: string) => sql`u.body LIKE ${likePattern(a)} ESCAPE '\\'`;
  const from = sql`search_units u JOIN documents d ON d.id = u.document_id`;
  if (engine === 'sqlite') {
    // Covering indexes: a document's row holds its bytes and text (overflow pages), a unit's row its text.
    const documents = sql`JOIN documents d INDEXED BY documents_search ON d.id = u.document_id`;
    const trigrams = (t: QueryTerm) => long(t).map(ftsPhrase).join(' OR ');
    const pairQuery = (t: QueryTerm) => pairs(t).map(ftsPhrase).join(' OR ');
    const byIndex = (index: 'search_fts' | 'search_pairs', query: (t: QueryTerm) => string) => ({
      from: sql`${sql.table(index)} JOIN search_units u INDEXED BY search_units_id ON u.id = ${sql.ref(`${index}.rowid`)} ${documents}`,
      where: sql`${sql.table(index)} MATCH ${terms.map((t) => `(${query(t)})`).join(' AND ')}`,
      score: sql`-bm25(${sql.table(index)})`,
    });
    if (all.every((a) => [...a].length >= shortest)) return byIndex('search_fts', trigrams);
    if (terms.every((t) => pairs(t).length === t.alternatives.length))
      return byIndex('search_pairs', pairQuery);
    const predicates = terms.map((t) => {
      const parts = scanned(t).map(like);
      if (long(t).length > 0)
        parts.push(sql`u.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ${trigrams(t)})`);
      if (pairs(t).length > 0)
        parts.push(sql`u.id IN (SELECT rowid FROM search_pairs WHERE search_pairs MATCH ${pairQuery(t)})`);
      return sql`(${sql.join(parts, sql` OR `)})`;
    });
    return {
      from: sql`search_units u ${documents}`,
      where: sql.join(predicates, sql` AND `),
      score: scanScore(terms),
    };
  }
  const tsOf = (t: QueryTerm) =>
    long(t)
      .map((a) => `(${bigramPhrase(a)})`)
      .join(' | ');
  if (all.every((a) => [...a].length >= shortest)) {
    const query = terms.map((t) => `(${tsOf(t)})`).join(' & ');
    return {
      from,
      where: sql`u.grams @@ ${query}::tsquery`,
      score: sql`ts_rank(u.grams, ${query}::tsquery)`,
    };
  }
  const predicates = terms.map((t) => {
    const parts = scanned(t).map(like);
    if (long(t).length > 0) parts.push(sql`u.grams @@ ${tsOf(t)}::tsquery`);
    return sql`(${sql.join(parts, sql` OR `)})`;
  });
  return { from, where: sql.join(predicates, sql` AND `), score: scanScore(terms) };
}

/** Σ over words of tf·(k1+1) / (tf + k1·(1 − b + b·length/typical)), tf counting every alternative. */
function scanScore(terms: readonly QueryTerm[]): RawBuilder<unknown> {
  const perTerm = terms.map((t) => {
    const tf = sql.join(
      t.alternatives.map(
        (a) => sql`(length(u.body) - length(replace(u.body, ${a}, ''))) / ${sql.lit([...a].length)}`,
      ),
      sql` + `,
    );
    return sql`(1.0 * (${tf}) * ${sql.lit(K1 + 1)} / ((${tf}) + ${sql.lit(K1)} * (${sql.lit(1 - B)} + ${sql.lit(B)} * length(u.body) / ${sql.lit(TYPICAL_UNIT)}.0)))`;
  });
  return sql.join(perTerm, sql` + `);
}

function filters(filter: SearchFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (filter.documentId !== undefined) parts.push(sql`u.document_id = ${filter.documentId}`);
  if (filter.region !== undefined) parts.push(sql`d.region = ${filter.region}`);
  if (filter.docType !== undefined) parts.push(sql`d.doc_type = ${filter.docType}`);
  if (filter.year !== undefined) parts.push(sql`d.period_start = ${filter.year}`);
  return parts.length > 0 ? sql` AND ${sql.join(parts, sql` AND `)}` : sql``;
}

interface UnitRow {
  id: number;
  document_id: number;
  title: string | null;
  doc_type: string;
  region: string | null;
  year: number | null;
  text: string;
  body: string;
  anchors: unknown;
}

interface DocumentCount {
  document_id: number;
  region: string | null;
  doc_type: string;
  year: number | null;
  hits: number;
}

/** Values of one facet, counted over the documents the other facets' filters keep (most hits first). */
function facet<V>(counts: readonly DocumentCount[], valueOf: (c: DocumentCount) => V): Array<FacetValue<V>> {
  const by = new Map<V, FacetValue<V>>();
  for (const c of counts) {
    const value = valueOf(c);
    const entry = by.get(value) ?? { value, count: 0, documents: 0 };
    entry.count += c.hits;
    entry.documents += 1;
    by.set(value, entry);
  }
  return [...by.values()].sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));
}

/**
 * Units holding every word of the query (each word as typed or by one of its catalog names), best first, with
 * facets by region, document type and year. No window: every hit (downloads).
 */
export async function searchDocuments(
  db: Db,
  query: string,
  filter: SearchFilter = {},
  window?: Window,
): Promise<SearchAnswer> {
  const terms = parseQuery(query);
  const expansions = Object.fromEntries(
    terms.filter((t) => t.alternatives.length > 1).map((t) => [t.term, t.alternatives.slice(1)]),
  );
  const answer: SearchAnswer = {
    query,
    terms: terms.map((t) => t.term),
    expansions,
    total: 0,
    documents: 0,
    hits: [],
    facets: { region: [], doc_type: [], year: [] },
  };
  if (terms.length === 0) return answer;
  const { from, where, score } = plan(db, terms);
  const documentOnly = filter.documentId !== undefined ? { documentId: filter.documentId } : {};
  const counted = await sql<{
    document_id: number;
    region: string | null;
    doc_type: string;
    year: number | null;
    hits: unknown;
  }>`SELECT u.document_id, d.region, d.doc_type, d.period_start AS year, count(*) AS hits
     FROM ${from} WHERE ${where}${filters(documentOnly)}
     GROUP BY u.document_id, d.region, d.doc_type, d.period_start`.execute(db);
  const counts = counted.rows.map((r) => ({ ...r, hits: toCount(r.hits) }));
  const keeps = (c: DocumentCount, skip?: keyof SearchFacets) =>
    (skip === 'region' || filter.region === undefined || c.region === filter.region) &&
    (skip === 'doc_type' || filter.docType === undefined || c.doc_type === filter.docType) &&
    (skip === 'year' || filter.year === undefined || c.year === filter.year);
  const kept = counts.filter((c) => keeps(c));
  answer.total = kept.reduce((n, c) => n + c.hits, 0);
  answer.documents = kept.length;
  answer.facets = {
    region: facet(
      counts.filter((c) => keeps(c, 'region')),
      (c) => c.region,
    ),
    doc_type: facet(
      counts.filter((c) => keeps(c, 'doc_type')),
      (c) => c.doc_type,
    ),
    year: facet(
      counts.filter((c) => keeps(c, 'year')),
      (c) => c.year,
    ),
  };
  if (answer.total === 0) return answer;
  const page = window ? sql`LIMIT ${window.limit} OFFSET ${window.offset}` : sql``;
  // Ranked ids first (no text carried through the sort), then the page's rows.
  const ranked = await sql<{ id: number; score: unknown }>`SELECT u.id AS id, ${score} AS score
     FROM ${from} WHERE ${where}${filters(filter)} ORDER BY score DESC, u.id ${page}`.execute(db);
  const scores = new Map(ranked.rows.map((r) => [r.id, Number(r.score)]));
  const found = new Map<number, UnitRow>();
  const ids = [...scores.keys()];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await sql<UnitRow>`SELECT u.id, u.document_id, d.title, d.doc_type, d.region,
         d.period_start AS year, u.text, u.body, u.anchors
       FROM search_units u JOIN documents d ON d.id = u.document_id
       WHERE u.id IN (${sql.join(ids.slice(i, i + CHUNK))})`.execute(db);
    for (const row of rows.rows) found.set(row.id, row);
  }
  const rows = {
    rows: ids.flatMap((id) => (found.has(id) ? [{ ...found.get(id)!, score: scores.get(id)! }] : [])),
  };
  const words = terms.flatMap((t) => t.alternatives);
  answer.hits = rows.rows.map((row) => {
    const shown = unitSnippet(
      { text: row.text, body: row.body, anchors: fromJson<UnitAnchor[]>(row.anchors) },
      words,
    );
    return {
      document_id: row.document_id,
      title: row.title,
      doc_type: row.doc_type,
      region: row.region,
      year: row.year,
      line: shown.line,
      start: shown.start,
      end: shown.end,
      snippet: shown.snippet,
      highlights: shown.highlights,
      score: Math.round(Number(row.score) * 1000) / 1000,
    };
  });
  return answer;
}
