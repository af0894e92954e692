// Observations: tidy long-format values (region, indicator, year, value) each with its source and who recorded it.
import type { Kysely } from 'kysely';
import { compareDecimal } from '../../quantity/index.js';
import { countRows, pageOf, windowed, type Paged, type Window } from '../paging.js';
import type { ApprovalState, Database, NewObservation, ObservationSourceKind } from '../schema.js';

type Db = Kysely<Database>;

/** Rows per INSERT: 19 columns × 500 stays under both engines' bound-parameter limits. */
const OBSERVATION_CHUNK = 500;

export interface ObservationSource {
  kind: ObservationSourceKind;
  /** Document span: document id, 1-based line, exact quote and offsets. */
  document_id: number | null;
  achievement_id: number | null;
  line: number | null;
  quote: string | null;
  start: number | null;
  end: number | null;
  /** Import file row. */
  import_id: number | null;
  import_file: string | null;
  import_row: number | null;
}

export interface Observation {
  id: number;
  region_id: number;
  region: string;
  indicator_id: string;
  indicator: string;
  year: number;
  value: string;
  unit: string | null;
  row_id: number | null;
  source: ObservationSource;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
  /** A person's value on its way to publication (填报 → 审核 → 发布); null for a document's figure. */
  approval: { id: number; state: ApprovalState; return_reason: string | null } | null;
}

/** An observation as the API lists it: flagged when another value for its region, indicator and year disagrees. */
export interface ListedObservation extends Observation {
  /** True when another observation of the same region, indicator, year and unit has a different value. */
  conflict: boolean;
  /** The ids of those observations, kept side by side (none is dropped; a person's entry decides). */
  conflicts_with: number[];
}

export interface ObservationFilter {
  region_id?: number;
  indicator_id?: string;
  year?: number;
  source_kind?: ObservationSourceKind;
  document_id?: number;
  row_id?: number;
  /**
   * `counted`: what internal monitoring judges with — documents' figures and people's values once approved (a value
   * waiting for review or returned is left out). `published`: what the public sees — documents' figures and people's
   * values once published.
   */
  approval?: 'counted' | 'published';
}

function observationsQuery(db: Db, filter: ObservationFilter) {
  let query = db.selectFrom('observations as o');
  if (filter.region_id !== undefined) query = query.where('o.region_id', '=', filter.region_id);
  if (filter.indicator_id) query = query.where('o.indicator_id', '=', filter.indicator_id);
  if (filter.year !== undefined) query = query.where('o.year', '=', filter.year);
  if (filter.source_kind) query = query.where('o.source_kind', '=', filter.source_kind);
  if (filter.document_id !== undefined) query = query.where('o.document_id', '=', filter.document_id);
  if (filter.row_id !== undefined) query = query.where('o.row_id', '=', filter.row_id);
  if (filter.approval) {
    const counted = filter.approval === 'counted';
    const states: ApprovalState[] = counted ? ['entered', 'returned'] : ['published'];
    query = query.where((eb) => {
      const approval = eb.exists(
        eb
          .selectFrom('approvals as a')
          .select('a.id')
          .where('a.kind', '=', 'observation')
          .whereRef('a.subject_id', '=', 'o.id')
          .where('a.state', 'in', states),
      );
      return counted ? eb.not(approval) : eb.or([eb('o.source_kind', '=', 'document'), approval]);
    });
  }
  return query;
}

/** Where a keyset page starts: after this observation in the list's order (region, indicator, year, id). */
export type ObservationCursor = Pick<Observation, 'region_id' | 'indicator_id' | 'year' | 'id'>;

