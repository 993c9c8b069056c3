import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../content/index.js';
import { isDomainError } from '../errors.js';
import { AdviceEngine, TITLE_MAX, type AdviceRequest } from './advise.js';

const catalogue = loadCatalogue();
const engine = new AdviceEngine(catalogue);
const TODAY = '2026-11-21';
const advise = (request: AdviceRequest, today = TODAY) => engine.advise(request, today);
const topGroup = (request: AdviceRequest): string | undefined => advise(request).productGroups[0]?.id;

describe('matching a tender to product groups', () => {
  it.each([
    ['Schoonmaak gemeentehuis en wijkkantoren', 'cleaning'],
    ['schoonmaakdienstverlening', 'cleaning'],
    ['Cleaning of the town hall', 'cleaning'],
    ['schoonmak kantoren', 'cleaning'],
    ['Vervanging openbare verlichting door LED', 'public-lighting'],
    ['straatverlichting', 'public-lighting'],
    ['Laptops en monitoren voor medewerkers', 'computers'],
    ['lapttops', 'computers'],
    ['Huishoudelijke ondersteuning Wmo', 'wmo-support'],
    ['Leerlingenvervoer', 'student-transport'],
    ['Inzameling huishoudelijk afval', 'waste-collection'],
    ['Catering en koffievoorziening', 'catering'],
    ['Beveiliging en receptiediensten', 'security'],
    ['Office furniture', 'office-furniture'],
  ])('“%s” → %s', (title, expected) => {
    expect(topGroup({ title })).toBe(expected);
  });

  it('explains why a group matched, naming the words', () => {
    const [group] = advise({ title: 'Schoonmaak gemeentehuis' }).productGroups;
    expect(group?.explanation).toContain('“schoonmaak”');
    expect(group?.name).toMatch(/Schoonmaak/);
  });

  it('uses a CPV code given or written in the text, and says so', () => {
    const advice = advise({ title: 'Perceel 2 (CPV 90910000)' });
    expect(advice.productGroups[0]).toMatchObject({ id: 'cleaning', matchedOn: { cpv: ['90910000'] } });
    expect(advice.confidence).toBe('high');
    expect(advice.productGroups[0]?.explanation).toContain('CPV 90910000');
    expect(advise({ title: 'Perceel 2', cpv: ['34993000-4'] }).productGroups[0]?.id).toBe('public-lighting');
  });

  it('lets the title decide and the description only support it', () => {
    // A long description about the people it is for must not push away what is bought.
    const advice = advise({
      title: 'Juridische begeleiding statushouders',
      description:
        'Statushouders krijgen begeleiding bij inburgering, participatie, werk en taal. Het wijkteam, de Wmo-consulent en maatschappelijk werk ondersteunen. De gevraagde juridische hulp betreft verblijfsrecht en gezinshereniging.',
    });
    expect(advice.productGroups.map((g) => g.id)).toContain('legal-financial-services');
  });

  it('reads the description when the title says little', () => {
    const advice = advise({
      title: 'Perceel 3',
      description: 'Wekelijkse schoonmaak en periodieke glasbewassing van vijf wijkcentra.',
    });
    expect(advice.productGroups[0]?.id).toBe('cleaning');
    // Only the description spoke: worth showing, but the engine does not claim to be sure.
    expect(advice.confidence).toBe('low');
  });

  it('ignores how something is bought (procedure words) and looks at what is bought', () => {
    const ids = advise({ title: 'Marktconsultatie dynamisch aankoopsysteem schoonmaak' }).productGroups.map(
      (g) => g.id,
    );
    expect(ids[0]).toBe('cleaning');
    expect(ids).not.toContain('temporary-staff');
  });

  it('prefers a compound it knows as a whole over a group that only knows a part', () => {
    expect(topGroup({ title: 'Straatmeubilair Centrum' })).toBe('street-furniture-playgrounds');
  });

  it('is unsure when only a typo-tolerant guess matched', () => {
    const advice = advise({ title: 'lapttops' });
    expect(advice.productGroups[0]?.id).toBe('computers');
    expect(advice.confidence).toBe('low');
    expect(advise({ title: 'laptops' }).confidence).toBe('high');
  });

  it('is unsure when the best group explains only a small part of the title', () => {
    // Printers know "machine", ICT services know "testing": neither is what these titles buy.
    for (const title of ['CNC Milling Machine', 'Laboratory testing for sexually transmitted infections']) {
      const advice = advise({ title });
      expect(advice.confidence, title).toBe('low');
      expect(advice.productGroups[0]?.score ?? 0, title).toBeLessThan(0.6);
    }
  });

  it('stays sure when the title names what is bought beside words it does not know, such as a place', () => {
    expect(advise({ title: 'Schoonmaak gemeentehuis Polderveen' }).confidence).toBe('high');
    expect(advise({ title: 'Leerlingenvervoer Havendam en Rietmond' }).confidence).toBe('high');
  });

  it('keeps the order of the groups when it is unsure about all of them', () => {
    const groups = advise({ title: 'CNC Milling Machine' }).productGroups.map((g) => g.score);
    expect(groups).toEqual([...groups].sort((a, b) => b - a));
  });

  it('returns no product group, and says it is unsure, for a text about nothing it knows', () => {
    const advice = advise({ title: 'xyzzy plugh' });
    expect(advice.productGroups).toEqual([]);
    expect(advice.confidence).toBe('none');
    expect(advice.nextSteps.map((s) => s.id)).toContain('describe-tender');
  });

  it('answers in English when asked', () => {
    const advice = advise({ title: 'Schoonmaak', estimatedValueEur: 400_000, language: 'en' });
    expect(advice.productGroups[0]?.name).toBe(catalogue.productGroupsById.get('cleaning')!.name.en);
    expect(advice.thresholds.explanation).toMatch(/EU threshold for services is €216,000/);
  });
});

