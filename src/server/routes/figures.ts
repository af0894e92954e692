// The figures of a document as the reader shows them: every target, reported value and table row with its
// place in the text, its catalog link, and the latest correction an editor made (the original kept beside it).
import type { Kysely } from 'kysely';
import { indicatorById } from '../../catalog/index.js';
import { listAchievements, listIndicatorRows, listTargets, type Database } from '../../store/index.js';
import type { Correction, Figure, FigureFields, FigureKind } from '../contract/index.js';

export type { Correction, Figure, FigureFields, FigureKind };

export const CORRECTABLE: readonly (keyof FigureFields)[] = [
  'indicator',
  'indicator_id',
  'value',
  'value_max',
  'unit',
  'year',
  'comparator',
];

/** The audit-log action under which corrections are kept (append-only: who, when, why, before and after). */
export const CORRECTION_ACTION = 'figure.correct';

type Db = Kysely<Database>;

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The span of a quote on a 1-based line, or nulls when it is not there. */
function placeOnLine(
  text: string,
  starts: number[],
  line: number,
  quote: string,
): { start: number | null; end: number | null } {
  const from = starts[line - 1];
  if (from === undefined || !quote) return { start: null, end: null };
  const to = starts[line] ?? text.length;
  const at = text.slice(from, to).indexOf(quote);
  return at < 0 ? { start: null, end: null } : { start: from + at, end: from + at + quote.length };
}

export async function listCorrections(
  db: Db,
  filter: {
    document_id?: number;
    subject_kind?: FigureKind;
    subject_id?: number;
    /** One correction (its audit-log id). */
    id?: number;
    /** Only corrections a reviewer approved (or that predate approval): what the figures show. */
    counted?: boolean;
  } = {},
): Promise<Correction[]> {
  let query = db
    .selectFrom('audit_log as l')
    .leftJoin('approvals as a', (join) =>
      join.onRef('a.subject_id', '=', 'l.id').on('a.kind', '=', 'correction'),
    )
    .selectAll('l')
    .select(['a.id as approval_id', 'a.state as approval_state', 'a.return_reason'])
    .where('l.action', '=', CORRECTION_ACTION)
    .orderBy('l.id');
  if (filter.id !== undefined) query = query.where('l.id', '=', filter.id);
  if (filter.subject_kind) query = query.where('l.entity', '=', filter.subject_kind);
  if (filter.subject_id !== undefined) query = query.where('l.entity_id', '=', String(filter.subject_id));
  if (filter.counted)
    query = query.where((eb) =>
      eb.or([eb('a.id', 'is', null), eb('a.state', 'not in', ['entered', 'returned'])]),
    );
  const rows = await query.execute();
  return rows
    .map((r) => {
      const detail = (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as {
        document_id: number;
        original: FigureFields;
        corrected: Partial<FigureFields>;
        reason: string;
      };
      return {
        id: r.id,
        subject_kind: r.entity as FigureKind,
        subject_id: Number(r.entity_id),
        document_id: detail.document_id,
        original: detail.original,
        corrected: detail.corrected,
        reason: detail.reason,
        by: r.actor,
        at: r.at,
        approval:
          r.approval_id === null || r.approval_state === null
            ? null
            : { id: r.approval_id, state: r.approval_state, return_reason: r.return_reason },
      };
    })
    .filter((c) => filter.document_id === undefined || c.document_id === filter.document_id);
}

/** Apply every correction of a figure in order: later ones win, the first original is kept. */
export function applyCorrections(figure: Figure, corrections: readonly Correction[]): Figure {
  if (corrections.length === 0) return figure;
  const original = pickFields(figure);
  let current: Figure = figure;
  for (const c of corrections) current = { ...current, ...c.corrected };
  const linked = current.indicator_id ? indicatorById(current.indicator_id) : undefined;
  return {
    ...current,
    indicator_name: linked?.name ?? null,
    original,
    correction: corrections[corrections.length - 1]!,
  };
}

export function pickFields(f: FigureFields): FigureFields {
  return {
    indicator: f.indicator,
    indicator_id: f.indicator_id,
    value: f.value,
    value_max: f.value_max,
    unit: f.unit,
    year: f.year,
    comparator: f.comparator,
  };
}

/** Every figure of a document, in text order, with corrections applied. */
export async function documentFigures(db: Db, documentId: number, text: string): Promise<Figure[]> {
  const [targets, achievements, rows, corrections] = await Promise.all([
    listTargets(db, { document_id: documentId }),
    listAchievements(db, { document_id: documentId }),
    listIndicatorRows(db, { document_id: documentId }),
    listCorrections(db, { document_id: documentId, counted: true }),
  ]);
  const starts = lineStarts(text);
  const nameOf = (id: string | null) => (id ? (indicatorById(id)?.name ?? null) : null);
  const base = { original: null, correction: null, cells: null, document_id: documentId };
  const figures: Figure[] = [
    ...targets.map((t): Figure => ({
      ...base,
      kind: 'target',
      id: t.id,
      line: t.line,
      start: t.start,
      end: t.end,
      quote: t.quote,
      indicator: t.indicator,
      indicator_id: t.indicator_id,
      indicator_name: nameOf(t.indicator_id),
      link_confidence: t.link_confidence,
      value: t.value,
      value_max: t.value_max,
      unit: t.unit,
      year: t.year,
      comparator: t.comparator,
      metric: null,
      aspirational: t.aspirational,
    })),
    ...achievements.map((a): Figure => ({
      ...base,
      kind: 'achievement',
      id: a.id,
      line: a.line,
      start: a.start,
      end: a.end,
      quote: a.quote,
      indicator: a.indicator,
      indicator_id: a.indicator_id,
      indicator_name: nameOf(a.indicator_id),
      link_confidence: a.link_confidence,
      value: a.value,
      value_max: null,
      unit: a.unit,
      year: a.year,
      comparator: null,
      metric: a.metric,
      aspirational: false,
    })),
    ...rows.map((r): Figure => ({
      ...base,
      kind: 'row',
      id: r.id,
      line: r.line,
      // The engine's offsets; a row stored before migration 0006 has none and is placed by its quote.
      ...(r.start !== null && r.end !== null
        ? { start: r.start, end: r.end }
        : placeOnLine(text, starts, r.line, r.quote)),
      quote: r.quote,
      indicator: r.name,
      indicator_id: r.indicator_id,
      indicator_name: nameOf(r.indicator_id),
      link_confidence: r.link_confidence,
      value: r.raw.target_raw ?? null,
      value_max: null,
      unit: r.unit,
      year: null,
      comparator: null,
      metric: r.attribute,
      aspirational: false,
      cells: r.raw,
    })),
  ];
  const bySubject = new Map<string, Correction[]>();
  for (const c of corrections) {
    const key = `${c.subject_kind}:${c.subject_id}`;
    bySubject.set(key, [...(bySubject.get(key) ?? []), c]);
  }
  return figures
    .map((f) => applyCorrections(f, bySubject.get(`${f.kind}:${f.id}`) ?? []))
    .sort((a, b) => a.line - b.line || (a.start ?? 0) - (b.start ?? 0));
}