export async function listObservations(
  db: Db,
  filter: ObservationFilter = {},
  window?: Window,
  after?: ObservationCursor,
): Promise<Observation[]> {
  const base = observationsQuery(db, filter);
  // Keyset paging for exports: each page is one short query, however deep into the list (no OFFSET scan).
  const query = (
    after
      ? base.where((eb) =>
          eb(eb.refTuple('o.region_id', 'o.indicator_id', 'o.year', 'o.id'), '>', (t) =>
            t.tuple(after.region_id, after.indicator_id, after.year, after.id),
          ),
        )
      : base
  )
    .innerJoin('regions as g', 'g.id', 'o.region_id')
    .innerJoin('catalog_indicators as c', 'c.id', 'o.indicator_id')
    .leftJoin('imports as i', 'i.id', 'o.import_id')
    .leftJoin('approvals as a', (join) =>
      join.onRef('a.subject_id', '=', 'o.id').on('a.kind', '=', 'observation'),
    )
    .selectAll('o')
    .select([
      'g.name as region',
      'c.name as indicator',
      'i.filename as import_file',
      'a.id as approval_id',
      'a.state as approval_state',
      'a.return_reason as approval_return_reason',
    ])
    .orderBy('o.region_id')
    .orderBy('o.indicator_id')
    .orderBy('o.year')
    .orderBy('o.id');
  const rows = await windowed(query, window).execute();
  return rows.map((r) => ({
    id: r.id,
    region_id: r.region_id,
    region: r.region,
    indicator_id: r.indicator_id,
    indicator: r.indicator,
    year: r.year,
    value: r.value,
    unit: r.unit,
    row_id: r.row_id,
    source: {
      kind: r.source_kind,
      document_id: r.document_id,
      achievement_id: r.achievement_id,
      line: r.line,
      quote: r.quote,
      start: r.start,
      end: r.end,
      import_id: r.import_id,
      import_file: r.import_file,
      import_row: r.import_row,
    },
    note: r.note,
    recorded_by: r.recorded_by,
    recorded_at: r.recorded_at,
    approval:
      r.approval_id === null || r.approval_state === null
        ? null
        : { id: r.approval_id, state: r.approval_state, return_reason: r.approval_return_reason },
  }));
}

const keyOf = (o: { region_id: number; indicator_id: string; year: number }) =>
  `${o.region_id}\u0000${o.indicator_id}\u0000${o.year}`;

/** Exact equality of two stored values (`0.10` equals `0.1`); text that is no decimal is compared as text. */
function sameValue(a: string, b: string): boolean {
  try {
    return compareDecimal(a, b) === 0;
  } catch {
    return a === b;
  }
}

/** The page's observations with their conflicts: every stored value of the same keys, compared exactly. */
export async function withConflicts(db: Db, page: readonly Observation[]): Promise<ListedObservation[]> {
  if (page.length === 0) return [];
  const others = await db
    .selectFrom('observations')
    .select(['id', 'region_id', 'indicator_id', 'year', 'value', 'unit'])
    .where('region_id', 'in', [...new Set(page.map((o) => o.region_id))])
    .where('indicator_id', 'in', [...new Set(page.map((o) => o.indicator_id))])
    .where('year', 'in', [...new Set(page.map((o) => o.year))])
    .execute();
  const byKey = new Map<string, typeof others>();
  for (const o of others) {
    const list = byKey.get(keyOf(o));
    if (list) list.push(o);
    else byKey.set(keyOf(o), [o]);
  }
  return page.map((o) => {
    // Values in different units are not compared here (the monitor converts them when it judges).
    const conflicts_with = (byKey.get(keyOf(o)) ?? [])
      .filter((x) => x.id !== o.id && x.unit === o.unit && !sameValue(x.value, o.value))
      .map((x) => x.id);
    return { ...o, conflict: conflicts_with.length > 0, conflicts_with };
  });
}

export async function pageObservations(
  db: Db,
  filter: ObservationFilter = {},
  window?: Window,
): Promise<Paged<ListedObservation>> {
  // Every observation has its region and catalog indicator (foreign keys), so the joins drop no row.
  return pageOf(
    async (w) => withConflicts(db, await listObservations(db, filter, w)),
    () => countRows(observationsQuery(db, filter)),
    window,
  );
}

/** Insert many observations in a few statements; returns their ids in order. */
export async function insertObservations(db: Db, rows: NewObservation[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += OBSERVATION_CHUNK) {
    const inserted = await db
      .insertInto('observations')
      .values(rows.slice(i, i + OBSERVATION_CHUNK))
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => r.id).sort((a, b) => a - b));
  }
  return ids;
}
