import { describe, expect, it } from 'vitest';
import { buildCatalogue, CatalogueError } from '../core/src/catalogue/catalogue.js';
import { THEME_IDS } from '../core/src/content/schema.js';
import { loadCatalogue, PRODUCT_GROUP_FILES } from './index.js';
import cpv from './cpv/cpv-2008.json' with { type: 'json' };
import generalCriteria from './general-criteria.json' with { type: 'json' };
import knowledge from './knowledge.json' with { type: 'json' };
import policy from './policy.json' with { type: 'json' };
import vocabulary from './vocabulary.json' with { type: 'json' };
import themes from './themes.json' with { type: 'json' };
import thresholds from './thresholds.json' with { type: 'json' };

describe('the MVI knowledge base', () => {
  const catalogue = loadCatalogue();

  it('has the six themes of the Nationaal Plan MVI with stable ids', () => {
    expect(catalogue.themes.map((t) => t.id)).toEqual([...THEME_IDS]);
  });

  it('has at least 45 product groups across ICT, energy, civil works, facilities, transport, buildings and the social domain', () => {
    expect(catalogue.productGroups.length).toBeGreaterThanOrEqual(45);
    expect(catalogue.clusters.map((c) => c.id)).toEqual(
      expect.arrayContaining(['ict', 'energy', 'civil-works', 'facilities', 'transport', 'buildings', 'social-domain', 'municipal-services']),
    );
  });

  it.each(Object.entries(PRODUCT_GROUP_FILES))('%s: every group has CPV prefixes, keywords in both languages and 5+ criteria of 2+ types', (_file, data) => {
    for (const group of data.productGroups) {
      expect(group.cpv.length, group.id).toBeGreaterThan(0);
      expect(group.cpv.every((c) => /^\d{3,8}$/.test(c.prefix)), group.id).toBe(true);
      expect(group.keywords.nl.length, group.id).toBeGreaterThanOrEqual(3);
      expect(group.keywords.en.length, group.id).toBeGreaterThanOrEqual(3);
      expect(group.criteria.length, group.id).toBeGreaterThanOrEqual(5);
      expect(new Set(group.criteria.map((c) => c.type)).size, group.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('gives every criterion a unique id, a Dutch and English title, tender text and a way to verify it', () => {
    const ids = catalogue.productGroups.flatMap((g) => g.criteria.map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of catalogue.criteriaById.values()) {
      expect(c.title.nl && c.title.en && c.text.nl && c.text.en && c.verification.nl && c.verification.en, c.id).toBeTruthy();
    }
  });

  it('holds the EU thresholds for sub-central authorities of 2024-2025 and 2026-2027', () => {
    const periods = catalogue.thresholds.periods.map((p) => [p.validFrom, p.validTo, p.suppliesEur, p.servicesEur, p.worksEur, p.socialServicesEur]);
    expect(periods).toEqual([
      ['2024-01-01', '2025-12-31', 221_000, 221_000, 5_538_000, 750_000],
      ['2026-01-01', '2027-12-31', 216_000, 216_000, 5_404_000, 750_000],
    ]);
  });

  it('has the default municipal policy: MVI from €50,000, social return 5 % from €100,000 for services and works', () => {
    expect(catalogue.policies.default).toEqual({
      mviExpected: true,
      mviRequiredFromEur: 50_000,
      socialReturn: { fromEur: 100_000, percentage: 5, contractTypes: ['services', 'works'] },
      defaultAmbition: 'significant',
      goals: { mviWhereRequiredPercent: 100, socialReturnWhereRequiredPercent: 100, recordedPercent: 90 },
    });
  });

  it('has the tools and methods the toolbox promises', () => {
    expect(catalogue.knowledge.tools.map((t) => t.id)).toEqual(
      expect.arrayContaining(['ambitieweb', 'iso-20400', 'golden-circle', 'circular-procurement-8-steps', 'mvi-action-plan-steps', 'market-consultation']),
    );
  });

  it('rejects content with a broken criterion, naming the problem', () => {
    const broken = structuredClone(PRODUCT_GROUP_FILES['ict.json']) as { productGroups: { criteria: { type: string }[] }[] };
    broken.productGroups[0]!.criteria[0]!.type = 'wish';
    expect(() => buildCatalogue({ themes, thresholds, policy, knowledge, cpv, generalCriteria, vocabulary, productGroupFiles: [broken] })).toThrow(CatalogueError);
    try {
      buildCatalogue({ themes, thresholds, policy, knowledge, cpv, generalCriteria, vocabulary, productGroupFiles: [broken] });
    } catch (error) {
      expect((error as CatalogueError).problems.join('\n')).toMatch(/criteria\.0\.type/);
    }
  });
});
