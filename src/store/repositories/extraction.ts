// A stored document back in the exchange format (what `lantu extract --format gold` printed when it was ingested),
// for the export GET /api/documents/:id/extraction only: derive and the linter read the stored typed rows.
import type { Kysely } from 'kysely';
import type {
  AchievementMetric,
  AchievementOut,
  DocType,
  GoldExtraction,
  IndicatorRowOut,
  IndicatorTableOut,
} from '../../extract/model.js';
import { fromJson } from '../json.js';
import type { Database } from '../schema.js';

type Db = Kysely<Database>;

export type StoredExtraction = GoldExtraction & { text: string };

/** Documents per batch: each query names at most this many ids. */
const BATCH = 200;

function byDocument<T extends { document_id: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(r.document_id);
    if (list) list.push(r);
    else out.set(r.document_id, [r]);
  }
  return out;
}

/**
 * Several stored documents in the exchange format, with six queries per batch of documents (not six per
 * document). `text: false` leaves the text empty for callers that only read the figures.
 */
export async function loadExtractions(
  db: Db,
  documentIds: readonly number[],
  options: { text?: boolean } = {},
): Promise<Map<number, StoredExtraction>> {
  const out = new Map<number, StoredExtraction>();
  for (let i = 0; i < documentIds.length; i += BATCH) {
    const ids = [...documentIds.slice(i, i + BATCH)];
    if (ids.length === 0) continue;
    const docsQuery = db
      .selectFrom('documents')
      .select([
        'id',
        'filename',
        'title',
        'region',
        'parent_region',
        'province',
        'doc_type',
        'period',
        'vision_year',
      ])
      .where('id', 'in', ids);
    const [docs, texts, outline, tables, rows, targets, achievements, projects] = await Promise.all([
      docsQuery.execute(),
      options.text === false
        ? Promise.resolve([])
        : db.selectFrom('documents').select(['id', 'text']).where('id', 'in', ids).execute(),
      db
        .selectFrom('headings')
        .select(['document_id', 'level', 'label', 'title', 'line'])
        .where('document_id', 'in', ids)
        .orderBy('document_id')
        .orderBy('position')
        .execute(),
      db
        .selectFrom('indicator_tables')
        .selectAll()
        .where('document_id', 'in', ids)
        .orderBy('document_id')
        .orderBy('position')
        .execute(),
      db
        .selectFrom('indicator_rows')
        .selectAll()
        .where('document_id', 'in', ids)
        .orderBy('document_id')
        .orderBy('table_id')
        .orderBy('position')
        .execute(),
      db
        .selectFrom('targets')
        .selectAll()
        .where('document_id', 'in', ids)
        .orderBy('document_id')
        .orderBy('position')
        .execute(),
      db
        .selectFrom('achievements')
        .selectAll()
        .where('document_id', 'in', ids)
        .orderBy('document_id')
        .orderBy('position')
        .execute(),
      db
        .selectFrom('projects')
        .selectAll()
        .where('document_id', 'in', ids)
        .orderBy('document_id')
        .orderBy('position')
        .execute(),
    ]);
    const textOf = new Map(texts.map((t) => [t.id, t.text]));
    const outlineOf = byDocument(outline);
    const tablesOf = byDocument(tables);
    const rowsOf = new Map<number, typeof rows>();
    for (const r of rows) {
      const list = rowsOf.get(r.table_id);
      if (list) list.push(r);
      else rowsOf.set(r.table_id, [r]);
    }
    const targetsOf = byDocument(targets);
    const achievementsOf = byDocument(achievements);
    const projectsOf = byDocument(projects);
    for (const doc of docs) {
      out.set(doc.id, {
        doc: doc.filename,
        title: doc.title,
        region: doc.region,
        parent_region: doc.parent_region,
        province: doc.province,
        doc_type: doc.doc_type as DocType,
        period: doc.period,
        vision_year: doc.vision_year,
        text: textOf.get(doc.id) ?? '',
        outline: (outlineOf.get(doc.id) ?? []).map(({ level, label, title, line }) => ({
          level,
          label,
          title,
          line,
        })),
        indicator_tables: (tablesOf.get(doc.id) ?? []).map((t): IndicatorTableOut => ({
          caption: t.caption,
          line: t.line,
          columns: fromJson<string[]>(t.columns),
          rows: (rowsOf.get(t.id) ?? []).map((r): IndicatorRowOut => {
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
        targets: (targetsOf.get(doc.id) ?? []).map((t) => ({
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
        achievements: (achievementsOf.get(doc.id) ?? []).map((a): AchievementOut => ({
          indicator: a.indicator,
          value: Number(a.value),
          unit: a.unit,
          year: a.year,
          period: a.period,
          metric: a.metric as AchievementMetric,
          quote: a.quote,
          line: a.line,
        })),
        projects: (projectsOf.get(doc.id) ?? []).map((p) => ({
          name: p.name,
          investment: p.investment,
          box: p.box,
          line: p.line,
        })),
      });
    }
  }
  return out;
}

export async function loadExtraction(db: Db, documentId: number): Promise<StoredExtraction | undefined> {
  return (await loadExtractions(db, [documentId])).get(documentId);
}
