// The ledger's one date rule: 完成时限 and project dates as offices write them, read to an ISO day.

/** The forms a date may take, for messages that say what was expected. */
export const DATE_FORMS = '2025-12-31, 2025年12月31日, 2025年12月 or 2025年底';

/** 2025-12-31, 2025年12月31日, 2025年6月 (its last day), 2025年底/年末/年 → YYYY-MM-DD; null when not a date. */
export function parseDeadline(text: string): string | null {
  const t = text.trim().replace(/\s+/g, '');
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (m) {
    const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    const date = new Date(`${iso}T00:00:00Z`);
    // 2025-02-30 is no day: Date would roll it into March.
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
  }
  m = /^(\d{4})[-/.年](\d{1,2})月?(?:底|末)?$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0));
    return last.toISOString().slice(0, 10);
  }
  m = /^(\d{4})年?(?:底|末|年底|年末)?(?:前)?$/.exec(t);
  if (m) return `${m[1]}-12-31`;
  // A spreadsheet date cell read back as an ISO timestamp.
  m = /^(\d{4}-\d{2}-\d{2})T/.exec(t);
  return m ? m[1]! : null;
}
