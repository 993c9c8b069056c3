import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../content/index.js';
import { policyFor } from '../catalogue/catalogue.js';
import { isDomainError } from '../errors.js';
import type { Tender } from '../tender.js';
import { parseTenderMviWrite } from './record.js';
import { regionalComparison } from './region.js';
import { monitoringReport, type MonitoringInput, type TenderDuties } from './report.js';
import { monitoringTrend } from './trend.js';

const catalogue = loadCatalogue();
const known = (id: string): boolean => catalogue.criteriaById.has(id);
const NOW = new Date('2026-11-21T10:00:00Z');

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
};

describe('recording MVI in a tender', () => {
  it('keeps the criteria once each, with the social return asked', () => {
    const record = parseTenderMviWrite(
      {
        appliedCriteria: [
          'cleaning.ecolabel-products',
          'cleaning.ecolabel-products',
          'cleaning.good-employment',
        ],
        socialReturn: { applied: true, percentage: 5 },
      },
      known,
      NOW,
    );
    expect(record).toEqual({
      appliedCriteria: ['cleaning.ecolabel-products', 'cleaning.good-employment'],
      socialReturn: { applied: true, percentage: 5 },
      realisation: 'not-yet',
      recordedAt: NOW.toISOString(),
    });
  });

  it('refuses criteria the catalogue does not have, naming them in Dutch', () => {
    const error = errorOf(() =>
      parseTenderMviWrite(
        {
          appliedCriteria: ['cleaning.ecolabel-products', 'cleaning.made-up'],
          socialReturn: { applied: false },
        },
        known,
        NOW,
      ),
    );
    expect(error.code).toBe('validation');
    expect(error.userMessage.nl).toContain('cleaning.made-up');
    expect(error.userMessage.nl).not.toContain('ecolabel-products');
  });

  it('asks why when a tender has no MVI at all', () => {
    expect(
      errorOf(() =>
        parseTenderMviWrite({ appliedCriteria: [], socialReturn: { applied: false } }, known, NOW),
      ).userMessage.nl,
    ).toMatch(/waarom MVI/);
    expect(
      parseTenderMviWrite(
        { appliedCriteria: [], socialReturn: { applied: false }, noMviReason: 'no-market' },
        known,
        NOW,
      ).noMviReason,
    ).toBe('no-market');
  });

  it('needs the percentage when social return was asked, and lists every problem of a malformed record', () => {
    expect(
      errorOf(() =>
        parseTenderMviWrite(
          { appliedCriteria: ['cleaning.ecolabel-products'], socialReturn: { applied: true } },
          known,
          NOW,
        ),
      ).userMessage.en,
    ).toMatch(/percentage/);
    const error = errorOf(() =>
      parseTenderMviWrite(
        { appliedCriteria: 'all', socialReturn: { applied: 'yes' }, realisation: 'done', extra: 1 },
        known,
        NOW,
      ),
    );
    expect(error.details.map((d) => d.split(':')[0])).toEqual(
      expect.arrayContaining(['appliedCriteria', 'socialReturn.applied', 'realisation']),
    );
  });
});

