// Linking what a document names (row, target, reported value) to a catalog indicator, or to review with candidates.
import { linkIndicator, type LinkResult } from '../catalog/index.js';

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

/**
 * Link a name with its unit. A reported growth rate whose name is the level's (生产总值 … 增长 6.5%, metric growth)
 * is tried as the growth indicator too, since the sentence, not the name, says it is a rate.
 */
export function linkName(name: string, unit: string | null, metric?: string | null): LinkDecision {
  const first = decision(linkIndicator(name, { unit }));
  if (first.indicator_id || metric !== 'growth' || /增长|增速|增幅|降低|下降/.test(name)) return first;
  const growth = decision(linkIndicator(`${name}增长`, { unit }));
  return growth.indicator_id ? growth : first;
}
