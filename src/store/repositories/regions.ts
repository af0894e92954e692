// Regions: find or create the chain province → prefecture → county a document names, with codes where known.
import type { Kysely } from 'kysely';
import { resolveRegion } from '../../catalog/index.js';
import { countRows, pageOf, windowed, type Paged, type Window } from '../paging.js';
import type { Database, Region, RegionLevel } from '../schema.js';

type Db = Kysely<Database>;

export interface RegionNames {
  region: string | null;
  parent_region?: string | null;
  province?: string | null;
}

async function findOrCreate(
  db: Db,
  name: string,
  level: RegionLevel,
  parentId: number | null,
): Promise<number> {
  const find = () => {
    const query = db.selectFrom('regions').select('id').where('name', '=', name);
    return (
      parentId === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', parentId)
    ).executeTakeFirst();
  };
  const found = await find();
  if (found) return found.id;
  const known = resolveRegion(name);
  // Another ingest may create the same region meanwhile: the unique key (name, parent) keeps one, this one waits.
  await db
    .insertInto('regions')
    .values({
      name,
      level: known?.level ?? level,
      parent_id: parentId,
      code: known?.codeKnown ? known.code : null,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return (await find())!.id;
}

/** The id of the document's own region (creating it and its parents), or null when the region is unknown. */
export async function ensureRegion(db: Db, names: RegionNames): Promise<number | null> {
  if (!names.region) return null;
  let parentId: number | null = null;
  if (names.province && names.province !== names.region)
    parentId = await findOrCreate(db, names.province, 'province', null);
  if (names.parent_region && names.parent_region !== names.region && names.parent_region !== names.province) {
    parentId = await findOrCreate(db, names.parent_region, 'prefecture', parentId);
  }
  const level: RegionLevel = parentId === null ? 'unknown' : 'county';
  return findOrCreate(db, names.region, level, parentId);
}

export interface RegionFilter {
  name?: string;
  level?: string;
  parent_id?: number;
}

function regionsQuery(db: Db, filter: RegionFilter) {
  let query = db.selectFrom('regions');
  if (filter.name) query = query.where('name', '=', filter.name);
  if (filter.level) query = query.where('level', '=', filter.level as RegionLevel);
  if (filter.parent_id !== undefined) query = query.where('parent_id', '=', filter.parent_id);
  return query;
}

export async function listRegions(db: Db, filter: RegionFilter = {}, window?: Window): Promise<Region[]> {
  return windowed(regionsQuery(db, filter).selectAll().orderBy('id'), window).execute();
}

export async function pageRegions(
  db: Db,
  filter: RegionFilter = {},
  window?: Window,
): Promise<Paged<Region>> {
  return pageOf(
    (w) => listRegions(db, filter, w),
    () => countRows(regionsQuery(db, filter)),
    window,
  );
}

/** A region by id or by name (the first of that name), for URLs that say 涧西区 instead of 3. */
export async function findRegion(db: Db, idOrName: string | number): Promise<Region | undefined> {
  const query = db.selectFrom('regions').selectAll();
  if (typeof idOrName === 'number' || /^\d+$/.test(idOrName)) {
    return query.where('id', '=', Number(idOrName)).executeTakeFirst();
  }
  return query.where('name', '=', idOrName).orderBy('id').executeTakeFirst();
}
