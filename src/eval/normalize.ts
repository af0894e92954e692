// Text normalisation of the scoring rules: NFKC, no whitespace, one bracket style, one empty cell.

const BRACKETS: Record<string, string> = { '〔': '[', '〕': ']', '【': '[', '】': ']', '＜': '<', '＞': '>' };

export function normalizeText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = value
    .replace(/[〔〕【】＜＞]/g, (ch) => BRACKETS[ch]!)
    .normalize('NFKC')
    .replace(/\s+/g, '');
  return text === '—' || text === '-' || text === '/' ? '' : text;
}

/** A name without its trailing unit in parentheses: 地区生产总值（亿元） → 地区生产总值. */
export function withoutUnitSuffix(name: string): string {
  return name.replace(/[（(][^（）()]*[）)]$/, '');
}
