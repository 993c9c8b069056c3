import { describe, expect, it } from 'vitest';
import type { NeighbourRecord, SharingSettings } from './neighbours.js';
import { regionMonitoring } from './region.js';
import { neighboursBlock } from './view.js';

const record = (municipalityId: string, reference: string, criteria: string[]): NeighbourRecord => ({
  municipalityId,
  reference,
  title: `Schoonmaak ${reference}`,
  productGroupIds: ['cleaning'],
  year: 2026,
  appliedCriteria: criteria,
  socialReturn: { applied: false },
  realisation: 'not-yet',
});
const records = [
  record('a', 'A-1', ['cleaning.ecolabel-products']),
  record('b', 'B-1', ['cleaning.ecolabel-products', 'cleaning.good-employment']),
  record('c', 'C-1', []),
  record('c', 'C-2', ['cleaning.good-employment']),
];
const sharing = new Map<string, SharingSettings>([
  ['a', { level: 'details' }],
  ['b', { level: 'details', contact: { userId: 'u', displayName: 'Bea de Boer', upn: 'bea@b.example' } }],
  ['c', { level: 'counts' }],
]);

describe('the neighbours’ block and the region view', () => {
  it('names a shared contact person with a Teams chat link, and never the account id', () => {
    const block = neighboursBlock({
      records,
      sharing,
      viewerMunicipalityId: 'a',
      productGroup: { id: 'cleaning', name: 'Schoonmaak' },
      year: 2026,
      criterionTitle: (id) => id,
      municipalityName: (id) => id.toUpperCase(),
      lang: 'nl',
    });
    expect(block.examples).toEqual([
      {
        municipalityName: 'B',
        title: 'Schoonmaak B-1',
        year: 2026,
        contact: {
          displayName: 'Bea de Boer',
          chatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=bea%40b.example',
        },
      },
    ]);
    expect(JSON.stringify(block)).not.toContain('"u"');
  });

  it('gives per product group the share with MVI and the criteria, naming only who shares details', () => {
    const view = regionMonitoring({
      records,
      sharing,
      viewerMunicipalityId: 'a',
      since: 2022,
      municipalityName: (id) => id.toUpperCase(),
      groupName: () => 'Schoonmaak',
      criterionTitle: (id) => id,
    });
    const [group] = view.groups;
    expect(group).toMatchObject({ tenders: 4, withMvi: 3, share: 0.75, unnamed: 2 });
    expect(group!.criteria.map((c) => [c.id, c.tenders])).toEqual([
      ['cleaning.ecolabel-products', 2],
      ['cleaning.good-employment', 2],
    ]);
    expect(group!.municipalities.map((m) => [m.name, m.tenders])).toEqual([
      ['A', 1],
      ['B', 1],
    ]);
    // A viewer that shares nothing sees only its own.
    const alone = regionMonitoring({
      records,
      sharing: new Map([...sharing, ['a', { level: 'none' }]]),
      viewerMunicipalityId: 'a',
      since: 2022,
      municipalityName: (id) => id,
      groupName: () => 'Schoonmaak',
      criterionTitle: (id) => id,
    });
    expect(alone.groups[0]).toMatchObject({ tenders: 1, unnamed: 0 });
  });
});