describe('EU thresholds', () => {
  it('puts a €218,000 services tender below the threshold in 2025 and above it in 2026', () => {
    const request: AdviceRequest = { title: 'Schoonmaak kantoren', estimatedValueEur: 218_000 };
    const in2025 = advise({ ...request, date: '2025-06-01' });
    const in2026 = advise({ ...request, date: '2026-03-01' });
    expect(in2025.thresholds).toMatchObject({ euThresholdEur: 221_000, aboveEuThreshold: false });
    expect(in2026.thresholds).toMatchObject({ euThresholdEur: 216_000, aboveEuThreshold: true });
    expect(in2026.thresholds.explanation).toContain('Europees aanbesteden is verplicht');
  });

  it('uses the date of today when none is given', () => {
    expect(
      advise({ title: 'Schoonmaak', estimatedValueEur: 218_000 }, '2025-12-31').thresholds.euThresholdEur,
    ).toBe(221_000);
    expect(
      advise({ title: 'Schoonmaak', estimatedValueEur: 218_000 }, '2026-01-01').thresholds.euThresholdEur,
    ).toBe(216_000);
  });

  it('applies the €750,000 threshold to social and other specific services', () => {
    const advice = advise({ title: 'Huishoudelijke ondersteuning Wmo', estimatedValueEur: 600_000 });
    expect(advice.socialServices).toBe(true);
    expect(advice.thresholds).toMatchObject({ euThresholdEur: 750_000, aboveEuThreshold: false });
    expect(
      advise({ title: 'Thuisbegeleiding', cpv: ['85312000'], estimatedValueEur: 800_000 }).thresholds
        .aboveEuThreshold,
    ).toBe(true);
  });

  it('applies the works threshold to works', () => {
    const advice = advise({
      title: 'Reconstructie fietspad',
      cpv: ['45233162'],
      estimatedValueEur: 3_000_000,
    });
    expect(advice.contractType).toBe('works');
    expect(advice.thresholds).toMatchObject({ euThresholdEur: 5_404_000, aboveEuThreshold: false });
  });

  it('never guesses: without a value, above/below is null', () => {
    const advice = advise({ title: 'Schoonmaak kantoren' });
    expect(advice.thresholds.aboveEuThreshold).toBeNull();
    expect(advice.thresholds.euThresholdEur).toBe(216_000);
    expect(advice.mvi.required).toBeNull();
    expect(advice.socialReturn.applies).toBeNull();
  });

  it('gives no threshold when it cannot tell works, supplies or services apart', () => {
    const advice = advise({ title: 'xyzzy', estimatedValueEur: 300_000 });
    expect(advice.contractType).toBeNull();
    expect(advice.thresholds).toMatchObject({ euThresholdEur: null, aboveEuThreshold: null });
  });
});

