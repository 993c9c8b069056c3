/**
 * The reviewed regime data of the knowledge base: which product groups are social and other
 * specific services (Directive 2014/24/EU, Annex XIV), where a group explains that it holds
 * other regimes or contract types, the general criteria for tenders no group covers, and the
 * words that never bring a group in on their own.
 */
import { describe, expect, it } from 'vitest';
import { AMBITION_LEVELS, CONTRACT_TYPES, type ContractType } from '../core/src/content/schema.js';
import { loadCatalogue } from './index.js';

const catalogue = loadCatalogue();
const annex = catalogue.thresholds.socialServicesCpv.map((c) => c.prefix);

/** The contract type of a CPV prefix by its division: 45 is works, 03–44 and 48 supplies, the rest services. */
function contractTypeOf(prefix: string): ContractType {
  const division = Number(prefix.slice(0, 2));
  if (division === 45) return 'works';
  return (division >= 3 && division <= 44) || division === 48 ? 'supplies' : 'services';
}
/** Every code under the prefix is in Annex XIV. */
const whollyAnnex = (prefix: string): boolean => annex.some((a) => prefix.startsWith(a));
/** Some codes under the prefix are in Annex XIV (a broader prefix that holds an annex entry). */
const partlyAnnex = (prefix: string): boolean => annex.some((a) => a.startsWith(prefix));

describe('the Annex XIV list', () => {
  it('holds each prefix once and no prefix inside another', () => {
    const nested = annex.filter((a) => annex.some((b) => b !== a && a.startsWith(b)));
    expect(new Set(annex).size).toBe(annex.length);
    expect(nested).toEqual([]);
  });

  it('holds only services', () => {
    expect(annex.filter((a) => contractTypeOf(a) !== 'services')).toEqual([]);
  });
});

describe('the regime of each product group', () => {
  it('calls a group a social or other specific service only when it is services and holds an Annex XIV prefix', () => {
    const wrong = catalogue.productGroups
      .filter((g) => g.socialServices)
      .filter((g) => g.contractType !== 'services' || !g.cpv.some((c) => whollyAnnex(c.prefix)))
      .map((g) => g.id);
    expect(wrong).toEqual([]);
  });

  it('does not call a group an ordinary one when every prefix it holds is in Annex XIV', () => {
    const wrong = catalogue.productGroups.filter((g) => !g.socialServices && g.cpv.every((c) => whollyAnnex(c.prefix))).map((g) => g.id);
    expect(wrong).toEqual([]);
  });

  it('explains the threshold in a regime note when a group mixes Annex XIV and other services, or contract types', () => {
    const unexplained = catalogue.productGroups
      .filter((g) => {
        const services = g.cpv.map((c) => c.prefix).filter((p) => contractTypeOf(p) === 'services');
        const someAnnex = services.some((p) => whollyAnnex(p) || partlyAnnex(p));
        const someOther = services.some((p) => !whollyAnnex(p));
        const otherType = g.cpv.some((c) => contractTypeOf(c.prefix) !== g.contractType);
        return (someAnnex && someOther) || otherType;
      })
      .filter((g) => !g.regimeNote)
      .map((g) => g.id);
    expect(unexplained).toEqual([]);
  });

  it('makes a group works when most of its prefixes are construction', () => {
    const wrong = catalogue.productGroups
      .filter((g) => g.cpv.filter((c) => contractTypeOf(c.prefix) === 'works').length * 2 > g.cpv.length)
      .filter((g) => g.contractType !== 'works')
      .map((g) => g.id);
    expect(wrong).toEqual([]);
  });

  it('has a works group for sports facilities, with its maintenance left to green space maintenance (a service)', () => {
    const sports = catalogue.productGroupsById.get('sports-facilities');
    expect(sports).toMatchObject({ contractType: 'works', socialServices: false, cluster: 'civil-works' });
    expect(sports!.cpv.map((c) => c.prefix)).toEqual(expect.arrayContaining(['452122', '45212212', '45212225', '4523611']));
    expect(new Set(sports!.criteria.map((c) => c.type))).toEqual(new Set(['requirement', 'award', 'contract-clause', 'selection']));
    expect(new Set(sports!.criteria.map((c) => c.ambition))).toEqual(new Set(AMBITION_LEVELS));
    const green = catalogue.productGroupsById.get('green-maintenance')!;
    expect(green.contractType).toBe('services');
    expect(green.cpv.map((c) => c.prefix)).toContain('7732');
  });

  it('keeps the light regime of catering, security, legal services and re-integration, and not of cleaning or financial services', () => {
    const social = (id: string) => catalogue.productGroupsById.get(id)?.socialServices;
    expect(['catering', 'security', 'legal-financial-services', 'reintegration', 'wmo-support', 'youth-care', 'courier-postal'].map(social)).toEqual(Array(7).fill(true));
    expect(['cleaning', 'financial-services', 'temporary-staff', 'student-transport', 'sports-facilities'].map(social)).toEqual(Array(5).fill(false));
  });
});

