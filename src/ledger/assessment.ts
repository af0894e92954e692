// 考核: a score per unit from a configurable scheme, with the components shown so a unit can see why.

export interface AssessmentScheme {
  /** Points for reporting on time: the share of owed reports that were made. */
  reporting: number;
  /** Points for tasks done: the share of tasks due by now that are closed. */
  completion: number;
  /** Points for the unit's indicators: the share judged 提前实现/快于预期/基本符合预期/达标. */
  indicators: number;
}

/** The default weights (100 points), which an office changes to its own 考核办法. */
export const DEFAULT_SCHEME: AssessmentScheme = { reporting: 30, completion: 40, indicators: 30 };

/** Labels that count as on track for the indicator part of the score. */
export const ON_TRACK_LABELS: ReadonlySet<string> = new Set(['提前实现', '快于预期', '基本符合预期', '达标']);

export interface UnitRecord {
  unit_id: number;
  unit: string;
  reportsOwed: number;
  reportsMade: number;
  tasksDue: number;
  tasksDone: number;
  /** The latest status label of every indicator the unit leads. */
  indicatorLabels: readonly string[];
}

export interface UnitScore {
  unit_id: number;
  unit: string;
  score: number;
  rank: number;
  components: Array<{
    part: keyof AssessmentScheme;
    label: string;
    ratio: number | null;
    points: number;
    of: number;
  }>;
}

const LABELS: Record<keyof AssessmentScheme, string> = {
  reporting: '按时报送',
  completion: '任务完成',
  indicators: '指标进展',
};

/** A part with nothing to judge (no report owed yet) gives full points: a unit is not punished for that. */
function part(of: number, numerator: number, denominator: number): { ratio: number | null; points: number } {
  if (denominator === 0) return { ratio: null, points: of };
  const ratio = numerator / denominator;
  return { ratio, points: Math.round(of * ratio * 10) / 10 };
}

/** Scores and ranks (1 = best; equal scores share a rank). */
export function assessUnits(
  records: readonly UnitRecord[],
  scheme: AssessmentScheme = DEFAULT_SCHEME,
): UnitScore[] {
  const scored = records.map((r) => {
    const onTrack = r.indicatorLabels.filter((l) => ON_TRACK_LABELS.has(l)).length;
    const parts = {
      reporting: part(scheme.reporting, r.reportsMade, r.reportsOwed),
      completion: part(scheme.completion, r.tasksDone, r.tasksDue),
      indicators: part(scheme.indicators, onTrack, r.indicatorLabels.length),
    };
    const components = (Object.keys(parts) as Array<keyof AssessmentScheme>).map((key) => ({
      part: key,
      label: LABELS[key],
      ...parts[key],
      of: scheme[key],
    }));
    const score = Math.round(components.reduce((sum, c) => sum + c.points, 0) * 10) / 10;
    return { unit_id: r.unit_id, unit: r.unit, score, rank: 0, components };
  });
  scored.sort((a, b) => b.score - a.score || a.unit.localeCompare(b.unit, 'zh'));
  scored.forEach(
    (s, i) => (s.rank = i > 0 && scored[i - 1]!.score === s.score ? scored[i - 1]!.rank : i + 1),
  );
  return scored;
}