describe('policy: MVI and social return', () => {
  it('requires MVI from €50,000 and applies 5 % social return to services from €100,000', () => {
    const advice = advise({ title: 'Schoonmaak gemeentehuis', estimatedValueEur: 400_000 });
    expect(advice.mvi.required).toBe(true);
    expect(advice.socialReturn).toMatchObject({ applies: true, percentage: 5, amountEur: 20_000 });
    expect(advice.socialReturn.reason).toMatch(/€\s20\.000/);
  });

  it('does not require social return for supplies or below €100,000', () => {
    expect(advise({ title: 'Laptops', estimatedValueEur: 500_000 }).socialReturn.applies).toBe(false);
    const small = advise({ title: 'Schoonmaak', estimatedValueEur: 80_000 });
    expect(small.socialReturn.applies).toBe(false);
    expect(small.mvi.required).toBe(true);
    expect(advise({ title: 'Schoonmaak', estimatedValueEur: 30_000 }).mvi.required).toBe(false);
  });

  it("follows a municipality's own policy", () => {
    const havendam = advise({ title: 'Schoonmaak', estimatedValueEur: 80_000, municipality: 'havendam' });
    expect(havendam.socialReturn.applies).toBe(true);
    expect(havendam.ambition).toBe('ambitious');
    expect(
      advise({ title: 'Schoonmaak', estimatedValueEur: 40_000, municipality: 'rietmond' }).mvi.required,
    ).toBe(true);
  });
});

describe('the duties of a tender alone (for monitoring)', () => {
  it.each<[string, AdviceRequest]>([
    [
      'services with a CPV code, above both limits',
      { title: 'Schoonmaak', cpv: ['90910000'], estimatedValueEur: 400_000 },
    ],
    ['supplies found from the text', { title: 'Laptops en monitoren', estimatedValueEur: 180_000 }],
    [
      'works below social return',
      { title: 'Herinrichting plein', cpv: ['45233000'], estimatedValueEur: 90_000 },
    ],
    ['no value known', { title: 'Groenonderhoud' }],
    [
      "a municipality's own policy",
      { title: 'Catering', cpv: ['55520000'], estimatedValueEur: 80_000, municipality: 'havendam' },
    ],
  ])('say what the full advice says: %s', (_, request) => {
    const advice = advise(request);
    expect(engine.duties(request)).toEqual({
      mviRequired: advice.mvi.required,
      socialReturnRequired: advice.socialReturn.applies,
    });
  });

  it('requires MVI and social return for a large services tender, and cannot tell without a value', () => {
    expect(engine.duties({ title: 'Schoonmaak', cpv: ['90910000'], estimatedValueEur: 400_000 })).toEqual({
      mviRequired: true,
      socialReturnRequired: true,
    });
    expect(engine.duties({ title: 'Groenonderhoud' })).toEqual({
      mviRequired: null,
      socialReturnRequired: null,
    });
  });
});

