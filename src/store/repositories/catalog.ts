// Catalog indicators in the store: a copy of the catalog data so links and observations have a foreign key.
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { INDICATORS, type IndicatorDef } from '../../catalog/index.js';
import { fromJson, toJson } from '../json.js';
import { countRows, pageOf, windowed, type Paged, type Window } from '../paging.js';
import type { Database } from '../schema.js';

export interface CatalogIndicator {
  id: string;
  name: string;
  synonyms: string[];
  unit: string | null;
  dimension: string;
  direction: string;
  kind: string;
  category: string;
  national14: boolean;
  national_attribute: string | null;
  growth_of: string | null;
}

/** Insert or update every catalog indicator (the data file is the source of truth; ids never change). */
export async function syncCatalog(
  db: Kysely<Database>,
  catalog: readonly IndicatorDef[] = INDICATORS,
): Promise<void> {
  const existing = new Map(
    (await db.selectFrom('catalog_indicators').select(['id', 'name', 'synonyms', 'unit']).execute()).map(
      (r) => [r.id, r],
    ),
  );
  for (const def of catalog) {
    const values = {
      name: def.name,
      synonyms: toJson(def.synonyms),
      unit: def.unit,
      dimension: def.dimension,
      direction: def.direction,
      kind: def.kind,
      category: def.category,
      national14: def.national14 ? 1 : 0,
      national_attribute: def.nationalAttribute ?? null,
      growth_of: def.growthOf ?? null,
    };
    const seen = existing.get(def.id);
    // Two processes starting at once both find the catalog empty: the first insert of an id wins.
    if (!seen)
      await db
        .insertInto('catalog_indicators')
        .values({ id: def.id, ...values })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    else if (
      seen.name !== def.name ||
      toJson(fromJson(seen.synonyms)) !== values.synonyms ||
      seen.unit !== def.unit
    ) {
      await db.updateTable('catalog_indicators').set(values).where('id', '=', def.id).execute();
    }
  }
}

export interface CatalogFilter {
  category?: string;
  kind?: string;
  /** Name or one synonym contains this text. */
  q?: string;
}

/** `column` contains `text` exactly (no LIKE wildcards, case-sensitive on both engines). */
function contains(db: Kysely<Database>, column: 'name' | 'synonyms', text: string) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const ref = column === 'synonyms' ? sql`cast(${sql.ref(column)} as text)` : sql.ref(column);
  return postgres ? sql<boolean>`strpos(${ref}, ${text}) > 0` : sql<boolean>`instr(${ref}, ${text}) > 0`;
}

function catalogQuery(db: Kysely<Database>, filter: CatalogFilter) {
  let query = db.selectFrom('catalog_indicators');
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  const q = filter.q;
  if (q) {
    // The synonyms are a JSON array of strings: text with a quote or backslash could match its punctuation.
    const inSynonyms = !/["\\]/.test(q);
    query = query.where((eb) =>
      inSynonyms ? eb.or([contains(db, 'name', q), contains(db, 'synonyms', q)]) : contains(db, 'name', q),
    );
  }
  return query;
}

export async function listCatalog(
  db: Kysely<Database>,
  filter: CatalogFilter = {},
  window?: Window,
): Promise<CatalogIndicator[]> {
  const rows = await windowed(catalogQuery(db, filter).selectAll().orderBy('id'), window).execute();
  return rows.map((r) => ({
    ...r,
    synonyms: fromJson<string[]>(r.synonyms),
    national14: r.national14 === 1,
  }));
}

export async function pageCatalog(
  db: Kysely<Database>,
  filter: CatalogFilter = {},
  window?: Window,
): Promise<Paged<CatalogIndicator>> {
  return pageOf(
    (w) => listCatalog(db, filter, w),
    () => countRows(catalogQuery(db, filter)),
    window,
  );
}