describe('the general criteria', () => {
  const general = catalogue.generalCriteria;

  it('has 15 to 25 criteria with ids of their own, recorded as the general group', () => {
    expect(general.length).toBeGreaterThanOrEqual(15);
    expect(general.length).toBeLessThanOrEqual(25);
    const groupIds = new Set(catalogue.productGroups.flatMap((g) => g.criteria.map((c) => c.id)));
    expect(general.filter((c) => groupIds.has(c.id))).toEqual([]);
    expect(new Set(general.map((c) => c.id)).size).toBe(general.length);
    for (const c of general) expect(catalogue.criteriaById.get(c.id)?.productGroupId, c.id).toBe('general');
  });

  it.each(CONTRACT_TYPES)('gives %s basic criteria of at least two themes, and all three ambition levels overall', (type) => {
    const fitting = general.filter((c) => c.contractTypes.includes(type));
    const basicThemes = new Set(fitting.filter((c) => c.ambition === 'basic').flatMap((c) => c.themes));
    expect(basicThemes.size).toBeGreaterThanOrEqual(2);
    expect(new Set(fitting.map((c) => c.ambition))).toEqual(new Set(AMBITION_LEVELS));
  });

  it('has basic criteria that suit every contract type, for a tender whose type is unknown', () => {
    const everyType = general.filter((c) => c.contractTypes.length === CONTRACT_TYPES.length && c.ambition === 'basic');
    expect(new Set(everyType.flatMap((c) => c.themes)).size).toBeGreaterThanOrEqual(2);
  });

  it('asks for social return in works and services, and for supply chain responsibility in supplies', () => {
    const themesFor = (type: ContractType) => new Set(general.filter((c) => c.contractTypes.includes(type)).flatMap((c) => c.themes));
    expect(themesFor('works').has('social-return') && themesFor('services').has('social-return')).toBe(true);
    expect(themesFor('supplies').has('supply-chain')).toBe(true);
  });
});

describe('the vocabulary of context and generic words', () => {
  const { contextWords, genericWords } = catalogue.vocabulary;
  const lists = { 'context nl': contextWords.nl, 'context en': contextWords.en, 'generic nl': genericWords.nl, 'generic en': genericWords.en };

  it.each(Object.entries(lists))('%s: 30 to 80 single lower-case words, each once', (_name, list) => {
    expect(list.length).toBeGreaterThanOrEqual(30);
    expect(list.length).toBeLessThanOrEqual(80);
    expect(list.filter((w) => !/^[a-zà-ÿ-]+$/.test(w))).toEqual([]);
    expect(new Set(list).size).toBe(list.length);
  });

  it('puts no word in both lists', () => {
    for (const lang of ['nl', 'en'] as const) {
      const context = new Set(contextWords[lang]);
      expect(genericWords[lang].filter((w) => context.has(w)), lang).toEqual([]);
    }
  });

  it('holds no word that a product group uses on its own as a keyword (such a word says what is bought)', () => {
    const neutral = new Set([...contextWords.nl, ...contextWords.en, ...genericWords.nl, ...genericWords.en]);
    const clashes = catalogue.productGroups.flatMap((g) =>
      [...g.keywords.nl, ...g.keywords.en].filter((k) => neutral.has(k.toLowerCase())).map((k) => `${g.id}: ${k}`),
    );
    expect(clashes).toEqual([]);
  });
});