describe('criteria', () => {
  it('builds ambition levels on each other: basic ⊂ significant ⊂ ambitious', () => {
    const at = (ambition: 'basic' | 'significant' | 'ambitious') =>
      advise({ title: 'Schoonmaak', ambition }).criteria.map((c) => c.id);
    const basic = at('basic');
    const significant = at('significant');
    const ambitious = at('ambitious');
    expect(basic.length).toBeGreaterThan(0);
    expect(significant).toEqual(expect.arrayContaining(basic));
    expect(ambitious).toEqual(expect.arrayContaining(significant));
    expect(ambitious.length).toBeGreaterThan(basic.length);
  });

  it('only returns criteria that exist in the catalogue, grouped by theme', () => {
    for (const title of ['Schoonmaak', 'LED verlichting', 'Wmo', 'Laptops', 'asfalt onderhoud wegen']) {
      const advice = advise({ title, ambition: 'ambitious' });
      for (const c of advice.criteria)
        expect(catalogue.criteriaById.get(c.id)?.productGroupId).toBe(c.productGroupId);
      expect(advice.criteriaByTheme.flatMap((t) => t.criteria).length).toBe(advice.criteria.length);
    }
  });

  it('suggests next steps that fit the tender', () => {
    const big = advise({ title: 'Schoonmaak', estimatedValueEur: 400_000 }).nextSteps.map((s) => s.id);
    expect(big).toEqual(expect.arrayContaining(['ambitieweb', 'market-consultation', 'social-return']));
    const small = advise({ title: 'Schoonmaak', estimatedValueEur: 60_000 }).nextSteps.map((s) => s.id);
    expect(small).toContain('social-enterprises');
    expect(small).not.toContain('market-consultation');
  });
});

describe('bad requests', () => {
  it('lists every problem in Dutch and English', () => {
    try {
      engine.parseRequest({ title: '', estimatedValueEur: -5, cpv: ['9091'], date: '21-11-2026' });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error)).toBe(true);
      if (!isDomainError(error)) return;
      expect(error.code).toBe('validation');
      expect(error.details.map((d) => d.split(':')[0])).toEqual([
        'title',
        'cpv.0',
        'estimatedValueEur',
        'date',
      ]);
    }
  });
});

describe('relevance you can see', () => {
  const ids = (title: string) => advise({ title }).productGroups.map((g) => g.id);
  const criteriaGroups = (title: string) => new Set(advise({ title }).criteria.map((c) => c.productGroupId));

  it('never brings a group in on a place, a building or an organisation alone', () => {
    // "raadhuis" used to bring in waste collection and Wmo support, with their criteria.
    expect(ids('Catering raadhuis')).toEqual(['catering']);
    expect([...criteriaGroups('Catering raadhuis')]).toEqual(['catering']);
    expect(ids('Cleaning of the town hall')[0]).toBe('cleaning');
    expect(ids('Cleaning of the town hall')).not.toContain('new-buildings');
    expect(
      advise({ title: 'Cleaning of the town hall' }).criteria.every((c) => c.productGroupId === 'cleaning'),
    ).toBe(true);
    expect(advise({ title: 'Raadhuis' }).productGroups).toEqual([]);
  });

  it('never brings a group in on a generic word alone', () => {
    for (const title of ['Duurzaam beheer', 'Levering en exploitatie', 'Sustainability services']) {
      expect(advise({ title }).productGroups, title).toEqual([]);
    }
  });

  it('shows a group that is only possible as such, without mixing its criteria into the list', () => {
    const advice = advise({ title: 'Inhuur verkeersregelaars evenementen' });
    expect(advice.productGroups[0]).toMatchObject({ id: 'temporary-staff', relevance: 'main' });
    const catering = advice.productGroups.find((g) => g.id === 'catering');
    if (catering) expect(catering.relevance).toBe('possible');
    expect(
      advice.criteria.some((c) => c.productGroupId === 'catering' || c.productGroupId === 'events'),
    ).toBe(false);
    for (const g of advice.productGroups) expect(g.link).toBe(`/product-groups/${g.id}`);
  });

  it('keeps two groups as main when each names its own part of the tender', () => {
    const advice = advise({ title: 'Catering en schoonmaak stadskantoor' });
    expect(
      advice.productGroups
        .filter((g) => g.relevance === 'main')
        .map((g) => g.id)
        .sort(),
    ).toEqual(['catering', 'cleaning']);
    expect(criteriaGroups('Catering en schoonmaak stadskantoor')).toEqual(new Set(['catering', 'cleaning']));
  });

  it('names the product group of every criterion', () => {
    const advice = advise({ title: 'Catering en schoonmaak' });
    for (const c of advice.criteria)
      expect(c.productGroupName).toBe(catalogue.productGroupsById.get(c.productGroupId)!.name.nl);
  });
});

