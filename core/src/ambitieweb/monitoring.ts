/**
 * Monitoring: the ambition per MVI theme over a set of settled webs (say, the year's tender
 * webs), as an average and a histogram of scores, to set beside what the tenders recorded.
 */
import { THEME_IDS, type ThemeId } from '../content/schema.js';
import { themeLevels } from './advice.js';
import type { AmbitionScore, AmbitionWeb, WebOwnerKind } from './model.js';

export interface ThemeAmbitionStats {
  theme: ThemeId;
  /** Webs that speak for the theme (an axis maps to it). */
  webs: number;
  /** How many of those webs set the theme at 0, 1, 2 and 3. */
  histogram: Record<AmbitionScore, number>;
  /** The average score over those webs, two decimals; null when no web speaks for the theme. */
  average: number | null;
}

export interface AmbitionOverview {
  /** Settled webs counted. */
  counted: number;
  /** Webs left out: still open, or of another owner kind than asked for. */
  skipped: number;
  themes: ThemeAmbitionStats[];
}

/** Per theme, in the order of the Nationaal Plan; only settled webs count. */
export function ambitionByTheme(
  webs: readonly AmbitionWeb[],
  options: { owner?: WebOwnerKind } = {},
): AmbitionOverview {
  const counted = webs.filter(
    (w) => w.state === 'settled' && (!options.owner || w.owner.kind === options.owner),
  );
  const levels = counted.map((w) => themeLevels(w).levels);
  const themes = THEME_IDS.map((theme): ThemeAmbitionStats => {
    const histogram: Record<AmbitionScore, number> = { 0: 0, 1: 0, 2: 0, 3: 0 };
    let sum = 0;
    let n = 0;
    for (const l of levels) {
      const score = l[theme];
      if (score === undefined) continue;
      histogram[score] += 1;
      sum += score;
      n += 1;
    }
    return { theme, webs: n, histogram, average: n === 0 ? null : Math.round((sum / n) * 100) / 100 };
  });
  return { counted: counted.length, skipped: webs.length - counted.length, themes };
}
