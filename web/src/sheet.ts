// Reads the first sheet of an XLSX (or a CSV) in the browser, so an upload's rows can be shown with their errors.
import { strFromU8, unzipSync } from 'fflate';

function xml(bytes: Uint8Array | undefined): Document | null {
  return bytes ? new DOMParser().parseFromString(strFromU8(bytes), 'application/xml') : null;
}

/** Column letters to a 0-based index (A → 0, AA → 26). */
export function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? 'A';
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

function readXlsx(bytes: Uint8Array): string[][] {
  const files = unzipSync(bytes);
  const shared = [...(xml(files['xl/sharedStrings.xml'])?.getElementsByTagName('si') ?? [])].map((si) =>
    [...si.getElementsByTagName('t')].map((t) => t.textContent ?? '').join(''),
  );
  // The first sheet in the workbook's order, as the server reads it.
  const workbook = xml(files['xl/workbook.xml']);
  const rels = xml(files['xl/_rels/workbook.xml.rels']);
  const firstId = workbook?.getElementsByTagName('sheet')[0]?.getAttribute('r:id');
  const target = [...(rels?.getElementsByTagName('Relationship') ?? [])]
    .find((r) => r.getAttribute('Id') === firstId)
    ?.getAttribute('Target');
  const path = target ? `xl/${target.replace(/^\/?xl\//, '')}` : 'xl/worksheets/sheet1.xml';
  const sheet = xml(files[path]);
  if (!sheet) return [];
  const rows: string[][] = [];
  for (const row of sheet.getElementsByTagName('row')) {
    const r = Number(row.getAttribute('r')) - 1;
    const cells: string[] = [];
    for (const c of row.getElementsByTagName('c')) {
      const type = c.getAttribute('t');
      const v = c.getElementsByTagName('v')[0]?.textContent ?? '';
      const text =
        type === 's'
          ? (shared[Number(v)] ?? '')
          : type === 'inlineStr'
            ? (c.getElementsByTagName('t')[0]?.textContent ?? '')
            : v;
      cells[columnIndex(c.getAttribute('r') ?? 'A')] = text;
    }
    rows[r] = Array.from(cells, (x) => x ?? '');
  }
  return Array.from(rows, (x) => x ?? []);
}

function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** The rows of an uploaded file (row 1 is the header), or an empty table when it cannot be read here. */
export function readSheet(bytes: Uint8Array, filename: string): string[][] {
  try {
    if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readXlsx(bytes);
    if (/\.csv$/i.test(filename)) return readCsv(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    // The server says what is wrong with a file the browser cannot read.
  }
  return [];
}
