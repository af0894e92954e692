// Running the plan linter (src/monitor) on a region's stored plans and keeping each finding with both citations.
import type { Insertable, Kysely } from 'kysely';
import { lintPlan, type Finding as LintFinding, type LintInput } from '../monitor/index.js';
import { canonicalJson, fromJson, now, toJson } from './json.js';
import { deleteIds, matchByKey } from './replace.js';
import { loadExtractions } from './repositories/extraction.js';
import { isCurrentDocument } from './current.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

type Elsewhere = NonNullable<LintInput['elsewhere']>[number];

/** The linter itself, or the same run in a worker thread. */
export type Linter = (input: LintInput) => LintFinding[] | Promise<LintFinding[]>;

/** Plans loaded (with their text) at a time: bounds memory for regions with hundreds of plans. */
const PLAN_BATCH = 25;

/** Rows per INSERT: 7 columns × 500 stays under both engines' bound-parameter limits. */
const FINDING_CHUNK = 500;

/**
 * What the region's reports and bulletins say, for checking plans against: one entry per distinct content,
 * in document order. A copy that says exactly what an earlier document says cannot add a finding (the linter
 * reports each disagreeing value once, at its first place), so it is read once instead of once per plan.
 */
async function reportedElsewhere(
  db: Db,
  regionId: number,
): Promise<{ elsewhere: Elsewhere[]; ids: Map<string, number> }> {
  const reports = await db
    .selectFrom('documents')
    .select('id')
    .where('region_id', '=', regionId)
    .where('doc_type', '!=', 'plan')
    .where(isCurrentDocument('documents'))
    .orderBy('id')
    .execute();
  const loaded = await loadExtractions(
    db,
    reports.map((r) => r.id),
    { text: false },
  );
  const elsewhere: Elsewhere[] = [];
  const ids = new Map<string, number>();
  const seen = new Set<string>();
  for (const { id } of reports) {
    const x = loaded.get(id);
    if (!x) continue;
    if (!ids.has(x.doc)) ids.set(x.doc, id);
    const content = JSON.stringify([x.achievements, x.indicator_tables, x.period]);
    if (seen.has(content)) continue;
    seen.add(content);
    elsewhere.push({
      doc: x.doc,
      achievements: x.achievements,
      indicator_tables: x.indicator_tables,
      period: x.period,
    });
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
    const extractions = await loadExtractions(db, batch);
    // A plan is checked against what was reported (work reports, bulletins), not against other plans.
    const linted = await Promise.all(
      batch.map(async (planId) => {
        const x = extractions.get(planId);
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
    // A plan whose extraction is gone has no findings any more.
    for (const planId of batch)
      if (!extractions.has(planId))
        await db.deleteFrom('findings').where('document_id', '=', planId).execute();
  }
  return stored;
}