describe('the light regime and the contract type from what is bought', () => {
  it.each([
    ['Catering personeelsrestaurant', 'catering'],
    ['Beveiliging en bewaking gemeentelijke gebouwen', 'security'],
    ['Juridische dienstverlening', 'legal-financial-services'],
    ['Re-integratietrajecten voor bijstandsgerechtigden', 'reintegration'],
  ])('applies the €750,000 threshold to “%s”, found from words alone', (title, group) => {
    const advice = advise({ title, estimatedValueEur: 500_000 });
    expect(advice.productGroups[0]?.id).toBe(group);
    expect(advice.socialServices).toBe(true);
    expect(advice.thresholds).toMatchObject({ euThresholdEur: 750_000, aboveEuThreshold: false });
    expect(advice.thresholds.explanation).toContain('sociale en andere specifieke diensten');
    expect(advice.thresholds.explanation).not.toContain('Europees aanbesteden is verplicht');
  });

  it('explains that the main subject decides when a group holds another regime', () => {
    const security = advise({ title: 'Beveiliging', estimatedValueEur: 300_000 });
    expect(security.thresholds.euThresholdEur).toBe(750_000);
    expect(security.thresholds.explanation).toMatch(/receptie/i);
    expect(security.thresholds.explanation).toMatch(/hoofdvoorwerp/);
    // Reception services alone are not a social service.
    const reception = advise({ title: 'Receptiediensten stadskantoor', estimatedValueEur: 300_000 });
    expect(reception.productGroups[0]?.id).toBe('security');
    expect(reception.thresholds).toMatchObject({ euThresholdEur: 216_000, aboveEuThreshold: true });
    expect(reception.thresholds.explanation).toMatch(/hoofdvoorwerp/);
  });

  it('takes the main subject from the first CPV code given, not from every code', () => {
    // Catering with kitchen supplies: the first code is the canteen service.
    const advice = advise({
      title: 'Bedrijfsrestaurant',
      cpv: ['55510000', '39221000'],
      estimatedValueEur: 500_000,
    });
    expect(advice.socialServices).toBe(true);
    expect(advice.thresholds.euThresholdEur).toBe(750_000);
    expect(advice.thresholds.explanation).toMatch(/hoofdvoorwerp/);
  });

  it('reads the construction of sports fields as works', () => {
    for (const title of [
      'Aanleg kunstgrasvelden sportpark',
      'Renovatie zwembad De Wetering',
      'Construction of artificial turf sports fields',
    ]) {
      const advice = advise({ title, estimatedValueEur: 1_500_000 });
      expect(advice.productGroups[0]?.id, title).toBe('sports-facilities');
      expect(advice.contractType, title).toBe('works');
      expect(advice.thresholds, title).toMatchObject({ euThresholdEur: 5_404_000, aboveEuThreshold: false });
    }
  });
});

