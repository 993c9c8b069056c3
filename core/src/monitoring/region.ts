/**
 * A regional programme side by side: the headline figures of each member municipality's
 * own monitoring report for one year, and the region's totals. Only counts and sums travel
 * between municipalities, never tender titles, records or people.
 */
import { percentage, type GoalProgress, type MonitoringReport } from './report.js';

export interface RegionalGoal {
  id: GoalProgress['id'];
  label: string;
  /** Share achieved, 0 to 100; null when no tender counts towards the goal yet. */
  actual: number | null;
  counted: number;
  /** The municipality's own target; null for the region, whose members may differ. */
  target: number | null;
  met: boolean | null;
}

export interface RegionalFigures {
  tenders: MonitoringReport['tenders'];
  socialReturnCommittedEur: number;
  goals: RegionalGoal[];
}

export interface RegionalComparison {
  year: number;
  municipalities: ({ id: string; name: string; own: boolean } & RegionalFigures)[];
  total: RegionalFigures;
}

const figuresOf = (report: MonitoringReport): RegionalFigures => ({
  tenders: report.tenders,
  socialReturnCommittedEur: report.socialReturn.committedEur,
  goals: report.goals.map(({ id, label, actual, counted, target, met }) => ({ id, label, actual, counted, target, met })),
});

/** The reports of one region's municipalities for the same year; `ownId` marks the reader's municipality. */
export function regionalComparison(reports: readonly MonitoringReport[], ownId: string): RegionalComparison {
  const [first] = reports;
  if (!first || reports.some((r) => r.year !== first.year)) throw new RangeError('regionalComparison: one or more reports of the same year');
  const sum = (pick: (r: MonitoringReport) => number): number => reports.reduce((total, r) => total + pick(r), 0);
  const tenders = Object.fromEntries(Object.keys(first.tenders).map((key) => [key, sum((r) => r.tenders[key as keyof MonitoringReport['tenders']])])) as MonitoringReport['tenders'];
  return {
    year: first.year,
    municipalities: [...reports]
      .sort((a, b) => a.municipality.name.localeCompare(b.municipality.name, 'nl'))
      .map((r) => ({ ...r.municipality, own: r.municipality.id === ownId, ...figuresOf(r) })),
    total: {
      tenders,
      socialReturnCommittedEur: sum((r) => r.socialReturn.committedEur),
      goals: first.goals.map(({ id, label }) => {
        const of = reports.map((r) => r.goals.find((g) => g.id === id)!);
        const counted = of.reduce((total, g) => total + g.counted, 0);
        return { id, label, actual: percentage(of.reduce((total, g) => total + g.achieved, 0), counted), counted, target: null, met: null };
      }),
    },
  };
}
