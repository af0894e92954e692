// A stored document back in the exchange format (what `lantu extract --format gold` printed when it was ingested).
import type { Kysely } from 'kysely';
import type { GoldExtraction, IndicatorRowOut, AchievementMetric, DocType } from '../../extract/model.js';
import { fromJson } from '../json.js';
import type { Database } from '../schema.js';

type Db = Kysely<Database>;

export async function loadExtraction(
  db: Db,
  documentId: number,
): Promise<(GoldExtraction & { text: string }) | undefined> {
  const doc = await db.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirst();
  if (!doc) return undefined;
  const [outline, tables, rows, targets, achievements, projects] = await Promise.all([
    db
      .selectFrom('headings')
      .select(['level', 'label', 'title', 'line'])
      .where('document_id', '=', documentId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('indicator_tables')
      .selectAll()
      .where('document_id', '=', documentId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('indicator_rows')
      .selectAll()
      .where('document_id', '=', documentId)
      .orderBy('position')
      .execute(),
    db.selectFrom('targets').selectAll().where('document_id', '=', documentId).orderBy('position').execute(),
    db
      .selectFrom('achievements')
      .selectAll()
      .where('document_id', '=', documentId)
      .orderBy('position')
      .execute(),
    db.selectFrom('projects').selectAll().where('document_id', '=', documentId).orderBy('position').execute(),
  ]);
  return {
    doc: doc.filename,
    title: doc.title,
    region: doc.region,
    parent_region: doc.parent_region,
    province: doc.province,
    doc_type: doc.doc_type as DocType,
    period: doc.period,
    vision_year: doc.vision_year,
    text: doc.text,
    outline,
    indicator_tables: tables.map((t) => ({
      caption: t.caption,
      line: t.line,
      columns: fromJson<string[]>(t.columns),
      rows: rows
        .filter((r) => r.table_id === t.id)
        .map((r): IndicatorRowOut => {
          const raw = fromJson<Record<string, string | null>>(r.raw);
          return {
            category: r.category,
            seq: r.seq,
            name: r.name,
            unit: r.unit,
            base_raw: raw.base_raw ?? null,
            target_raw: raw.target_raw ?? null,
            growth_raw: raw.growth_raw ?? null,
            attribute: r.attribute,
            parent: r.parent,
            line: r.line,
            ...('actual_raw' in raw ? { actual_raw: raw.actual_raw ?? null } : {}),
            ...('actual_growth_raw' in raw ? { actual_growth_raw: raw.actual_growth_raw ?? null } : {}),
          };
        }),
    })),
    targets: targets.map((t) => ({
      indicator: t.indicator,
      comparator: t.comparator,
      value: Number(t.value),
      value_max: t.value_max === null ? null : Number(t.value_max),
      unit: t.unit,
      year: t.year,
      aspirational: t.aspirational === 1,
      quote: t.quote,
      line: t.line,
    })),
    achievements: achievements.map((a) => ({
      indicator: a.indicator,
      value: Number(a.value),
      unit: a.unit,
      year: a.year,
      period: a.period,
      metric: a.metric as AchievementMetric,
      quote: a.quote,
      line: a.line,
    })),
    projects: projects.map((p) => ({ name: p.name, investment: p.investment, box: p.box, line: p.line })),
  };
}
