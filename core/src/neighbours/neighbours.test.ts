import { describe, expect, it } from 'vitest';
import {
  neighboursSentence,
  similarTenders,
  visibleLevel,
  type NeighbourRecord,
  type SharingLevel,
  type SharingSettings,
} from './neighbours.js';

const record = (
  over: Partial<NeighbourRecord> & Pick<NeighbourRecord, 'municipalityId' | 'reference'>,
): NeighbourRecord => ({
  title: `Schoonmaak ${over.reference}`,
  productGroupIds: ['cleaning'],
  year: 2026,
  estimatedValueEur: 400_000,
  appliedCriteria: ['cleaning.ecolabel-products'],
  socialReturn: { applied: true, percentage: 5 },
  realisation: 'not-yet',
  ...over,
});

const region: NeighbourRecord[] = [
  record({
    municipalityId: 'polderveen',
    reference: 'P-1',
    appliedCriteria: ['cleaning.ecolabel-products', 'cleaning.good-employment'],
    socialReturn: { applied: true, percentage: 6 },
    realisation: 'realised',
    year: 2025,
  }),
  record({
    municipalityId: 'polderveen',
    reference: 'P-2',
    appliedCriteria: ['cleaning.ecolabel-products'],
    socialReturn: { applied: true, percentage: 4 },
    realisation: 'partly',
  }),
  record({
    municipalityId: 'rietmond',
    reference: 'R-1',
    appliedCriteria: ['cleaning.good-employment'],
    socialReturn: { applied: false },
    realisation: 'not-realised',
  }),
  record({
    municipalityId: 'rietmond',
    reference: 'R-2',
    appliedCriteria: ['cleaning.ecolabel-products', 'cleaning.hygiene-paper'],
    socialReturn: { applied: true, percentage: 8 },
  }),
  // Not similar: another group, too long ago, a very different value.
  record({ municipalityId: 'rietmond', reference: 'R-3', productGroupIds: ['catering'] }),
  record({ municipalityId: 'rietmond', reference: 'R-4', year: 2019 }),
  record({ municipalityId: 'rietmond', reference: 'R-5', estimatedValueEur: 20_000_000 }),
  // Havendam's own record is not a neighbour's.
  record({ municipalityId: 'havendam', reference: 'H-1' }),
];

const settings =
  (levels: Record<string, SharingLevel>, contact?: SharingSettings['contact']) =>
  (id: string): SharingSettings | undefined =>
    levels[id]
      ? { level: levels[id], ...(levels[id] === 'details' && contact ? { contact } : {}) }
      : undefined;
const query = { productGroupId: 'cleaning', estimatedValueEur: 500_000, year: 2026 };

describe('what the neighbours did in similar tenders', () => {
  it('adds up the similar tenders: the criteria used most, social return asked and realised', () => {
    const figures = similarTenders(
      region,
      query,
      { municipalityId: 'havendam', sharing: 'counts' },
      settings({}),
    );
    expect(figures).toMatchObject({
      tenders: 4,
      municipalities: 2,
      since: 2025,
      topCriteria: [
        { id: 'cleaning.ecolabel-products', tenders: 3 },
        { id: 'cleaning.good-employment', tenders: 2 },
        { id: 'cleaning.hygiene-paper', tenders: 1 },
      ],
      socialReturn: { asked: 3, averagePercentage: 6, realised: 2 },
      realised: { yes: 2, known: 3 },
      examples: [],
    });
  });

  it('shares titles and a contact only when both sides share details', () => {
    const contact = { userId: 'u-p', displayName: 'Petra Bakker' };
    const both = similarTenders(
      region,
      query,
      { municipalityId: 'havendam', sharing: 'details' },
      settings({ polderveen: 'details' }, contact),
    );
    expect(both.examples.map((e) => e.title).sort()).toEqual(['Schoonmaak P-1', 'Schoonmaak P-2']);
    expect(both.examples[0]).toMatchObject({ municipalityId: 'polderveen', contact });
    // A viewer that shares counts only sees counts only, whatever the owner shares.
    expect(
      similarTenders(
        region,
        query,
        { municipalityId: 'havendam', sharing: 'counts' },
        settings({ polderveen: 'details' }, contact),
      ).examples,
    ).toEqual([]);
  });

  it('shows nothing of a municipality that shares nothing, and nothing to one that shares nothing', () => {
    expect(
      similarTenders(
        region,
        query,
        { municipalityId: 'havendam', sharing: 'counts' },
        settings({ polderveen: 'none' }),
      ).tenders,
    ).toBe(2);
    expect(
      similarTenders(region, query, { municipalityId: 'havendam', sharing: 'none' }, settings({})).tenders,
    ).toBe(0);
  });

  it('takes the lesser of the two sharing levels, and one’s own records in full', () => {
    expect(
      visibleLevel({ municipalityId: 'a', sharing: 'details' }, { municipalityId: 'b', sharing: 'counts' }),
    ).toBe('counts');
    expect(
      visibleLevel({ municipalityId: 'a', sharing: 'counts' }, { municipalityId: 'b', sharing: 'details' }),
    ).toBe('counts');
    expect(
      visibleLevel({ municipalityId: 'a', sharing: 'none' }, { municipalityId: 'b', sharing: 'details' }),
    ).toBe('none');
    expect(
      visibleLevel({ municipalityId: 'a', sharing: 'none' }, { municipalityId: 'a', sharing: 'none' }),
    ).toBe('details');
  });

  it('says it in one sentence, in Dutch or English', () => {
    const figures = similarTenders(
      region,
      query,
      { municipalityId: 'havendam', sharing: 'counts' },
      settings({}),
    );
    const title = (id: string) =>
      id === 'cleaning.ecolabel-products' ? 'Schoonmaakmiddelen met ecolabel' : undefined;
    expect(neighboursSentence(figures, 'Schoonmaak', title, 'nl')).toBe(
      'In de regio namen 3 van de 4 aanbestedingen voor schoonmaak sinds 2025 ‘Schoonmaakmiddelen met ecolabel’ op; social return gemiddeld 6 %, 2 keer gerealiseerd.',
    );
    expect(neighboursSentence(figures, 'Cleaning', title, 'en')).toBe(
      'In the region, 3 of the 4 tenders for cleaning since 2025 included ‘Schoonmaakmiddelen met ecolabel’; social return 6 % on average, realised 2 times.',
    );
    expect(
      neighboursSentence(
        similarTenders([], query, { municipalityId: 'havendam', sharing: 'counts' }, settings({})),
        'Schoonmaak',
        title,
        'nl',
      ),
    ).toBe('In de regio zijn nog geen vergelijkbare aanbestedingen voor schoonmaak gedeeld.');
  });
});
