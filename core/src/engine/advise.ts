/**
 * The tender advice engine: from what a commissioning manager says about a tender to the
 * product groups, criteria, thresholds, social return and next steps that apply. Pure: the
 * catalogue and today's date come in, advice goes out. Every criterion it returns exists in
 * the catalogue.
 */
import { z } from 'zod';
import { policyFor, type Catalogue } from '../catalogue/catalogue.js';
import {
  AMBITION_LEVELS,
  ambitionLevel,
  type AmbitionLevel,
  type ContractType,
  type CriterionType,
  type ProductGroup,
  type ThemeId,
} from '../content/schema.js';
import { validationError } from '../errors.js';
import { ProductGroupMatcher } from './matcher.js';
import { formatEur, formatLongDate } from '../format.js';
import { cpvCodesInText } from './text.js';
import { contractTypeOfCpv, isSocialServiceCpv, periodOn, thresholdFor } from './thresholds.js';

export const adviceRequest = z.object({
  title: z.string().trim().min(1, 'title is required').max(500, 'title is longer than 500 characters'),
  description: z.string().max(10_000, 'description is longer than 10,000 characters').optional(),
  cpv: z
    .array(z.string().trim().regex(/^\d{8}(-\d)?$/, 'a CPV code has 8 digits, optionally followed by -check digit'))
    .max(50)
    .optional(),
  estimatedValueEur: z.number().nonnegative('the estimated value cannot be negative').max(1e11).optional(),
  municipality: z.string().regex(/^[a-z0-9-]+$/).optional(),
  date: z.iso.date('date must be YYYY-MM-DD').optional(),
  ambition: ambitionLevel.optional(),
  language: z.enum(['nl', 'en']).optional(),
});
export type AdviceRequest = z.infer<typeof adviceRequest>;

export type Lang = 'nl' | 'en';

export interface MatchedProductGroup {
  id: string;
  name: string;
  cluster: string;
  /** 0..1, relative to the best possible evidence (1 for a CPV match). */
  score: number;
  cpv: string[];
  /** How it matched, for a person: "CPV 90910000", words "schoonmaak", "glasbewassing". */
  matchedOn: { cpv: string[]; words: string[] };
  explanation: string;
}

export interface AdvisedCriterion {
  id: string;
  productGroupId: string;
  themes: ThemeId[];
  type: CriterionType;
  ambition: AmbitionLevel;
  title: string;
  text: string;
  verification: string;
}

export interface NextStep {
  id: 'describe-tender' | 'mvi-required' | 'ambitieweb' | 'market-consultation' | 'social-enterprises' | 'social-return' | 'mvi-team' | 'criteria-tool';
  text: string;
  /** Path in the tab (deep link), e.g. /tools/ambitieweb. */
  link?: string;
}

export interface Advice {
  confidence: 'high' | 'low' | 'none';
  productGroups: MatchedProductGroup[];
  contractType: ContractType | null;
  socialServices: boolean;
  thresholds: {
    date: string;
    euThresholdEur: number | null;
    aboveEuThreshold: boolean | null;
    explanation: string;
  };
  mvi: { required: boolean | null; requiredFromEur: number; explanation: string };
  socialReturn: { applies: boolean | null; percentage?: number; amountEur?: number; reason: string };
  ambition: AmbitionLevel;
  criteria: AdvisedCriterion[];
  criteriaByTheme: { theme: ThemeId; name: string; criteria: AdvisedCriterion[] }[];
  nextSteps: NextStep[];
}

const CONTRACT_TYPE_NAMES: Record<ContractType, { nl: string; en: string }> = {
  works: { nl: 'werken', en: 'works' },
  supplies: { nl: 'leveringen', en: 'supplies' },
  services: { nl: 'diensten', en: 'services' },
};

/** Relevance cut-offs of text matches (BM25 scores from the matcher). */
const MIN_TEXT_SCORE = 6;
const RELATIVE_TO_BEST = 0.3;
const CONFIDENT_TEXT_SCORE = 14;
const MAX_GROUPS = 3;
/** Scores from here on are confident matches. */
const CONFIDENT = 0.6;
/** Text alone never scores like a CPV code (1). */
const MAX_TEXT_SCORE = 0.95;
/** Matches without a whole title word stay below CONFIDENT. */
const UNSURE_CAP = 0.55;
const UNSURE_FACTOR = 0.7;
/** The best group must explain at least this share of the title's words to be sure... */
const MIN_SURE_COVERAGE = 0.5;
/** ...or this share, when it is the group of a word few groups know (place names and the like stay unread). */
const MIN_SURE_COVERAGE_ANCHORED = 1 / 3;

