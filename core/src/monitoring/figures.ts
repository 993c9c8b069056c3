/**
 * The headline figures of a monitoring report: what is set side by side when a year is
 * compared with the other municipalities of the region, or with the years before it.
 */
import type { GoalProgress, MonitoringReport } from './report.js';

export interface HeadlineGoal {
  id: GoalProgress['id'];
  label: string;
  /** Share achieved, 0 to 100; null when no tender counts towards the goal yet. */
  actual: number | null;
  counted: number;
  /** The municipality's own target; null for a sum over municipalities, whose targets may differ. */
  target: number | null;
  met: boolean | null;
}

export interface HeadlineFigures {
  tenders: MonitoringReport['tenders'];
  socialReturnCommittedEur: number;
  goals: HeadlineGoal[];
}

export const headlineFigures = (report: MonitoringReport): HeadlineFigures => ({
  tenders: report.tenders,
  socialReturnCommittedEur: report.socialReturn.committedEur,
  goals: report.goals.map(({ id, label, actual, counted, target, met }) => ({
    id,
    label,
    actual,
    counted,
    target,
    met,
  })),
});
