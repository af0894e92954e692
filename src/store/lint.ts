// Running the plan linter (src/monitor) on a region's stored plans and keeping each finding with both citations.
import type { Kysely } from 'kysely';
import { lintPlan, type Finding as LintFinding } from '../monitor/index.js';
import { now, toJson } from './json.js';
import { loadExtraction } from './repositories/extraction.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

/** Lint every plan of a region against its own text and the region's other documents; returns findings stored. */
export async function lintRegion(
  db: Db,
  regionId: number,
  plans: ReadonlyArray<{ id: number }>,
): Promise<number> {
  if (plans.length === 0) return 0;
  const docs = await db
    .selectFrom('documents')
    .select(['id', 'filename'])
    .where('region_id', '=', regionId)
    .execute();
  const idByName = new Map(docs.map((d) => [d.filename, d.id]));
  const extractions = new Map<number, NonNullable<Awaited<ReturnType<typeof loadExtraction>>>>();
  for (const d of docs) {
    const x = await loadExtraction(db, d.id);
    if (x) extractions.set(d.id, x);
  }
  let stored = 0;
  for (const plan of plans) {
    const x = extractions.get(plan.id);
    if (!x) continue;
    // A plan is checked against what was reported (work reports, bulletins), not against other plans.
    const elsewhere = [...extractions.entries()]
      .filter(([id, other]) => id !== plan.id && other.doc_type !== 'plan')
      .map(([, other]) => ({
        doc: other.doc,
        achievements: other.achievements,
        indicator_tables: other.indicator_tables,
        period: other.period,
      }));
    const findings: LintFinding[] = lintPlan({ ...x, elsewhere });
    await db.deleteFrom('findings').where('document_id', '=', plan.id).execute();
    const values = findings.map((f) => ({
      document_id: plan.id,
      check: f.code,
      severity: f.severity,
      message: f.message,
      citations: toJson(
        f.places.map((p) => ({
          document_id: idByName.get(p.doc) ?? null,
          doc: p.doc,
          line: p.line,
          quote: p.quote,
          ...(p.note ? { note: p.note } : {}),
        })),
      ),
      details: toJson({ indicator: f.indicator }),
      created_at: now(),
    }));
    for (let i = 0; i < values.length; i += 100)
      await db
        .insertInto('findings')
        .values(values.slice(i, i + 100))
        .execute();
    stored += values.length;
  }
  return stored;
}