export class AdviceEngine {
  private readonly matcher: ProductGroupMatcher;
  /** All CPV prefixes, longest first, for longest-prefix matching. */
  private readonly prefixes: { prefix: string; group: ProductGroup }[];

  constructor(private readonly catalogue: Catalogue) {
    this.matcher = new ProductGroupMatcher(catalogue.productGroups);
    this.prefixes = catalogue.productGroups
      .flatMap((group) => group.cpv.map((c) => ({ prefix: c.prefix, group })))
      .sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** The product group whose CPV prefix is the longest one that starts the code. */
  groupOfCpv(code: string): ProductGroup | undefined {
    return this.prefixes.find((p) => code.startsWith(p.prefix))?.group;
  }

  /** Groups whose prefixes lie under a broad code: 90910000 covers 90911 and 90919. */
  groupsUnderCpv(code: string): ProductGroup[] {
    const significant = code.slice(0, 8).replace(/0+$/, '');
    if (significant.length < 3) return [];
    return [...new Set(this.prefixes.filter((p) => p.prefix.startsWith(significant)).map((p) => p.group))];
  }

  /** Validates an untrusted request; throws a validation DomainError listing every problem. */
  parseRequest(input: unknown): AdviceRequest {
    const result = adviceRequest.safeParse(input);
    if (!result.success) {
      const details = result.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`);
      throw validationError(
        { nl: `De aanvraag is niet compleet of klopt niet: ${details.join('; ')}`, en: `The request is incomplete or invalid: ${details.join('; ')}` },
        details,
      );
    }
    return result.data;
  }

  /**
   * What the municipality's policy asks of a tender, without the rest of the advice: MVI and
   * social return required, or null when that cannot be said. For monitoring many tenders at
   * once; with a CPV code the text is not read at all.
   */
  duties(request: AdviceRequest): { mviRequired: boolean | null; socialReturnRequired: boolean | null } {
    const { contractType } = this.assess(request, { textWhenCpv: false });
    const policy = policyFor(this.catalogue, request.municipality);
    const value = request.estimatedValueEur;
    return {
      mviRequired: value === undefined ? null : value >= policy.mviRequiredFromEur,
      socialReturnRequired: this.socialReturnAdvice(policy.socialReturn, contractType, value, 'nl').applies,
    };
  }

  /** The product groups, contract type and whether these are social services. */
  private assess(request: AdviceRequest, options: { textWhenCpv: boolean }) {
    const lang: Lang = request.language ?? 'nl';
    const text = [request.title, request.description ?? ''].join('\n');
    const cpvCodes = [...new Set([...(request.cpv ?? []).map((c) => c.slice(0, 8)), ...cpvCodesInText(text)])];
    const groups = cpvCodes.length > 0 && !options.textWhenCpv ? [] : this.matchGroups(request.title, request.description ?? '', cpvCodes, lang);
    const contractType: ContractType | null = cpvCodes[0] ? contractTypeOfCpv(cpvCodes[0]) : (groups[0] ? this.catalogue.productGroupsById.get(groups[0].id)!.contractType : null);
    const socialServices =
      contractType === 'services' &&
      (cpvCodes.length > 0
        ? cpvCodes.every((c) => isSocialServiceCpv(this.catalogue.thresholds, c))
        : groups.length > 0 &&
          this.catalogue.productGroupsById.get(groups[0]!.id)!.cpv.every((c) => isSocialServiceCpv(this.catalogue.thresholds, c.prefix.padEnd(8, '0'))));
    return { lang, groups, contractType, socialServices };
  }

  advise(request: AdviceRequest, today: string): Advice {
    const date = request.date ?? today;
    const { lang, groups, contractType, socialServices } = this.assess(request, { textWhenCpv: true });
    const confidence: Advice['confidence'] =
      groups.length === 0 ? 'none' : groups[0]!.matchedOn.cpv.length > 0 || groups[0]!.score >= CONFIDENT ? 'high' : 'low';

    const policy = policyFor(this.catalogue, request.municipality);
    const ambition = request.ambition ?? policy.defaultAmbition;
    const value = request.estimatedValueEur;
    const thresholds = this.thresholdAdvice(date, contractType, socialServices, value, lang);
    const mvi = this.mviAdvice(policy.mviRequiredFromEur, value, lang);
    const socialReturn = this.socialReturnAdvice(policy.socialReturn, contractType, value, lang);
    const criteria = this.criteriaFor(groups, ambition, lang);

    return {
      confidence,
      productGroups: groups,
      contractType,
      socialServices,
      thresholds,
      mvi,
      socialReturn,
      ambition,
      criteria,
      criteriaByTheme: this.catalogue.themes
        .map((t) => ({ theme: t.id, name: t.name[lang], criteria: criteria.filter((c) => c.themes[0] === t.id) }))
        .filter((t) => t.criteria.length > 0),
      nextSteps: this.nextSteps({ groups, thresholds, mvi, socialReturn, lang }),
    };
  }

  private matchGroups(title: string, description: string, cpvCodes: string[], lang: Lang): MatchedProductGroup[] {
    const byId = new Map<string, MatchedProductGroup>();
    for (const code of cpvCodes) {
      const exact = this.groupOfCpv(code);
      // A broad code (90910000 "cleaning services") covers the groups of its narrower codes.
      const groups = exact ? [exact] : this.groupsUnderCpv(code);
      for (const group of groups) {
        const existing = byId.get(group.id);
        if (existing) existing.matchedOn.cpv.push(code);
        else byId.set(group.id, this.toMatch(group, exact ? 1 : 0.9, { cpv: [code], words: [] }, lang));
      }
    }
    const textMatches = this.matcher.match(title, description);
    const best = textMatches[0]?.score ?? 0;
    // When the best group explains too little of the title ("CNC Milling Machine" is not
    // about printers because printers know "machine"), no group is sure: every text score
    // is scaled so the best stays below CONFIDENT, their order unchanged.
    const top = textMatches[0];
    const understood = !!top && top.titleCoverage >= (top.anchor ? MIN_SURE_COVERAGE_ANCHORED : MIN_SURE_COVERAGE);
    // The best match scores by its own strength.
    const bestShown = Math.min(MAX_TEXT_SCORE, (best / CONFIDENT_TEXT_SCORE) * CONFIDENT);
    const bestTitle = Math.max(0, ...textMatches.map((m) => m.titleScore));
    // Relevant on the whole text, or on the title alone: a long description must not push
    // away what the title says is bought.
    const relevant = (score: number, bestScore: number): boolean => score >= MIN_TEXT_SCORE && score >= bestScore * RELATIVE_TO_BEST;
    for (const m of textMatches) {
      if (!relevant(m.score, best) && !relevant(m.titleScore, bestTitle) && !(m.anchor && m.titleScore >= MIN_TEXT_SCORE)) continue;
      // The others score relative to the best, so a group half as well matched shows half the score.
      const textScore = bestShown * (m.score / best);
      // Only part of a compound, a typo or the description matched: worth showing, never sure.
      const capped = m.evidence === 'word' ? textScore : Math.min(UNSURE_CAP, textScore * UNSURE_FACTOR);
      const score = Math.round((understood || bestShown <= UNSURE_CAP ? capped : (capped * UNSURE_CAP) / bestShown) * 100) / 100;
      const existing = byId.get(m.groupId);
      if (existing) existing.matchedOn.words.push(...m.matchedWords);
      else byId.set(m.groupId, this.toMatch(this.catalogue.productGroupsById.get(m.groupId)!, score, { cpv: [], words: m.matchedWords }, lang));
    }
    return [...byId.values()]
      .sort((a, b) => b.score - a.score)
      .slice(0, MAX_GROUPS)
      .map((g) => ({ ...g, explanation: this.explain(g, lang) }));
  }

  private toMatch(group: ProductGroup, score: number, matchedOn: MatchedProductGroup['matchedOn'], lang: Lang): MatchedProductGroup {
    return { id: group.id, name: group.name[lang], cluster: group.cluster, score, cpv: group.cpv.map((c) => c.prefix), matchedOn, explanation: '' };
  }

  private explain(group: MatchedProductGroup, lang: Lang): string {
    const parts: string[] = [];
    if (group.matchedOn.cpv.length) parts.push(`CPV ${group.matchedOn.cpv.join(', ')}`);
    if (group.matchedOn.words.length) {
      const quoted = group.matchedOn.words.map((w) => `“${w}”`).join(', ');
      parts.push(lang === 'en' ? `the words ${quoted}` : `de woorden ${quoted}`);
    }
    return lang === 'en' ? `Matched on ${parts.join(' and ')}.` : `Gevonden op ${parts.join(' en ')}.`;
  }

  private thresholdAdvice(date: string, contractType: ContractType | null, socialServices: boolean, value: number | undefined, lang: Lang): Advice['thresholds'] {
    const period = periodOn(this.catalogue.thresholds, date);
    if (!period || !contractType) {
      return {
        date,
        euThresholdEur: null,
        aboveEuThreshold: null,
        explanation: !period
          ? lang === 'en'
            ? `No EU thresholds are known for ${formatLongDate(date, lang)}.`
            : `Voor ${formatLongDate(date, lang)} zijn geen Europese drempelbedragen bekend.`
          : lang === 'en'
            ? 'Whether this is works, supplies or services is not clear yet, so the EU threshold cannot be named.'
            : 'Nog niet duidelijk is of dit werken, leveringen of diensten zijn; daarom is de Europese drempel niet te noemen.',
      };
    }
    const threshold = thresholdFor(period, contractType, socialServices);
    const kind = socialServices
      ? lang === 'en' ? 'social and other specific services' : 'sociale en andere specifieke diensten'
      : CONTRACT_TYPE_NAMES[contractType][lang];
    const base =
      lang === 'en'
        ? `The EU threshold for ${kind} is ${formatEur(threshold, lang)} excl. VAT (valid ${formatLongDate(period.validFrom, lang)} to ${formatLongDate(period.validTo, lang)}).`
        : `De Europese drempel voor ${kind} is ${formatEur(threshold, lang)} excl. btw (geldig van ${formatLongDate(period.validFrom, lang)} tot en met ${formatLongDate(period.validTo, lang)}).`;
    if (value === undefined) {
      return {
        date,
        euThresholdEur: threshold,
        aboveEuThreshold: null,
        explanation: `${base} ${lang === 'en' ? 'Without an estimated value it cannot be said whether the tender is above it.' : 'Zonder geraamde waarde is niet te zeggen of de opdracht daarboven valt.'}`,
      };
    }
    const above = value >= threshold;
    const verdict =
      lang === 'en'
        ? above
          ? `At ${formatEur(value, lang)} this tender is above the EU threshold: a European tender procedure is required.`
          : `At ${formatEur(value, lang)} this tender is below the EU threshold: a national procedure under the municipality's procurement policy applies.`
        : above
          ? `Met ${formatEur(value, lang)} ligt deze opdracht boven de Europese drempel: Europees aanbesteden is verplicht.`
          : `Met ${formatEur(value, lang)} ligt deze opdracht onder de Europese drempel: het inkoopbeleid van de gemeente bepaalt de procedure.`;
    return { date, euThresholdEur: threshold, aboveEuThreshold: above, explanation: `${base} ${verdict}` };
  }

  private mviAdvice(requiredFromEur: number, value: number | undefined, lang: Lang): Advice['mvi'] {
    if (value === undefined) {
      return {
        required: null,
        requiredFromEur,
        explanation:
          lang === 'en'
            ? `MVI is expected in every tender and required from ${formatEur(requiredFromEur, lang)}.`
            : `MVI wordt bij elke opdracht verwacht en is verplicht vanaf ${formatEur(requiredFromEur, lang)}.`,
      };
    }
    const required = value >= requiredFromEur;
    return {
      required,
      requiredFromEur,
      explanation: required
        ? lang === 'en'
          ? `From ${formatEur(requiredFromEur, lang)} MVI criteria are required in your municipality, so also here.`
          : `Vanaf ${formatEur(requiredFromEur, lang)} zijn MVI-criteria in uw gemeente verplicht, dus ook hier.`
        : lang === 'en'
          ? `Below ${formatEur(requiredFromEur, lang)} MVI is not compulsory, but still expected: choose at least one criterion.`
          : `Onder ${formatEur(requiredFromEur, lang)} is MVI niet verplicht, maar wel gewenst: kies minstens één criterium.`,
    };
  }

  private socialReturnAdvice(
    policy: { fromEur: number; percentage: number; contractTypes: ContractType[] },
    contractType: ContractType | null,
    value: number | undefined,
    lang: Lang,
  ): Advice['socialReturn'] {
    if (contractType && !policy.contractTypes.includes(contractType)) {
      return {
        applies: false,
        reason:
          lang === 'en'
            ? `Your municipality applies social return to ${policy.contractTypes.map((t) => CONTRACT_TYPE_NAMES[t].en).join(' and ')}, not to ${CONTRACT_TYPE_NAMES[contractType].en}.`
            : `Uw gemeente past social return toe bij ${policy.contractTypes.map((t) => CONTRACT_TYPE_NAMES[t].nl).join(' en ')}, niet bij ${CONTRACT_TYPE_NAMES[contractType].nl}.`,
      };
    }
    if (value === undefined || !contractType) {
      return {
        applies: null,
        percentage: policy.percentage,
        reason:
          lang === 'en'
            ? `Social return applies from ${formatEur(policy.fromEur, lang)} at ${policy.percentage}% of the contract value; give an estimated value to know whether it applies here.`
            : `Social return geldt vanaf ${formatEur(policy.fromEur, lang)}, voor ${policy.percentage}% van de opdrachtwaarde; geef een geraamde waarde om te weten of het hier geldt.`,
      };
    }
    if (value < policy.fromEur) {
      return {
        applies: false,
        reason:
          lang === 'en'
            ? `Below ${formatEur(policy.fromEur, lang)} social return is not required; consider buying from a social enterprise.`
            : `Onder ${formatEur(policy.fromEur, lang)} is social return niet verplicht; overweeg in te kopen bij een sociale onderneming.`,
      };
    }
    const amountEur = Math.round((value * policy.percentage) / 100);
    return {
      applies: true,
      percentage: policy.percentage,
      amountEur,
      reason:
        lang === 'en'
          ? `Social return applies: ${policy.percentage}% of ${formatEur(value, lang)} is ${formatEur(amountEur, lang)} to spend on jobs or work experience for people distant from the labour market.`
          : `Social return is van toepassing: ${policy.percentage}% van ${formatEur(value, lang)} is ${formatEur(amountEur, lang)} aan banen of werkervaring voor mensen met een afstand tot de arbeidsmarkt.`,
    };
  }

  /** Ambition levels build on each other: "significant" includes the basic criteria. */
  private criteriaFor(groups: MatchedProductGroup[], ambition: AmbitionLevel, lang: Lang): AdvisedCriterion[] {
    const allowed = AMBITION_LEVELS.slice(0, AMBITION_LEVELS.indexOf(ambition) + 1);
    return groups.flatMap((g) =>
      this.catalogue.productGroupsById
        .get(g.id)!
        .criteria.filter((c) => allowed.includes(c.ambition))
        .map((c) => ({
          id: c.id,
          productGroupId: g.id,
          themes: c.themes,
          type: c.type,
          ambition: c.ambition,
          title: c.title[lang],
          text: c.text[lang],
          verification: c.verification[lang],
        })),
    );
  }

  private nextSteps(ctx: { groups: MatchedProductGroup[]; thresholds: Advice['thresholds']; mvi: Advice['mvi']; socialReturn: Advice['socialReturn']; lang: Lang }): NextStep[] {
    const { lang } = ctx;
    const steps: NextStep[] = [];
    const say = (id: NextStep['id'], nl: string, en: string, link?: string): void => {
      steps.push({ id, text: lang === 'en' ? en : nl, ...(link ? { link } : {}) });
    };
    if (ctx.groups.length === 0) {
      say('describe-tender', 'Beschrijf wat u inkoopt (bijvoorbeeld “schoonmaak kantoren” of “LED-verlichting”) en noem de geraamde waarde; dan vind ik de passende criteria.', 'Describe what you are buying (for example “office cleaning” or “LED lighting”) and give the estimated value; then I can find the matching criteria.');
      say('criteria-tool', 'Bekijk intussen de zes MVI-thema’s in de toolbox.', 'Meanwhile, look at the six MVI themes in the toolbox.', '/themes');
      return steps;
    }
    if (ctx.mvi.required !== false) say('ambitieweb', 'Plan met het MVI-team een Ambitiewebsessie om uw ambities per thema te bepalen.', 'Plan an Ambitieweb session with the MVI team to set your ambitions per theme.', '/tools/ambitieweb');
    if (ctx.thresholds.aboveEuThreshold !== false) say('market-consultation', 'Houd een marktconsultatie: vraag leveranciers wat er op MVI-gebied al kan.', 'Hold a market consultation: ask suppliers what is already possible on MVI.', '/tools/market-consultation');
    if (ctx.socialReturn.applies === true) say('social-return', 'Neem de social-returnverplichting op in het bestek en spreek af hoe u die meet.', 'Put the social return obligation in the tender documents and agree how it is measured.', '/tools/social-return-approach');
    if (ctx.thresholds.aboveEuThreshold === false) say('social-enterprises', 'Onder de Europese drempel kunt u gericht een sociale onderneming uitnodigen.', 'Below the EU threshold you can invite a social enterprise directly.', '/social-enterprises');
    say('mvi-team', 'Betrek het MVI-team en uw inkoopadviseur vóór de kick-off.', 'Involve the MVI team and your buyer before the kickoff.');
    return steps;
  }
}

/** Every criterion id in the advice exists in the catalogue (a guard used by tests and the CLI). */
export function assertKnownCriteria(catalogue: Catalogue, advice: Advice): void {
  for (const c of advice.criteria) {
    if (!catalogue.criteriaById.has(c.id)) throw new Error(`unknown criterion ${c.id}`);
  }
}
