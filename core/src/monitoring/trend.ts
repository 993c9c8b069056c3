/**
 * The years before: the headline figures of each year up to the chosen one, so the board
 * sees whether MVI is growing, not only where it stands.
 */
import { headlineFigures, type HeadlineFigures } from './figures.js';
import { monitoringReport, type MonitoringInput } from './report.js';

export interface YearFigures extends HeadlineFigures {
  year: number;
}

/** Up to `span` years ending with `toYear`, starting no earlier than the first year with a tender. */
export function monitoringTrend(
  input: Omit<MonitoringInput, 'year' | 'reach'>,
  toYear: number,
  span = 5,
): YearFigures[] {
  const kickoffYears = input.tenders.map(({ tender }) => Number(tender.kickoffDate.slice(0, 4)));
  const from = Math.max(toYear - span + 1, Math.min(toYear, ...kickoffYears));
  return Array.from({ length: toYear - from + 1 }, (_, i) => from + i).map((year) => ({
    year,
    ...headlineFigures(monitoringReport({ ...input, year })),
  }));
}
