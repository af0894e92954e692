// Linking what a document names (row, target, reported value) to a catalog indicator, or to review with candidates.
import { INDICATORS, linkIndicator, type LinkResult } from '../catalog/index.js';
import type { Extraction } from '../extract/model.js';

export interface Candidate {
  indicator_id: string;
  name: string;
  score: number;
  via: string;
  matched: string;
}

export interface LinkDecision {
  /** The confidently linked indicator, else null (the subject goes to the review queue). */
  indicator_id: string | null;
  confidence: number;
  candidates: Candidate[];
  /** Why it needs review: `no-candidate`, `ambiguous` or `low-confidence`. */
  reason: string | null;
}

function decision(result: LinkResult): LinkDecision {
  const candidates = result.candidates.map((c) => ({
    indicator_id: c.indicator.id,
    name: c.indicator.name,
    score: Math.round(c.score * 1000) / 1000,
    via: c.via,
    matched: c.matched,
  }));
  if (result.confident && result.best) {
    return {
      indicator_id: result.best.indicator.id,
      confidence: result.best.score,
      candidates,
      reason: null,
    };
  }
  const reason =
    candidates.length === 0 ? 'no-candidate' : candidates[0]!.score >= 0.999 ? 'ambiguous' : 'low-confidence';
  return { indicator_id: null, confidence: candidates[0]?.score ?? 0, candidates, reason };
}

/** Names repeat across documents (every plan has 地区生产总值), so decisions are remembered; bounded. */
const remembered = new Map<string, LinkDecision>();
const REMEMBER_AT_MOST = 20_000;

/**
 * Link a name with its unit. A reported growth rate whose name is the level's (生产总值 … 增长 6.5%, metric growth)
 * is tried as the growth indicator too, since the sentence, not the name, says it is a rate. The decision is a
 * pure function of its arguments and the catalog, so it is computed once per distinct (name, unit, metric).
 */
export function linkName(name: string, unit: string | null, metric?: string | null): LinkDecision {
  const key = `${name}\u0000${unit ?? ''}\u0000${metric === 'growth' ? 'growth' : ''}`;
  const known = remembered.get(key);
  if (known) return known;
  const decided = decide(name, unit, metric);
  if (remembered.size >= REMEMBER_AT_MOST) remembered.clear();
  remembered.set(key, decided);
  return decided;
}

function decide(name: string, unit: string | null, metric?: string | null): LinkDecision {
  const first = decision(linkIndicator(name, { unit }));
  if (first.indicator_id || metric !== 'growth' || /增长|增速|增幅|降低|下降/.test(name)) return first;
  const growth = decision(linkIndicator(`${name}增长`, { unit }));
  return growth.indicator_id ? growth : first;
}

/** The links of one document's subjects, in extraction order: table rows (per table), targets, reported values. */
export interface DocumentLinks {
  rows: LinkDecision[][];
  targets: LinkDecision[];
  achievements: LinkDecision[];
}

/** Link every subject of an extraction (pure; runs in the reading workers so the writer only writes). */
export function linkExtraction(x: Extraction): DocumentLinks {
  return {
    rows: x.tables.map((table) => table.rows.map((row) => linkName(row.name, row.unit))),
    targets: x.targets.map((t) => linkName(t.indicator, t.unit)),
    achievements: linkAchievements(x.achievements),
  };
}

/** A rate named only by its comparison (比上年, 按可比价格计算比上年): the subject is the figure just before it. */
const CHANGE_ONLY = /^(?:按[^，。；]{0,10}计算)?(?:比上年|同比|较上年|比上年同期)$/;

/**
 * Reported values in order. A growth rate whose name is only its comparison (实现地区生产总值468.2亿元，比上年增长6.9%)
 * is the growth of the level reported just before it, so it links to that indicator's growth indicator.
 */
function linkAchievements(achievements: Extraction['achievements']): LinkDecision[] {
  const out: LinkDecision[] = [];
  achievements.forEach((a, i) => {
    const own = linkName(a.indicator, a.unit, a.metric);
    const before = out[i - 1];
    const prev = achievements[i - 1];
    if (
      own.indicator_id ||
      a.metric !== 'growth' ||
      !CHANGE_ONLY.test(a.indicator) ||
      !before?.indicator_id
    ) {
      out.push(own);
      return;
    }
    const growth =
      prev?.metric === 'level' ? INDICATORS.find((d) => d.growthOf === before.indicator_id) : undefined;
    out.push(
      growth
        ? {
            indicator_id: growth.id,
            confidence: before.confidence,
            candidates: [
              {
                indicator_id: growth.id,
                name: growth.name,
                score: before.confidence,
                via: 'exact',
                matched: prev!.indicator,
              },
            ],
            reason: null,
          }
        : own,
    );
  });
  return out;
}

/** Whether precomputed links still fit the extraction (same number of subjects everywhere). */
export function linksFit(links: DocumentLinks | undefined, x: Extraction): links is DocumentLinks {
  return (
    links !== undefined &&
    links.targets.length === x.targets.length &&
    links.achievements.length === x.achievements.length &&
    links.rows.length === x.tables.length &&
    links.rows.every((rows, i) => rows.length === x.tables[i]!.rows.length)
  );
}

/** Below this best-candidate score a name is not an indicator candidate (15分钟, 突破关键技术): not worth a person's time. */
export const REVIEW_FLOOR = 0.6;

/**
 * Whether an unlinked subject goes to the review queue: a table row always (a table lists indicators), a target
 * or reported value only when its best candidate is close enough to be a real indicator. The others stay stored,
 * unlinked, and can still be linked from the reader.
 */
export function worthReview(kind: 'row' | 'target' | 'achievement', link: LinkDecision): boolean {
  if (link.indicator_id) return false;
  return kind === 'row' || (link.candidates[0]?.score ?? 0) >= REVIEW_FLOOR;
}
