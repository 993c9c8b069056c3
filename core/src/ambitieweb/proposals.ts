/**
 * What the radar chart shows while a session runs: per axis how many proposed each level, the
 * median and how far apart the proposals are, beside the score the organiser settled.
 */
import type { LocalizedText } from '../content/schema.js';
import { AMBITION_SCORES, type AmbitionScore, type AmbitionWeb } from './model.js';

export interface AxisSummary {
  axisId: string;
  name: LocalizedText;
  /** How many proposed each level, 0 to 3. */
  counts: Record<AmbitionScore, number>;
  proposals: number;
  /** The median level (a half when the two middle proposals differ); null without proposals. */
  median: number | null;
  min: AmbitionScore | null;
  max: AmbitionScore | null;
  /** Highest minus lowest proposal: 0 is agreement, 3 is as far apart as can be. */
  spread: number | null;
  /** The settled score, when the organiser has settled the axis. */
  settled?: AmbitionScore;
}

const emptyCounts = (): Record<AmbitionScore, number> => ({ 0: 0, 1: 0, 2: 0, 3: 0 });

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

/** One summary per axis, in the web's order, counting each participant's latest proposal once. */
export function summariseProposals(web: Pick<AmbitionWeb, 'axes' | 'proposals' | 'scores'>): AxisSummary[] {
  const latest = new Map<string, AmbitionWeb['proposals'][number]>();
  for (const p of web.proposals) {
    const key = `${p.axisId}\u0000${p.userId}`;
    const seen = latest.get(key);
    if (!seen || seen.at <= p.at) latest.set(key, p);
  }
  return web.axes.map((axis) => {
    const levels = [...latest.values()].filter((p) => p.axisId === axis.id).map((p) => p.level);
    const counts = emptyCounts();
    for (const level of levels) counts[level] += 1;
    const present = AMBITION_SCORES.filter((s) => counts[s] > 0);
    const min = present[0] ?? null;
    const max = present.at(-1) ?? null;
    const settled = web.scores[axis.id]?.score;
    return {
      axisId: axis.id,
      name: axis.name,
      counts,
      proposals: levels.length,
      median: median(levels),
      min,
      max,
      spread: min === null || max === null ? null : max - min,
      ...(settled === undefined ? {} : { settled }),
    };
  });
}