describe('the monitoring report', () => {
  const tender = (
    reference: string,
    kickoffDate: string,
    value: number | undefined,
    extra: Partial<Tender> = {},
  ): Tender => ({
    municipalityId: 'havendam',
    reference,
    title: `Aanbesteding ${reference}`,
    cpv: [],
    ...(value !== undefined ? { estimatedValueEur: value } : {}),
    commissioningManager: { upn: 'manager@havendam.example' },
    kickoffDate,
    status: 'published',
    ...extra,
  });
  const duties = (mviRequired: boolean | null, socialReturnRequired: boolean | null): TenderDuties => ({
    mviRequired,
    socialReturnRequired,
  });
  type Record = NonNullable<Tender['mvi']>;
  const recorded = (
    appliedCriteria: string[],
    socialReturn: Record['socialReturn'],
    rest: Partial<Record> = {},
  ) => ({
    mvi: {
      appliedCriteria,
      socialReturn,
      realisation: 'not-yet' as const,
      recordedAt: NOW.toISOString(),
      ...rest,
    },
  });
  const policy = policyFor(catalogue, 'havendam');
  const input = {
    municipality: { id: 'havendam', name: 'Havendam' },
    year: 2026,
    lang: 'nl',
    catalogue,
    policy,
    reach: { sessions: 4, attendances: 61, people: 48 },
    tenders: [
      {
        tender: tender(
          'A',
          '2026-02-01',
          400_000,
          recorded(
            ['cleaning.ecolabel-products', 'cleaning.good-employment'],
            { applied: true, percentage: 5 },
            { realisation: 'realised' },
          ),
        ),
        duties: duties(true, true),
      },
      {
        tender: tender(
          'B',
          '2026-03-01',
          200_000,
          recorded(['company-vehicles.zero-emission'], { applied: false }),
        ),
        duties: duties(true, false),
      },
      {
        tender: tender(
          'C',
          '2026-04-01',
          150_000,
          recorded([], { applied: false }, { noMviReason: 'no-market' }),
        ),
        duties: duties(true, true),
      },
      // Planned and not recorded yet: in the totals, not behind on the goals.
      { tender: tender('D', '2026-12-01', 90_000, { status: 'planned' }), duties: duties(true, false) },
      // Another year, and an archived tender without a record: not in this report.
      {
        tender: tender(
          'E',
          '2025-06-01',
          500_000,
          recorded(['cleaning.ecolabel-products'], { applied: false }),
        ),
        duties: duties(true, true),
      },
      { tender: tender('F', '2026-05-01', 80_000, { status: 'archived' }), duties: duties(true, false) },
    ],
  } as const satisfies MonitoringInput;
  const report = monitoringReport(input);

  it('counts the tenders of the year and those that applied MVI', () => {
    expect(report.rows.map((r) => r.reference)).toEqual(['A', 'B', 'C', 'D']);
    expect(report.tenders).toEqual({
      total: 4,
      recorded: 3,
      withMvi: 2,
      mviRequired: 4,
      mviRequiredWithMvi: 2,
      totalValueEur: 840_000,
      valueWithMviEur: 600_000,
    });
  });

  it('adds up themes, criterion types and ambition levels from the catalogue', () => {
    const theme = (id: string) => report.themes.find((t) => t.theme === id);
    expect(theme('environment')).toMatchObject({ tenders: 2, criteria: 2, name: 'Milieu' });
    expect(theme('climate')).toMatchObject({ tenders: 1, criteria: 1 });
    expect(theme('social-return')).toMatchObject({ tenders: 0, criteria: 0 });
    expect(report.criterionTypes).toEqual({ selection: 0, requirement: 2, award: 1, 'contract-clause': 0 });
    expect(report.ambitions).toEqual({ basic: 2, significant: 1, ambitious: 0 });
    expect(report.realisation).toMatchObject({ realised: 1, 'not-yet': 2 });
  });

  it('reports the social return asked and the euros committed', () => {
    expect(report.socialReturn).toEqual({
      required: 2,
      requiredAndApplied: 1,
      applied: 1,
      committedEur: 20_000,
    });
  });

  it("measures progress against the municipality's goals, leaving out what is still planned", () => {
    expect(report.goals).toEqual([
      expect.objectContaining({
        id: 'mvi-where-required',
        target: 100,
        actual: 66.7,
        counted: 3,
        met: false,
      }),
      expect.objectContaining({
        id: 'social-return-where-required',
        target: 100,
        actual: 50,
        counted: 2,
        met: false,
      }),
      // Havendam's own goal: every tender recorded.
      expect.objectContaining({ id: 'recorded', target: 100, actual: 100, counted: 3, met: true }),
    ]);
    expect(report.reach).toEqual({ sessions: 4, attendances: 61, people: 48 });
  });
  it('sets the year beside the years before it, from the first year with a tender', () => {
    const trend = monitoringTrend(input, 2026);
    expect(trend.map((y) => [y.year, y.tenders.total, y.tenders.withMvi])).toEqual([
      [2025, 1, 1],
      [2026, 4, 2],
    ]);
    // The chosen year's figures are the report's own.
    expect(trend[1]!.tenders).toEqual(report.tenders);
    expect(trend[1]!.goals.map((g) => g.actual)).toEqual(report.goals.map((g) => g.actual));
    // At most five years, and years without tenders count as zero, not as missing.
    expect(monitoringTrend(input, 2030).map((y) => [y.year, y.tenders.total])).toEqual([
      [2026, 4],
      [2027, 0],
      [2028, 0],
      [2029, 0],
      [2030, 0],
    ]);
  });

  describe('side by side with the other municipalities of the region', () => {
    const polderveen = monitoringReport({
      municipality: { id: 'polderveen', name: 'Polderveen' },
      year: 2026,
      lang: 'nl',
      catalogue,
      policy: policyFor(catalogue, 'polderveen'),
      tenders: [
        {
          tender: tender(
            'P1',
            '2026-03-01',
            300_000,
            recorded(['cleaning.ecolabel-products'], { applied: true, percentage: 5 }),
          ),
          duties: duties(true, true),
        },
        { tender: tender('P2', '2026-06-01', 60_000), duties: duties(true, false) },
      ],
    });
    const region = regionalComparison([polderveen, report], 'havendam');

    it('lists each municipality by name with its own figures, marking the reader’s own', () => {
      expect(region.municipalities.map((m) => [m.name, m.own, m.tenders.total, m.tenders.withMvi])).toEqual([
        ['Havendam', true, 4, 2],
        ['Polderveen', false, 2, 1],
      ]);
      expect(region.municipalities[1]!.goals.find((g) => g.id === 'recorded')).toMatchObject({
        actual: 50,
        counted: 2,
        target: 90,
        met: false,
      });
    });

    it('adds up the region from the tenders, not by averaging percentages', () => {
      expect(region.total.tenders).toMatchObject({
        total: 6,
        recorded: 4,
        withMvi: 3,
        totalValueEur: 1_200_000,
        valueWithMviEur: 900_000,
      });
      expect(region.total.socialReturnCommittedEur).toBe(35_000);
      // MVI where required: Havendam 2 of 3, Polderveen 1 of 1: 3 of 4, where an average of percentages would say 83.3.
      expect(region.total.goals.find((g) => g.id === 'mvi-where-required')).toEqual({
        id: 'mvi-where-required',
        label: 'MVI toegepast waar het beleid dat vraagt',
        actual: 75,
        counted: 4,
        target: null,
        met: null,
      });
    });

    it('refuses reports of different years', () => {
      expect(() => regionalComparison([report, { ...polderveen, year: 2025 }], 'havendam')).toThrow(
        RangeError,
      );
    });
  });
});
