// Numbers the Chinese way: 万 and 亿 instead of thousands and millions, units written after the number (800亿元).

/** Units that count single things or yuan: large amounts are rewritten with 万 or 亿. */
const SCALABLE_UNITS = new Set([
  '元',
  '人',
  '个',
  '户',
  '家',
  '件',
  '项',
  '辆',
  '吨',
  '平方米',
  '亩',
  '套',
  '张',
  '床',
  '次',
  '人次',
  '',
]);

const DIGITS = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2, useGrouping: false });

/** A number without float noise, at most two decimals (12.30 → 12.3). */
export function formatNumber(value: number | string | null | undefined, digits = 2): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  if (digits === 2) return DIGITS.format(n);
  return new Intl.NumberFormat('zh-CN', { maximumFractionDigits: digits, useGrouping: false }).format(n);
}

/**
 * A quantity as a Chinese report writes it: 800亿元, 13.3万元, 2.5万人, 3.8%; raw counts of yuan or people above
 * ten thousand become 万 / 亿 (123456789元 → 1.23亿元).
 */
export function formatQuantity(value: number | string | null | undefined, unit?: string | null): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = typeof value === 'number' ? value : Number(value);
  const u = unit ?? '';
  if (!Number.isFinite(n)) return `${value}${u}`;
  if (SCALABLE_UNITS.has(u)) {
    const abs = Math.abs(n);
    if (abs >= 1e8) return `${formatNumber(n / 1e8)}亿${u}`;
    if (abs >= 1e4) return `${formatNumber(n / 1e4)}万${u}`;
  }
  return `${formatNumber(n)}${u}`;
}

/** A rate in percent with its sign when asked (年均增长 16.03%). */
export function formatPercent(value: number | null | undefined, signed = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = `${formatNumber(value)}%`;
  return signed && value > 0 ? `+${text}` : text;
}

/** 2021-2025 → 2021—2025年. */
export function formatPeriod(start: number | null | undefined, end: number | null | undefined): string {
  if (!start && !end) return '—';
  if (start === end || !end) return `${start}年`;
  return `${start}—${end}年`;
}

/** An ISO time as 2026-11-23 18:19. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The three kinds of document Lantu reads, in Chinese and English. */
export const DOC_TYPE: Record<string, [zh: string, en: string]> = {
  plan: ['规划纲要', 'Plan'],
  work_report: ['政府工作报告', 'Work report'],
  bulletin: ['统计公报', 'Bulletin'],
};
