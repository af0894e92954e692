// Rows as the shape readers see them (labels, values, attribute) and their assembly into indicator rows.
import type { Diagnostic } from '../../diagnostics.js';
import { parseCell } from '../../quantity/index.js';
import type { CellColumn } from '../../quantity/index.js';
import type { SourceText } from '../../text/source-text.js';
import { evidenceAt, type Evidence } from '../../text/span.js';
import { categoryLabel, compact, rawOf, seqText, splitNameUnit } from './cells.js';
import type { IndicatorRow, Piece, RowCells, TableCell, ValueRole } from './types.js';

/** One cell as read: its pieces (several when the cell wraps); an empty cell is one piece with text ''. */
export type Cell = Piece[];

export interface RowDraft {
  kind: 'row';
  /** null when the row has no sequence cell; a cell with raw '' when the cell is empty (merged with the one above). */
  seq: Cell | null;
  /** A category column's cell (left of the sequence number), or null. */
  category?: Cell | null;
  /** Label cells before the values: the last is the indicator name, earlier ones a category or a parent. */
  labels: Cell[];
  /** True when the row leaves its parent slot empty or starts with a name after a finished row: a sub-row. */
  continuesGroup: boolean;
  /** A unit cell of a table with a 单位 column. */
  unit: Cell | null;
  values: Cell[];
  /** null when the row has no attribute cell; a cell with raw '' when the cell is empty. */
  attribute: Cell | null;
}

export interface CategoryDraft {
  kind: 'category';
  label: string;
}

export type Draft = RowDraft | CategoryDraft;

export function pieceEvidence(source: SourceText, pieces: readonly Piece[]): Evidence {
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  return evidenceAt(source, first.start, Math.max(first.start, last.end));
}

function tableCell(
  source: SourceText,
  cell: Cell,
  column: CellColumn | null,
  unit: string | null,
): TableCell {
  const raw = rawOf(cell);
  const context = column ? (unit ? { column, unit } : { column }) : unit ? { unit } : {};
  return { raw, typed: parseCell(raw, context), evidence: pieceEvidence(source, cell) };
}

/** The attribute cell (预期性/约束性) is a word, never a value: it is not read as a quantity. */
function attributeCell(source: SourceText, cell: Cell): TableCell {
  const raw = rawOf(cell);
  const typed: TableCell['typed'] =
    raw === '' ? { kind: 'empty', raw } : { kind: 'qualitative', raw, text: raw };
  return { raw, typed, evidence: pieceEvidence(source, cell) };
}

/**
 * Indicator rows from drafts: categories carry down, sub-rows of a merged parent cell repeat its sequence number and
 * parent, values take the table's value columns left to right, and a sub-row without an attribute shares its
 * siblings' (a merged cell).
 */
export function assembleRows(
  drafts: readonly Draft[],
  roles: readonly ValueRole[],
  source: SourceText,
  diagnostics: Diagnostic[] = [],
): IndicatorRow[] {
  const rows: IndicatorRow[] = [];
  let category: string | null = null;
  let previous: IndicatorRow | null = null;
  for (const draft of drafts) {
    if (draft.kind === 'category') {
      category = draft.label;
      previous = null;
      continue;
    }
    const nameCell = draft.labels[draft.labels.length - 1];
    if (!nameCell) continue;
    const nameRaw = rawOf(nameCell);
    if (draft.category) {
      const raw = rawOf(draft.category);
      category = categoryLabel(raw) ?? raw;
    }
    let parent: string | null = null;
    draft.labels.slice(0, -1).forEach((label, index) => {
      const raw = rawOf(label);
      const asCategory = index === 0 && parent === null ? categoryLabel(raw) : null;
      if (asCategory) category = asCategory;
      else parent = (parent ?? '') + raw;
    });
    const seqRaw = draft.seq ? seqText(rawOf(draft.seq)) : '';
    const inGroup = previous !== null && previous.parent !== null && seqRaw === '' && parent === null;
    const sub = inGroup && draft.continuesGroup;
    if (sub) parent = previous!.parent;
    const seq = seqRaw !== '' ? seqRaw : sub ? previous!.seq : null;

    const parts = splitNameUnit(nameRaw);
    const unit = draft.unit ? compact(rawOf(draft.unit)) || parts.unit : parts.unit;
    const cells: RowCells = {};
    draft.values.forEach((value, index) => {
      const role = roles[index];
      if (role) cells[role] = tableCell(source, value, role, unit);
    });
    if (draft.values.length > roles.length) {
      const extra = draft.values.slice(roles.length).map(rawOf).join(' ');
      diagnostics.push({
        severity: 'warning',
        code: 'table/extra-cells',
        message: `row ${nameRaw} has ${draft.values.length} value cells for ${roles.length} columns; dropped: ${extra}`,
        line: pieceEvidence(source, draft.values[roles.length]!).line,
        expected: `${roles.length} value cells (${roles.join(', ')})`,
      });
    }
    if (draft.attribute) cells.attribute = attributeCell(source, draft.attribute);
    const evidence = pieceEvidence(source, nameCell);
    const row: IndicatorRow = {
      category,
      seq,
      name: parts.name,
      nameRaw: compact(nameRaw),
      unit,
      parent,
      cells,
      line: evidence.line,
      evidence,
      printed: null,
      text: null,
    };
    rows.push(row);
    previous = row;
  }
  shareMergedAttributes(rows);
  return rows;
}

/** Sub-rows of one parent print a merged attribute once: the others take it. */
function shareMergedAttributes(rows: IndicatorRow[]): void {
  for (const row of rows) {
    if (row.cells.attribute || row.parent === null) continue;
    const sibling = rows.find(
      (r) => r !== row && r.parent === row.parent && r.seq === row.seq && r.cells.attribute?.raw,
    );
    if (sibling) row.cells.attribute = sibling.cells.attribute;
  }
}
