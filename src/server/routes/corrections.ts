// Corrections of extracted figures: an editor fixes what Lantu read (value, unit, year, indicator, link); each
// correction is kept in the append-only audit log with who, when and why, and the original stays untouched.
import { requirePlace } from '../auth.js';
import type { Kysely } from 'kysely';
import { LantuError } from '../../diagnostics.js';
import {
  appendAudit,
  checkEntry,
  type Database,
  deriveRegions,
  enterApproval,
  listCatalog,
  parseDecimal,
  placeOfFigure,
  resolveReviewItem,
} from '../../store/index.js';
import { Correction, CorrectionRequest, Figure } from '../contract/index.js';
import { listRoute } from '../lists.js';
import { actorOf, type Api, type RouteDeps } from './deps.js';
import {
  CORRECTION_ACTION,
  documentFigures,
  listCorrections,
  pickFields,
  type FigureFields,
  type FigureKind,
} from './figures.js';

type Db = Kysely<Database>;

const TABLES = { target: 'targets', achievement: 'achievements', row: 'indicator_rows' } as const;

async function subjectDocument(
  db: Db,
  kind: FigureKind,
  id: number,
): Promise<{ document_id: number; region_id: number | null; text: string }> {
  const row = await db
    .selectFrom(`${TABLES[kind]} as x` as 'targets as x')
    .innerJoin('documents as d', 'd.id', 'x.document_id')
    .select(['x.document_id', 'd.region_id', 'd.text'])
    .where('x.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new LantuError({ code: 'figure/not-found', message: `${kind} ${id} does not exist` });
  return row;
}

/** Check and normalise what the editor typed; errors say which field and what was expected. */
async function cleanChanges(db: Db, changes: Partial<FigureFields>): Promise<Partial<FigureFields>> {
  const out: Partial<FigureFields> = {};
  if (changes.indicator !== undefined) {
    if (!changes.indicator?.trim())
      throw new LantuError({
        code: 'correction/bad-indicator',
        message: 'the indicator name is empty',
        expected: 'the indicator as the text names it',
      });
    out.indicator = changes.indicator.trim();
  }
  for (const key of ['value', 'value_max'] as const) {
    if (changes[key] === undefined) continue;
    if (changes[key] === null || changes[key] === '') {
      out[key] = null;
      continue;
    }
    const value = parseDecimal(String(changes[key]));
    if (value === null)
      throw new LantuError({
        code: 'correction/bad-value',
        message: `${key} "${changes[key]}" is not a number`,
        expected: 'a plain decimal number, e.g. 451.9',
      });
    out[key] = value;
  }
  if (changes.year !== undefined) {
    if (
      changes.year !== null &&
      !(Number.isInteger(changes.year) && changes.year >= 1949 && changes.year <= 2100)
    ) {
      throw new LantuError({
        code: 'correction/bad-year',
        message: `year "${changes.year}" is not a year`,
        expected: 'a four-digit year between 1949 and 2100',
      });
    }
    out.year = changes.year;
  }
  for (const key of ['unit', 'comparator'] as const) {
    if (changes[key] !== undefined) out[key] = changes[key]?.trim() || null;
  }
  if (changes.indicator_id !== undefined) {
    if (
      changes.indicator_id !== null &&
      !(await listCatalog(db)).some((c) => c.id === changes.indicator_id)
    ) {
      throw new LantuError({
        code: 'correction/unknown-indicator',
        message: `catalog indicator "${changes.indicator_id}" does not exist`,
        expected: 'an id from GET /api/catalog, or null to unlink',
      });
    }
    out.indicator_id = changes.indicator_id;
  }
  return out;
}

/** A new catalog link is a person's decision: it closes an open review item or replaces the linker's link. */
async function relink(
  db: Db,
  kind: FigureKind,
  id: number,
  documentId: number,
  indicatorId: string | null,
  by: string,
  reason: string,
): Promise<void> {
  const open = await db
    .selectFrom('review_items')
    .select('id')
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', id)
    .where('state', '=', 'open')
    .executeTakeFirst();
  if (open) {
    await resolveReviewItem(db, open.id, { indicator_id: indicatorId, by, note: reason });
    return;
  }
  await db.deleteFrom('links').where('subject_kind', '=', kind).where('subject_id', '=', id).execute();
  if (indicatorId === null) return;
  await db
    .insertInto('links')
    .values({
      subject_kind: kind,
      subject_id: id,
      document_id: documentId,
      indicator_id: indicatorId,
      confidence: 1,
      method: 'person',
      created_at: new Date().toISOString(),
      created_by: by,
    })
    .execute();
}

/**
 * What an approved correction changes beyond the figure it shows: a new catalog link (and so the region's statuses).
 * Called when a reviewer approves it.
 */
export async function applyApprovedCorrection(db: Db, correctionId: number, by: string): Promise<void> {
  const [correction] = await listCorrections(db, { id: correctionId });
  if (!correction || correction.corrected.indicator_id === undefined) return;
  const subject = await subjectDocument(db, correction.subject_kind, correction.subject_id);
  await relink(
    db,
    correction.subject_kind,
    correction.subject_id,
    subject.document_id,
    correction.corrected.indicator_id,
    by,
    correction.reason,
  );
  // A new link can make a reported value an observation and a plan row judgeable.
  if (subject.region_id !== null) await deriveRegions(db, [subject.region_id], by);
}

/** Record a correction (entered, for review) and return the figure as the reader shows it until it is approved. */
export async function correctFigure(db: Db, request: CorrectionRequest, by: string) {
  if (!request.reason?.trim())
    throw new LantuError({
      code: 'correction/no-reason',
      message: 'a correction needs a reason',
      expected: 'why the figure is wrong, e.g. 原文为 800 亿元',
    });
  const subject = await subjectDocument(db, request.subject_kind, request.subject_id);
  const before = (await documentFigures(db, subject.document_id, subject.text)).find(
    (f) => f.kind === request.subject_kind && f.id === request.subject_id,
  );
  if (!before)
    throw new LantuError({
      code: 'figure/not-found',
      message: `${request.subject_kind} ${request.subject_id} does not exist`,
    });
  const changes = await cleanChanges(db, request.changes ?? {});
  const changed = Object.fromEntries(
    Object.entries(changes).filter(([k, v]) => before[k as keyof FigureFields] !== v),
  ) as Partial<FigureFields>;
  if (Object.keys(changed).length === 0) {
    throw new LantuError({
      code: 'correction/no-change',
      message: 'the correction changes nothing',
      expected: 'at least one field different from what is shown',
    });
  }
  const year = changed.year !== undefined ? changed.year : before.year;
  const place = {
    kind: 'correction' as const,
    region_id: subject.region_id,
    document_id: subject.document_id,
    year,
  };
  // The correction is entered (填报); the reader and the statuses show it once a reviewer approves it.
  await db.transaction().execute(async (trx) => {
    // The write first: on SQLite a transaction that reads first cannot wait for the write lock (SQLITE_BUSY).
    const id = await appendAudit(trx, {
      actor: by,
      action: CORRECTION_ACTION,
      entity: request.subject_kind,
      entity_id: request.subject_id,
      detail: {
        document_id: subject.document_id,
        original: pickFields(before.original ?? before),
        corrected: changed,
        reason: request.reason.trim(),
      },
    });
    const revises = await checkEntry(
      trx,
      place,
      request.revises === undefined ? undefined : { subject_id: request.revises, reason: request.reason },
    );
    await enterApproval(trx, { ...place, subject_id: id, by, revises, reason: request.reason });
  });
  const after = (await documentFigures(db, subject.document_id, subject.text)).find(
    (f) => f.kind === request.subject_kind && f.id === request.subject_id,
  );
  return after!;
}

export function registerCorrectionRoutes(app: Api, deps: RouteDeps): void {
  const { db } = deps;
  app.post(
    '/api/corrections',
    {
      config: { access: 'review' },
      schema: {
        tags: ['review'],
        summary:
          'correct an extracted figure (who: the signed-in user, when, why; entered for review, shown once approved); the original is kept',
        body: CorrectionRequest,
        response: { 201: Figure },
      },
    },
    async (request, reply) => {
      const { subject_kind, subject_id } = request.body;
      await requirePlace(
        db,
        request,
        await placeOfFigure(db, subject_kind, subject_id),
        `${subject_kind} ${subject_id}`,
      );
      return reply.code(201).send(await correctFigure(db, request.body, actorOf(request)));
    },
  );

  listRoute<{ document_id?: number; subject_kind?: FigureKind; subject_id?: number }>(app, {
    path: '/api/corrections',
    access: 'read',
    name: 'corrections',
    tag: 'review',
    summary: 'every correction of an extracted figure, oldest first, with the original and the reason',
    filters: {
      document_id: { type: 'integer', description: 'document id' },
      subject_kind: { type: 'string', enum: ['target', 'achievement', 'row'] },
      subject_id: { type: 'integer', description: 'figure id' },
    },
    item: Correction,
    load: async (q) => listCorrections(db, q),
  });
}
