/**
 * A regional programme side by side: the headline figures of each member municipality's
 * own monitoring report for one year, and the region's totals. Only counts and sums travel
 * between municipalities, never tender titles, records or people.
 */
import { headlineFigures, type HeadlineFigures } from './figures.js';
import { percentage, type MonitoringReport } from './report.js';

export interface RegionalComparison {
  year: number;
  municipalities: ({ id: string; name: string; own: boolean } & HeadlineFigures)[];
  total: HeadlineFigures;
}

/** The reports of one region's municipalities for the same year; `ownId` marks the reader's municipality. */
export function regionalComparison(reports: readonly MonitoringReport[], ownId: string): RegionalComparison {
  const [first] = reports;
  if (!first || reports.some((r) => r.year !== first.year))
    throw new RangeError('regionalComparison: one or more reports of the same year');
  const sum = (pick: (r: MonitoringReport) => number): number =>
    reports.reduce((total, r) => total + pick(r), 0);
  const tenders = Object.fromEntries(
    Object.keys(first.tenders).map((key) => [
      key,
      sum((r) => r.tenders[key as keyof MonitoringReport['tenders']]),
    ]),
  ) as MonitoringReport['tenders'];
  return {
    year: first.year,
    municipalities: [...reports]
      .sort((a, b) => a.municipality.name.localeCompare(b.municipality.name, 'nl'))
      .map((r) => ({ ...r.municipality, own: r.municipality.id === ownId, ...headlineFigures(r) })),
    total: {
      tenders,
      socialReturnCommittedEur: sum((r) => r.socialReturn.committedEur),
      goals: first.goals.map(({ id, label }) => {
        const of = reports.map((r) => r.goals.find((g) => g.id === id)!);
        const counted = of.reduce((total, g) => total + g.counted, 0);
        return {
          id,
          label,
          actual: percentage(
            of.reduce((total, g) => total + g.achieved, 0),
            counted,
          ),
          counted,
          target: null,
          met: null,
        };
      }),
    },
  };
}
