import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../content/index.js';
import { namedProductGroups } from '../../../core/src/catalogue/catalogue.js';
import type { CatalogueData } from '../data/catalogue.js';
import { searchDocuments } from './documents.js';
import { ToolboxSearch } from './search-index.js';

const c = loadCatalogue();
const catalogue: CatalogueData = {
  themes: [...c.themes],
  clusters: [...c.clusters],
  productGroups: namedProductGroups(c),
  thresholds: c.thresholds,
  tools: c.knowledge.tools,
  dosAndDonts: c.knowledge.dosAndDonts,
  glossary: c.knowledge.glossary,
  socialEnterpriseSources: c.knowledge.socialEnterpriseSources,
  policy: c.policies.default,
};
const example = {
  id: 'led-sporthal',
  kind: 'example' as const,
  title: 'LED in de sporthal',
  summary: 'Minder stroom',
  body: 'Zestig procent minder stroomverbruik.',
  themes: [],
  productGroupIds: [],
  regionWide: false,
  municipalityId: 'havendam',
  version: 1,
  updatedAt: '2026-11-01T00:00:00.000Z',
  updatedBy: { userId: 'x', displayName: 'X' },
};
const search = new ToolboxSearch(searchDocuments(catalogue, [example], 'nl'));

describe('searching the toolbox', () => {
  it('finds a product group despite a typo', () => {
    expect(search.search('schoonmak')[0]).toMatchObject({
      kind: 'product-group',
      path: '/product-groups/cleaning',
    });
  });

  it('finds while the word is still being typed', () => {
    expect(search.search('glasbew').some((h) => h.path === '/product-groups/cleaning')).toBe(true);
  });

  it('finds tools and glossary entries, and the municipality’s own examples', () => {
    expect(search.search('ambitieweb').some((h) => h.kind === 'tool' && h.path === '/tools/ambitieweb')).toBe(
      true,
    );
    expect(search.search('sporthal')[0]).toMatchObject({ kind: 'example', path: '/examples/led-sporthal' });
  });

  it('finds nothing for nothing', () => {
    expect(search.search('   ')).toEqual([]);
    expect(search.search('qqqxyz')).toEqual([]);
  });
});
