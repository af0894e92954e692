// Running the plan linter (src/monitor) on a region's stored plans and keeping each finding with both citations.
import type { Insertable, Kysely, Selectable } from 'kysely';
import {
  lintPlan,
  type Finding as LintFinding,
  type LintDocument,
  type LintInput,
  type LintRow,
  type LintTable,
} from '../monitor/index.js';
import { canonicalJson, fromJson, now, toJson } from './json.js';
import { deleteIds, matchByKey } from './replace.js';
import { isCurrentDocument } from './current.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

/** The linter itself, or the same run in a worker thread. */
export type Linter = (input: LintInput) => LintFinding[] | Promise<LintFinding[]>;

/** Plans loaded (with their text) at a time: bounds memory for regions with hundreds of plans. */
const PLAN_BATCH = 25;

/** Documents named in one `in (…)` list. */
const ID_BATCH = 200;

/** Rows per INSERT: 7 columns × 500 stays under both engines' bound-parameter limits. */
const FINDING_CHUNK = 500;

type StoredRow = Pick<Selectable<Database['indicator_rows']>, 'table_id' | 'name' | 'unit' | 'line'> &
  Pick<LintRow, 'typed'>;

function byKey<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

/**
 * Stored documents as the linter reads them: their typed rows, targets, reported values and projects as stored
 * (exact decimal text, the engine's line and quote), in document order; the text only when asked for.
 */
async function lintDocuments(
  db: Db,
  documentIds: readonly number[],
  options: { text: boolean },
): Promise<Map<number, LintDocument & { text?: string }>> {
  const out = new Map<number, LintDocument & { text?: string }>();
  for (let i = 0; i < documentIds.length; i += ID_BATCH) {
    const ids = documentIds.slice(i, i + ID_BATCH);
    if (ids.length === 0) continue;
    const [docs, texts, tables, rows, targets, achievements, projects] = await Promise.all([
      db.selectFrom('documents').select(['id', 'filename', 'period']).where('id', 'in', ids).execute(),
      options.text
        ? db.selectFrom('documents').select(['id', 'text']).where('id', 'in', ids).execute()
        : Promise.resolve([]),
      db
        .selectFrom('indicator_tables')
        .select(['id', 'document_id', 'caption', 'columns'])
        .where('document_id', 'in', ids)
        .orderBy('document_id')
        .orderBy('position')
        .execute(),
      db
        .selectFrom('indicator_rows')
        .select(['table_id', 'name', 'unit', 'line', 'typed'])
        .where('document_id', 'in', ids)
        .orderBy('table_id')
        .orderBy('position')
        .execute(),
      db
        .selectFrom('targets')
        .select(['document_id', 'indicator', 'value', 'value_max', 'unit', 'year', 'aspirational'])
        .select(['line', 'quote'])
        .where('document_id', 'in', ids)
        .orderBy('document_id')
        .orderBy('position')
        .execute(),
      db
        .selectFrom('achievements')
        .select(['document_id', 'indicator', 'value', 'unit', 'year', 'period', 'metric', 'line', 'quote'])
        .where('document_id', 'in', ids)
        .orderBy('document_id')
        .orderBy('position')
        .execute(),
      db
        .selectFrom('projects')
        .select(['document_id', 'name', 'investment', 'box', 'line'])
        .where('document_id', 'in', ids)
        .orderBy('document_id')
        .orderBy('position')
        .execute(),
    ]);
    const rowsOf = byKey(
      rows.map((r): StoredRow => ({ ...r, typed: fromJson<LintRow['typed']>(r.typed) })),
      (r) => r.table_id,
    );
    const tablesOf = byKey(
      tables.map((t): LintTable & { document_id: number } => ({
        document_id: t.document_id,
        caption: t.caption,
        columns: fromJson<string[]>(t.columns),
        rows: (rowsOf.get(t.id) ?? []).map(({ name, unit, line, typed }) => ({ name, unit, line, typed })),
      })),
      (t) => t.document_id,
    );
    const targetsOf = byKey(targets, (t) => t.document_id);
    const achievementsOf = byKey(achievements, (a) => a.document_id);
    const projectsOf = byKey(projects, (p) => p.document_id);
    const without = <T extends { document_id: number }>(list: T[] | undefined) =>
      (list ?? []).map(({ document_id: _, ...rest }) => rest);
    const textOf = new Map(texts.map((t) => [t.id, t.text]));
    for (const d of docs)
      out.set(d.id, {
        doc: d.filename,
        period: d.period,
        ...(options.text ? { text: textOf.get(d.id) ?? '' } : {}),
        tables: without(tablesOf.get(d.id)),
        targets: without(targetsOf.get(d.id)),
        achievements: without(achievementsOf.get(d.id)),
        projects: without(projectsOf.get(d.id)),
      });
  }
  return out;
}