describe('advice for every tender', () => {
  it('answers a tender no group covers with general criteria for its contract type, labelled as general', () => {
    const advice = advise({ title: 'Röntgenapparatuur', cpv: ['33111000'], estimatedValueEur: 400_000 });
    expect(advice.productGroups).toEqual([]);
    expect(advice.contractType).toBe('supplies');
    expect(advice.general?.explanation).toBe(
      'Geen specifieke productgroep; deze criteria passen bij elke levering.',
    );
    expect(advice.criteria.length).toBeGreaterThan(0);
    for (const c of advice.criteria) {
      expect(c.productGroupId).toBe('general');
      expect(c.productGroupName).toBe('Algemene MVI-criteria');
      expect(catalogue.generalCriteria.find((g) => g.id === c.id)?.contractTypes).toContain('supplies');
    }
  });

  it('gives criteria that suit any contract when even the contract type is unknown', () => {
    const advice = advise({ title: 'xyzzy plugh' });
    expect(advice.general?.explanation).toContain('elke opdracht');
    expect(advice.criteria.length).toBeGreaterThan(0);
    for (const c of advice.criteria)
      expect(catalogue.generalCriteria.find((g) => g.id === c.id)?.contractTypes).toHaveLength(3);
  });

  it('never answers a valid tender with an empty list of criteria', () => {
    for (const title of [
      'xyzzy',
      'Dilution refrigerator',
      'Taxatie onroerende zaken',
      'Schoonmaak',
      'Raadhuis',
    ]) {
      for (const ambition of ['basic', 'significant', 'ambitious'] as const) {
        expect(advise({ title, ambition }).criteria.length, `${title} ${ambition}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('CPV codes with their names', () => {
  it('shows a group’s CPV codes as full codes with labels, not as prefixes', () => {
    const cleaning = advise({ title: 'Schoonmaak' }).productGroups[0]!;
    expect(cleaning.cpv).toContainEqual({
      prefix: '398',
      code: '39800000-0',
      label: 'Producten voor schoonmaken en poetsen',
    });
    for (const c of cleaning.cpv) expect(c.code).toMatch(/^\d{8}-\d$/);
    expect(
      advise({ title: 'Cleaning', language: 'en' }).productGroups[0]!.cpv.find((c) => c.prefix === '398')
        ?.label,
    ).toBe('Cleaning and polishing products');
  });

  it('suggests at most five codes a buyer would put in the notice, best first, with their names', () => {
    const advice = advise({ title: 'Schoonmaak kantoren en glasbewassing' });
    expect(advice.cpvSuggestions.length).toBeGreaterThan(0);
    expect(advice.cpvSuggestions.length).toBeLessThanOrEqual(5);
    expect(advice.cpvSuggestions[0]!.code.startsWith('909')).toBe(true);
    const scores = advice.cpvSuggestions.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const s of advice.cpvSuggestions) expect(catalogue.cpv.entry(s.code)?.nl).toBe(s.label);
  });

  it('puts the codes given first and names them in the explanation', () => {
    const advice = advise({ title: 'Perceel 2', cpv: ['90911200-8'] });
    expect(advice.cpvSuggestions[0]).toMatchObject({
      code: '90911200-8',
      label: 'Reiniging van gebouwen',
      score: 1,
    });
    expect(advice.productGroups[0]?.explanation).toContain('90911200-8 (Reiniging van gebouwen)');
  });

  it('suggests codes from the CPV vocabulary when no group fits', () => {
    const advice = advise({ title: 'Röntgenapparatuur voor de tandarts' });
    expect(advice.cpvSuggestions.some((s) => s.code.startsWith('331'))).toBe(true);
  });
});

describe('robust input', () => {
  const problemsOf = (input: unknown): { fields: string[]; nl: string; en: string } => {
    try {
      engine.parseRequest(input);
    } catch (error) {
      if (isDomainError(error))
        return {
          fields: error.details.map((d) => d.split(':')[0]!),
          nl: error.userMessage.nl,
          en: error.userMessage.en,
        };
    }
    throw new Error('accepted');
  };

  it('reads null as unknown', () => {
    const request = engine.parseRequest({
      title: 'Schoonmaak',
      estimatedValueEur: null,
      description: null,
      cpv: null,
      date: null,
      ambition: null,
    });
    expect(request.estimatedValueEur).toBeUndefined();
    expect(advise(request).thresholds.aboveEuThreshold).toBeNull();
  });

  it('refuses an impossible date with a sentence a person understands', () => {
    const { fields, nl, en } = problemsOf({ title: 'Schoonmaak', date: '2026-02-30' });
    expect(fields).toEqual(['date']);
    expect(nl).toContain('bestaat niet in de kalender (2026-02-30)');
    expect(en).toContain('does not exist in the calendar');
  });

  it('refuses a CPV code that does not exist, or has the wrong check digit', () => {
    expect(problemsOf({ title: 'Schoonmaak', cpv: ['12345678'] }).nl).toContain(
      'CPV-code 12345678 bestaat niet',
    );
    expect(problemsOf({ title: 'Schoonmaak', cpv: ['90911200-3'] }).nl).toContain(
      'controlecijfer van CPV-code 90911200 is 8',
    );
    expect(engine.parseRequest({ title: 'Schoonmaak', cpv: ['90911200-8', '90911200'] }).cpv).toHaveLength(2);
  });

  it('refuses a value that is not a number, in both languages', () => {
    const { fields, nl, en } = problemsOf({ title: 'Schoonmaak', estimatedValueEur: 'veel' });
    expect(fields).toEqual(['estimatedValueEur']);
    expect(nl).toContain('De geraamde waarde moet een getal zijn.');
    expect(en).toContain('The estimated value must be a number.');
  });

  it('refuses a title that is too long, and cuts a long description with a note', () => {
    expect(problemsOf({ title: 'x'.repeat(20_000) }).nl).toContain(`langer dan ${TITLE_MAX} tekens`);
    const advice = advise(
      engine.parseRequest({ title: 'Schoonmaak', description: 'glasbewassing '.repeat(1_500) }),
    );
    expect(advice.productGroups[0]?.id).toBe('cleaning');
    expect(advice.notes.join(' ')).toContain(
      'Alleen de eerste 10.000 tekens van de toelichting zijn gelezen',
    );
  });
});

describe('a group the person chose', () => {
  it('makes the chosen group the main one and keeps the rest of the request', () => {
    const advice = advise(
      engine.parseRequest({
        title: 'Vervoer naar school',
        estimatedValueEur: 150_000,
        productGroupId: 'student-transport',
      }),
    );
    expect(advice.productGroups[0]).toMatchObject({
      id: 'student-transport',
      relevance: 'main',
      chosen: true,
      explanation: 'U koos deze productgroep.',
    });
    expect(advice.productGroups.slice(1).every((g) => g.relevance === 'possible')).toBe(true);
    expect(advice.confidence).toBe('high');
    expect(new Set(advice.criteria.map((c) => c.productGroupId))).toEqual(new Set(['student-transport']));
  });

  it('refuses a group that does not exist', () => {
    expect(() => engine.parseRequest({ title: 'x', productGroupId: 'no-such-group' })).toThrow(
      /The product group no-such-group does not exist/,
    );
  });
});

describe('ambition per theme (from an Ambitieweb)', () => {
  const request = (themeAmbition: AdviceRequest['themeAmbition']) =>
    engine.parseRequest({
      title: 'Schoonmaak kantoren',
      ambition: 'basic',
      themeAmbition,
      themeAmbitionSource: 'het Ambitieweb van T-1',
    });

  it('gives each theme its criteria at that theme’s level, and a theme at 0 none, with the reason', () => {
    const plain = advise(engine.parseRequest({ title: 'Schoonmaak kantoren', ambition: 'basic' }));
    const web = advise(
      request({
        environment: { ambition: 'ambitious' },
        'social-return': { ambition: null, reason: 'al geregeld in het raamcontract' },
      }),
    );
    const ofTheme = (a: typeof plain, theme: string) => a.criteria.filter((c) => c.themes[0] === theme);
    // Environment goes up to ambitious; themes the web does not name stay at basic.
    expect(ofTheme(web, 'environment').some((c) => c.ambition === 'ambitious')).toBe(true);
    expect(ofTheme(plain, 'environment').every((c) => c.ambition === 'basic')).toBe(true);
    expect(ofTheme(web, 'supply-chain')).toEqual(ofTheme(plain, 'supply-chain'));
    // Social return was not chosen: no criteria, and the advice says why.
    expect(ofTheme(plain, 'social-return').length).toBeGreaterThan(0);
    expect(ofTheme(web, 'social-return')).toEqual([]);
    expect(web.ambitionByTheme.find((t) => t.theme === 'social-return')).toMatchObject({
      ambition: null,
      fromWeb: true,
      reason: 'al geregeld in het raamcontract',
    });
    expect(web.notes).toContain(
      'Sociaal: niet gekozen in het Ambitieweb van T-1, dus geen criteria voor dit thema (al geregeld in het raamcontract).'.replace(
        'Sociaal',
        web.ambitionByTheme.find((t) => t.theme === 'social-return')!.name,
      ),
    );
    expect(web.notes[0]).toBe('Het ambitieniveau per thema volgt het Ambitieweb van T-1.');
  });

  it('refuses a level that is not one', () => {
    expect(() =>
      engine.parseRequest({ title: 'x', themeAmbition: { climate: { ambition: 'extreme' } } }),
    ).toThrow();
  });
});
