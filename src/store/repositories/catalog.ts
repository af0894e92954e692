// Catalog indicators in the store: a copy of the catalog data so links and observations have a foreign key.
import type { Kysely } from 'kysely';
import { INDICATORS, type IndicatorDef } from '../../catalog/index.js';
import { fromJson, toJson } from '../json.js';
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
    if (!seen)
      await db
        .insertInto('catalog_indicators')
        .values({ id: def.id, ...values })
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

export async function listCatalog(
  db: Kysely<Database>,
  filter: { category?: string; kind?: string; q?: string } = {},
): Promise<CatalogIndicator[]> {
  let query = db.selectFrom('catalog_indicators').selectAll().orderBy('id');
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  const rows = (await query.execute()).map((r) => ({
    ...r,
    synonyms: fromJson<string[]>(r.synonyms),
    national14: r.national14 === 1,
  }));
  const q = filter.q;
  return q ? rows.filter((r) => r.name.includes(q) || r.synonyms.some((s) => s.includes(q))) : rows;
}
