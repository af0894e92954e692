// Lantu's quantity grammar beside Microsoft's Recognizers-Text (zh-cn) on the same lines: speed and gold recall.
import { readFileSync } from 'node:fs';
import { recognizeCurrency, recognizeDimension } from '@microsoft/recognizers-text-number-with-unit';
import { recognizeNumber, recognizePercentage } from '@microsoft/recognizers-text-number';
import { findQuantities, parseUnit, toBaseValue, toNumber, decimal } from '../src/quantity/index.js';
import { goldCases } from '../src/eval/index.js';
import { CORPUS_DIR } from './harness.js';
import { fileURLToPath } from 'node:url';

const GOLD_DIR = fileURLToPath(new URL('../fixtures/gold/', import.meta.url));
const CULTURE = 'zh-cn';

/** Recognizers-Text unit names → the base unit and factor Lantu's unit table uses. */
const MS_UNITS: Record<string, { base: string; factor: number }> = {
  'Chinese yuan': { base: '元', factor: 1 },
  'United States dollar': { base: '美元', factor: 1 },
  'Square meter': { base: '平方米', factor: 1 },
  'Square kilometer': { base: '平方米', factor: 1e6 },
  Hectare: { base: '平方米', factor: 1e4 },
  Mu: { base: '平方米', factor: 10000 / 15 },
  Meter: { base: '米', factor: 1 },
  Kilometer: { base: '米', factor: 1000 },
  Ton: { base: '吨', factor: 1 },
  'Cubic meter': { base: '立方米', factor: 1 },
  Kilowatt: { base: '瓦', factor: 1000 },
};

interface GoldQuantity {
  line: string;
  value: number;
  /** Value in the base unit and the base unit, when the unit is known to Lantu's unit table. */
  baseValue: number | null;
  base: string | null;
  unit: string | null;
}

function goldQuantities(): GoldQuantity[] {
  const out: GoldQuantity[] = [];
  for (const { document, gold } of goldCases(CORPUS_DIR, GOLD_DIR)) {
    const lines = readFileSync(document, 'utf8').split('\n');
    for (const q of [...gold.targets, ...gold.achievements]) {
      const unit = q.unit ? parseUnit(q.unit) : null;
      const baseValue = unit ? toNumber(toBaseValue(decimal(String(Math.abs(q.value))), unit)) : null;
      out.push({
        line: lines[q.line - 1] ?? '',
        value: Math.abs(q.value),
        baseValue,
        base: unit?.base ?? null,
        unit: q.unit,
      });
    }
  }
  return out;
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= Math.max(1e-9, Math.abs(b) * 1e-9);

function lantuFinds(q: GoldQuantity): boolean {
  return findQuantities(q.line).some((m) => {
    if (m.kind !== 'quantity' || !close(Math.abs(toNumber(m.value)), q.value)) return false;
    if (!q.unit) return !m.unit;
    if (!m.unit) return false;
    return m.unit.base === q.base || m.unit.symbol === parseUnit(q.unit)?.symbol;
  });
}

interface MsResult {
  typeName: string;
  resolution?: { value?: string; unit?: string };
}

function msRecognize(line: string): MsResult[] {
  return [
    ...(recognizeCurrency(line, CULTURE) as MsResult[]),
    ...(recognizeDimension(line, CULTURE) as MsResult[]),
    ...(recognizePercentage(line, CULTURE) as MsResult[]),
    ...(recognizeNumber(line, CULTURE) as MsResult[]),
  ];
}

function msFinds(q: GoldQuantity, results: MsResult[]): boolean {
  return results.some((r) => {
    const raw = r.resolution?.value;
    if (raw === undefined) return false;
    if (r.typeName === 'percentage')
      return (q.unit === '%' || q.unit === '％') && close(Number(raw.replace('%', '')), q.value);
    if (r.typeName === 'number') return q.unit === null && close(Number(raw), q.value);
    const unit = MS_UNITS[r.resolution?.unit ?? ''];
    return (
      unit !== undefined &&
      unit.base === q.base &&
      q.baseValue !== null &&
      close(Number(raw) * unit.factor, q.baseValue)
    );
  });
}

export interface RecognizerComparison {
  goldQuantities: number;
  lines: number;
  megabytes: number;
  lantuSeconds: number;
  msSeconds: number;
  lantuRecognised: number;
  msRecognised: number;
}

export function compareRecognizers(): RecognizerComparison {
  const gold = goldQuantities();
  const lines = [...new Set(gold.map((q) => q.line))];
  const megabytes = Buffer.byteLength(lines.join('\n')) / 1e6;

  // Lantu is fast enough to need repetitions for a stable time; Recognizers-Text runs once.
  const rounds = 50;
  let start = performance.now();
  for (let r = 0; r < rounds; r++) for (const line of lines) findQuantities(line);
  const lantuSeconds = (performance.now() - start) / 1000 / rounds;

  start = performance.now();
  const msByLine = new Map(lines.map((line) => [line, msRecognize(line)]));
  const msSeconds = (performance.now() - start) / 1000;

  return {
    goldQuantities: gold.length,
    lines: lines.length,
    megabytes,
    lantuSeconds,
    msSeconds,
    lantuRecognised: gold.filter(lantuFinds).length,
    msRecognised: gold.filter((q) => msFinds(q, msByLine.get(q.line) ?? [])).length,
  };
}

export function formatComparison(c: RecognizerComparison): string[] {
  return [
    `same text: ${c.lines} gold lines (${c.megabytes.toFixed(3)} MB) holding ${c.goldQuantities} gold quantities`,
    `Lantu findQuantities             ${(c.lantuSeconds * 1000).toFixed(1).padStart(9)} ms  ${(c.megabytes / c.lantuSeconds).toFixed(2)} MB/s  recognised ${c.lantuRecognised}/${c.goldQuantities}`,
    `Recognizers-Text (zh-cn)         ${(c.msSeconds * 1000).toFixed(1).padStart(9)} ms  ${(c.megabytes / c.msSeconds).toFixed(3)} MB/s  recognised ${c.msRecognised}/${c.goldQuantities}`,
    `time ratio ${(c.msSeconds / c.lantuSeconds).toFixed(0)}× in Lantu's favour; gold quantities recognised with the right value and unit: Lantu ${c.lantuRecognised}, Recognizers-Text ${c.msRecognised}`,
  ];
}