/**
 * What the region's reports and bulletins say, for checking plans against: one entry per distinct content,
 * in document order. A copy that says exactly what an earlier document says cannot add a finding (the linter
 * reports each disagreeing value once, at its first place), so it is read once instead of once per plan.
 */
async function reportedElsewhere(
  db: Db,
  regionId: number,
): Promise<{ elsewhere: LintDocument[]; ids: Map<string, number> }> {
  const reports = await db
    .selectFrom('documents')
    .select('id')
    .where('region_id', '=', regionId)
    .where('doc_type', '!=', 'plan')
    .where(isCurrentDocument('documents'))
    .orderBy('id')
    .execute();
  const loaded = await lintDocuments(
    db,
    reports.map((r) => r.id),
    { text: false },
  );
  const elsewhere: LintDocument[] = [];
  const ids = new Map<string, number>();
  const seen = new Set<string>();
  for (const { id } of reports) {
    const x = loaded.get(id);
    if (!x) continue;
    if (!ids.has(x.doc)) ids.set(x.doc, id);
    // Only what the linter reads of a report counts (a plan's targets and projects are never checked against).
    const content = JSON.stringify([x.achievements, x.tables, x.period]);
    if (seen.has(content)) continue;
    seen.add(content);
    elsewhere.push({ doc: x.doc, achievements: x.achievements, tables: x.tables, period: x.period });
  }
  return { elsewhere, ids };
}

type NewFinding = Insertable<Database['findings']>;

/** What a finding says (not when): two lint runs that find the same give the same key. */
function findingKey(f: {
  check: string;
  severity: string;
  message: string;
  citations: unknown;
  details: unknown;
}) {
  return canonicalJson([f.check, f.severity, f.message, fromJson(f.citations), fromJson(f.details)]);
}

/** Replace a plan's findings in place: one found again keeps its id and time; the rest go or come. */
async function replaceFindings(db: Db, planId: number, values: NewFinding[]): Promise<void> {
  const stored = await db
    .selectFrom('findings')
    .select(['id', 'check', 'severity', 'message', 'citations', 'details'])
    .where('document_id', '=', planId)
    .execute();
  const { missing, stale } = matchByKey(stored, values, findingKey, findingKey);
  await deleteIds(db, 'findings', stale);
  for (let j = 0; j < missing.length; j += FINDING_CHUNK)
    await db
      .insertInto('findings')
      .values(missing.slice(j, j + FINDING_CHUNK))
      .execute();
}

/** Lint the given plans of a region against their own text and the region's reports; returns findings stored. */
export async function lintRegion(
  db: Db,
  regionId: number,
  plans: ReadonlyArray<{ id: number }>,
  lint: Linter = lintPlan,
): Promise<number> {
  if (plans.length === 0) return 0;
  const { elsewhere, ids } = await reportedElsewhere(db, regionId);
  let stored = 0;
  for (let i = 0; i < plans.length; i += PLAN_BATCH) {
    const batch = plans.slice(i, i + PLAN_BATCH).map((p) => p.id);
    const loaded = await lintDocuments(db, batch, { text: true });
    // A plan is checked against what was reported (work reports, bulletins), not against other plans.
    const linted = await Promise.all(
      batch.map(async (planId) => {
        const x = loaded.get(planId);
        return x ? { planId, x, findings: await lint({ ...x, elsewhere }) } : null;
      }),
    );
    for (const one of linted) {
      if (!one) continue;
      const { planId, x, findings } = one;
      const createdAt = now();
      const values = findings.map((f) => ({
        document_id: planId,
        check: f.code,
        severity: f.severity,
        message: f.message,
        citations: toJson(
          f.places.map((p) => ({
            document_id: p.doc === x.doc ? planId : (ids.get(p.doc) ?? null),
            doc: p.doc,
            line: p.line,
            quote: p.quote,
            ...(p.note ? { note: p.note } : {}),
          })),
        ),
        details: toJson({ indicator: f.indicator }),
        created_at: createdAt,
      }));
      await replaceFindings(db, planId, values);
      stored += values.length;
    }
    // A plan no longer stored has no findings any more.
    for (const planId of batch)
      if (!loaded.has(planId)) await db.deleteFrom('findings').where('document_id', '=', planId).execute();
  }
  return stored;
}
