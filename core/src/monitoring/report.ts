/**
 * MVI monitoring, added up from the projects' records (record.ts): for the MVI team
 * (organisation level) and the board (strategic level). Which tenders applied MVI, which
 * themes and criteria, social return asked and committed, realisation at delivery, reach
 * of the sessions, and progress against the municipality's goals from its policy.
 */
import type { Catalogue } from '../catalogue/catalogue.js';
import type { AmbitionLevel, CriterionType, Policy, ThemeId } from '../content/schema.js';
import { AMBITION_LEVELS, CRITERION_TYPES } from '../content/schema.js';
import type { Tender } from '../tender.js';
import { REALISATIONS, type NoMviReason, type Realisation } from './record.js';
import type { YearFigures } from './trend.js';

/** What the engine says about a tender, as far as monitoring needs it. */
export interface TenderDuties {
  /** MVI required by the municipality's policy: null when the value is unknown. */
  mviRequired: boolean | null;
  /** Social return required by the policy: null when that cannot be said yet. */
  socialReturnRequired: boolean | null;
}

export interface MonitoringInput {
  municipality: { id: string; name: string };
  year: number;
  tenders: readonly { tender: Tender; duties: TenderDuties }[];
  catalogue: Catalogue;
  policy: Policy;
  /** Reach of the sessions in the same year (from the session reports), when known. */
  reach?: { sessions: number; attendances: number; people: number };
  lang: 'nl' | 'en';
}

export interface GoalProgress {
  id: 'mvi-where-required' | 'social-return-where-required' | 'recorded';
  label: string;
  /** Percentages, 0 to 100. `actual` is null when no tender counts towards the goal yet. */
  target: number;
  actual: number | null;
  /** Tenders that count towards the goal, and how many of them reached it. */
  counted: number;
  achieved: number;
  met: boolean | null;
}

export interface MonitoringRow {
  reference: string;
  title: string;
  status: Tender['status'];
  kickoffDate: string;
  estimatedValueEur: number | null;
  mviRequired: boolean | null;
  recorded: boolean;
  appliedCriteria: number;
  themes: ThemeId[];
  socialReturnRequired: boolean | null;
  socialReturnPercentage: number | null;
  socialReturnEur: number | null;
  noMviReason: NoMviReason | null;
  realisation: Realisation | null;
  results: string | null;
}

export interface MonitoringReport {
  municipality: { id: string; name: string };
  year: number;
  tenders: {
    total: number;
    recorded: number;
    withMvi: number;
    mviRequired: number;
    mviRequiredWithMvi: number;
    totalValueEur: number;
    valueWithMviEur: number;
  };
  socialReturn: { required: number; requiredAndApplied: number; applied: number; committedEur: number };
  themes: { theme: ThemeId; name: string; tenders: number; criteria: number }[];
  criterionTypes: Record<CriterionType, number>;
  ambitions: Record<AmbitionLevel, number>;
  realisation: Record<Realisation, number>;
  goals: GoalProgress[];
  reach: MonitoringInput['reach'] | null;
  rows: MonitoringRow[];
  /** The years up to this one (monitoringTrend), when the reader asked for them. */
  trend?: YearFigures[];
}

export const percentage = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((1000 * part) / whole) / 10;

/** Tenders that belong to a year: their kickoff falls in it. Archived ones count only when recorded. */
export function tendersOfYear<T extends { tender: Tender }>(items: readonly T[], year: number): T[] {
  return items.filter(
    ({ tender }) =>
      tender.kickoffDate.startsWith(`${year}-`) && (tender.status !== 'archived' || tender.mvi !== undefined),
  );
}

export function monitoringReport(input: MonitoringInput): MonitoringReport {
  const { catalogue, lang } = input;
  const items = tendersOfYear(input.tenders, input.year).sort((a, b) =>
    a.tender.kickoffDate.localeCompare(b.tender.kickoffDate),
  );
  const criterionTypes = Object.fromEntries(CRITERION_TYPES.map((t) => [t, 0])) as Record<
    CriterionType,
    number
  >;
  const ambitions = Object.fromEntries(AMBITION_LEVELS.map((a) => [a, 0])) as Record<AmbitionLevel, number>;
  const realisation = Object.fromEntries(REALISATIONS.map((r) => [r, 0])) as Record<Realisation, number>;
  const themeTenders = new Map<ThemeId, number>();
  const themeCriteria = new Map<ThemeId, number>();

  const rows = items.map<MonitoringRow>(({ tender, duties }) => {
    const record = tender.mvi;
    const criteria = (record?.appliedCriteria ?? [])
      .map((id) => catalogue.criteriaById.get(id))
      .filter((c) => c !== undefined);
    const themes = [...new Set(criteria.flatMap((c) => c.themes))];
    for (const c of criteria) {
      criterionTypes[c.type]++;
      ambitions[c.ambition]++;
      for (const theme of c.themes) themeCriteria.set(theme, (themeCriteria.get(theme) ?? 0) + 1);
    }
    for (const theme of themes) themeTenders.set(theme, (themeTenders.get(theme) ?? 0) + 1);
    if (record) realisation[record.realisation]++;
    const sr = record?.socialReturn;
    const srPercentage = sr?.applied ? (sr.percentage ?? null) : null;
    return {
      reference: tender.reference,
      title: tender.title,
      status: tender.status,
      kickoffDate: tender.kickoffDate,
      estimatedValueEur: tender.estimatedValueEur ?? null,
      mviRequired: duties.mviRequired,
      recorded: record !== undefined,
      appliedCriteria: criteria.length,
      themes,
      socialReturnRequired: duties.socialReturnRequired,
      socialReturnPercentage: srPercentage,
      socialReturnEur:
        srPercentage !== null && tender.estimatedValueEur !== undefined
          ? Math.round((tender.estimatedValueEur * srPercentage) / 100)
          : null,
      noMviReason: record?.noMviReason ?? null,
      realisation: record?.realisation ?? null,
      results: record?.results ?? null,
    };
  });

  const withMvi = rows.filter((r) => r.appliedCriteria > 0);
  const required = rows.filter((r) => r.mviRequired === true);
  const requiredWithMvi = required.filter((r) => r.appliedCriteria > 0);
  const srRequired = rows.filter((r) => r.socialReturnRequired === true);
  const srRequiredApplied = srRequired.filter((r) => r.socialReturnPercentage !== null);
  // A goal counts the tenders whose kickoff has passed or that are recorded: a plan for
  // December is not behind in March.
  const recordable = rows.filter((r) => r.recorded || r.status !== 'planned');
  const goals = input.policy.goals;
  const goal = (
    id: GoalProgress['id'],
    target: number,
    part: number,
    whole: number,
    label: { nl: string; en: string },
  ): GoalProgress => {
    const actual = percentage(part, whole);
    return {
      id,
      label: label[lang],
      target,
      actual,
      counted: whole,
      achieved: part,
      met: actual === null ? null : actual >= target,
    };
  };
  const requiredRecorded = required.filter((r) => r.recorded);
  const srRequiredRecorded = srRequired.filter((r) => r.recorded);

  return {
    municipality: input.municipality,
    year: input.year,
    tenders: {
      total: rows.length,
      recorded: rows.filter((r) => r.recorded).length,
      withMvi: withMvi.length,
      mviRequired: required.length,
      mviRequiredWithMvi: requiredWithMvi.length,
      totalValueEur: rows.reduce((sum, r) => sum + (r.estimatedValueEur ?? 0), 0),
      valueWithMviEur: withMvi.reduce((sum, r) => sum + (r.estimatedValueEur ?? 0), 0),
    },
    socialReturn: {
      required: srRequired.length,
      requiredAndApplied: srRequiredApplied.length,
      applied: rows.filter((r) => r.socialReturnPercentage !== null).length,
      committedEur: rows.reduce((sum, r) => sum + (r.socialReturnEur ?? 0), 0),
    },
    themes: catalogue.themes.map((t) => ({
      theme: t.id,
      name: t.name[lang],
      tenders: themeTenders.get(t.id) ?? 0,
      criteria: themeCriteria.get(t.id) ?? 0,
    })),
    criterionTypes,
    ambitions,
    realisation,
    goals: [
      // Of the recorded tenders that required MVI, the share that applied it.
      goal(
        'mvi-where-required',
        goals.mviWhereRequiredPercent,
        requiredRecorded.filter((r) => r.appliedCriteria > 0).length,
        requiredRecorded.length,
        {
          nl: 'MVI toegepast waar het beleid dat vraagt',
          en: 'MVI applied where the policy requires it',
        },
      ),
      goal(
        'social-return-where-required',
        goals.socialReturnWhereRequiredPercent,
        srRequiredRecorded.filter((r) => r.socialReturnPercentage !== null).length,
        srRequiredRecorded.length,
        {
          nl: 'Social return gevraagd waar het beleid dat vraagt',
          en: 'Social return asked where the policy requires it',
        },
      ),
      goal(
        'recorded',
        goals.recordedPercent,
        recordable.filter((r) => r.recorded).length,
        recordable.length,
        {
          nl: 'Aanbestedingen met een MVI-registratie',
          en: 'Tenders with an MVI record',
        },
      ),
    ],
    reach: input.reach ?? null,
    rows,
  };
}
