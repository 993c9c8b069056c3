/**
 * The tender advice engine: from what a commissioning manager says about a tender to the
 * product groups, criteria, thresholds, social return, CPV codes and next steps that apply.
 * Pure: the catalogue and today's date come in, advice goes out. Every criterion it returns
 * exists in the catalogue, and every valid tender gets at least one.
 */
import { z } from 'zod';
import { policyFor, type Catalogue } from '../catalogue/catalogue.js';
import {
  AMBITION_LEVELS,
  ambitionLevel,
  themeId,
  type AmbitionLevel,
  type ContractType,
  type Criterion,
  type CriterionType,
  type LocalizedText,
  type ProductGroup,
  type ThemeId,
} from '../content/schema.js';
import { formatEur, formatLongDate } from '../format.js';
import type { Language } from '../kernel/language.js';
import { describeIssues, isCalendarDate, problemsError, type FieldProblem } from '../kernel/validation.js';
import type { NamedCpv } from './cpv.js';
import { productGroupDocuments, TextMatcher, type TextMatch } from './matcher.js';
import { cpvCodesInText, stems, words } from './text.js';
import { isSocialServiceCpv, periodOn, thresholdFor } from './thresholds.js';

/** Titles are short; a longer one is refused. Descriptions are read up to DESCRIPTION_READ. */
export const TITLE_MAX = 500;
export const DESCRIPTION_MAX = 100_000;
const DESCRIPTION_READ = 10_000;

/** `null` means "not known", the same as leaving the field out. */
const unknown = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === null ? undefined : value), schema.optional());

export const adviceRequest = z.object({
  title: z.string().trim().min(1).max(TITLE_MAX),
  description: unknown(z.string().max(DESCRIPTION_MAX)),
  cpv: unknown(
    z
      .array(
        z
          .string()
          .trim()
          .regex(/^\d{8}(-\d)?$/, { error: 'cpv-format' }),
      )
      .max(50),
  ),
  estimatedValueEur: unknown(z.number().nonnegative().max(1e11)),
  municipality: unknown(z.string().regex(/^[a-z0-9-]+$/)),
  date: unknown(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date-format', abort: true })
      .refine(isCalendarDate, { error: 'date-exists' }),
  ),
  ambition: unknown(ambitionLevel),
  /**
   * The ambition per MVI theme, from a settled Ambitieweb: each theme's criteria at that
   * theme's level; `null` leaves a theme out (scored 0 in the web). Themes not named keep
   * `ambition` (or the policy's level).
   */
  themeAmbition: unknown(
    z.partialRecord(
      themeId,
      z.object({ ambition: ambitionLevel.nullable(), reason: z.string().max(500).optional() }),
    ),
  ),
  /** Where the per-theme levels come from, in the reader's words ("het Ambitieweb van T-2026-014"). */
  themeAmbitionSource: unknown(z.string().max(200)),
  /** The product group the person chose ("nee, ik bedoel leerlingenvervoer"): it is the main one. */
  productGroupId: unknown(z.string().regex(/^[a-z0-9-]{2,60}$/)),
  language: unknown(z.enum(['nl', 'en'])),
});
/** A valid request (what parseRequest returns; the input may hold `null` for "unknown"). */
export type AdviceRequest = z.output<typeof adviceRequest>;
type ParsedRequest = AdviceRequest;

/** The request's fields as a person knows them, for error messages. */
const FIELD_LABELS: Record<string, LocalizedText> = {
  title: { nl: 'de omschrijving van wat u inkoopt (titel)', en: 'the description of what you buy (title)' },
  description: { nl: 'de toelichting', en: 'the description' },
  cpv: { nl: 'de CPV-code', en: 'the CPV code' },
  estimatedValueEur: { nl: 'de geraamde waarde', en: 'the estimated value' },
  municipality: { nl: 'de gemeente', en: 'the municipality' },
  date: { nl: 'de startdatum', en: 'the start date' },
  ambition: { nl: 'het ambitieniveau', en: 'the ambition level' },
  themeAmbition: { nl: 'het ambitieniveau per thema', en: 'the ambition per theme' },
  themeAmbitionSource: {
    nl: 'de herkomst van de ambitie per thema',
    en: 'the source of the ambition per theme',
  },
  productGroupId: { nl: 'de productgroep', en: 'the product group' },
  language: { nl: 'de taal', en: 'the language' },
};
const FIELD_MESSAGES: Record<string, LocalizedText> = {
  'cpv-format': {
    nl: '{label} “{value}” heeft niet de vorm van 8 cijfers, eventueel met controlecijfer (90911200-8).',
    en: '{label} “{value}” is not 8 digits, optionally with a check digit (90911200-8).',
  },
};

export type Lang = Language;

export interface GroupCpv extends NamedCpv {
  /** The prefix in the knowledge base: every code that starts with it belongs to the group. */
  prefix: string;
}

export interface MatchedProductGroup {
  id: string;
  name: string;
  cluster: string;
  /**
   * `main`: the tender is about this group, and its criteria are in the advice. `possible`:
   * worth a look (shown as "ook mogelijk" with a link), its criteria left out.
   */
  relevance: 'main' | 'possible';
  /** 0..1, relative to the best possible evidence (1 for a CPV match). */
  score: number;
  contractType: ContractType;
  /** The group's CPV codes with their names. */
  cpv: GroupCpv[];
  /** How it matched, for a person: "CPV 90910000", words "schoonmaak", "glasbewassing". */
  matchedOn: { cpv: string[]; words: string[] };
  explanation: string;
  /** The group's page in the tab. */
  link: string;
  /** The person chose this group (the request named it). */
  chosen?: boolean;
}

export interface AdvisedCriterion {
  id: string;
  /** The product group it comes from, or `general` for criteria that suit any tender. */
  productGroupId: string;
  productGroupName: string;
  themes: ThemeId[];
  type: CriterionType;
  ambition: AmbitionLevel;
  title: string;
  text: string;
  verification: string;
}

export interface CpvSuggestion {
  /** 8 digits, hyphen, check digit. */
  code: string;
  label: string;
  /** 0..1. */
  score: number;
}

export interface NextStep {
  id:
    | 'describe-tender'
    | 'mvi-required'
    | 'ambitieweb'
    | 'market-consultation'
    | 'social-enterprises'
    | 'social-return'
    | 'mvi-team'
    | 'criteria-tool';
  text: string;
  /** Path in the tab (deep link), e.g. /tools/ambitieweb. */
  link?: string;
}

export interface Advice {
  /** `high`: sure of the first group; `low`: candidates only; `none`: no product group fits. */
  confidence: 'high' | 'low' | 'none';
  /** Main groups first, then those that are only possible. */
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
  /**
   * The level each theme's criteria are at: from the Ambitieweb where it set one (`null`: the
   * theme was not chosen, so it has no criteria), else the single `ambition`.
   */
  ambitionByTheme: {
    theme: ThemeId;
    name: string;
    ambition: AmbitionLevel | null;
    fromWeb: boolean;
    reason?: string;
  }[];
  /** Present when no product group fits: the criteria are general ones, and this says so. */
  general?: { name: string; explanation: string };
  criteria: AdvisedCriterion[];
  criteriaByTheme: { theme: ThemeId; name: string; criteria: AdvisedCriterion[] }[];
  /** The codes a buyer would put in the notice, best first (at most 5). */
  cpvSuggestions: CpvSuggestion[];
  nextSteps: NextStep[];
  /** What the engine did with the input that the reader should know ("the description was cut"). */
  notes: string[];
}

const CONTRACT_TYPE_NAMES: Record<ContractType, { nl: string; en: string }> = {
  works: { nl: 'werken', en: 'works' },
  supplies: { nl: 'leveringen', en: 'supplies' },
  services: { nl: 'diensten', en: 'services' },
};
/** "Elke dienstverlening", "any supplies contract": for the general criteria's label. */
const ANY_CONTRACT: Record<ContractType | 'any', { nl: string; en: string }> = {
  works: { nl: 'elk werk', en: 'any works contract' },
  supplies: { nl: 'elke levering', en: 'any supplies contract' },
  services: { nl: 'elke dienstverlening', en: 'any services contract' },
  any: { nl: 'elke opdracht', en: 'any contract' },
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
/** A second group is a main one when it scores this close to the first and explains words of its own. */
const MAIN_RELATIVE = 0.75;
/** CPV label matches read per advice. */
const CPV_CANDIDATES = 40;
const MAX_CPV_SUGGESTIONS = 5;
/** At most this many suggestions of one three-digit branch: alternatives are worth more than neighbours. */
const MAX_PER_CLASS = 2;
/** Label matches weaker than this share of the best are no suggestion. */
const MIN_CPV_RELATIVE = 0.35;
/** The CPV labels that give the vocabulary's own opinion on a tender, and how much of the title one must explain. */
const CPV_OPINION = 10;
const MIN_CPV_OPINION_COVERAGE = 1 / 3;

export class AdviceEngine {
  private readonly matcher: TextMatcher;
  /** All CPV prefixes, longest first, for longest-prefix matching. */
  private readonly prefixes: { prefix: string; group: ProductGroup }[];
  /** Stems of words that never bring a group in on their own (places, buildings, generic words). */
  private readonly neutralStems: ReadonlySet<string>;

  constructor(readonly catalogue: Catalogue) {
    this.neutralStems = new Set(
      [
        ...catalogue.vocabulary.contextWords.nl,
        ...catalogue.vocabulary.contextWords.en,
        ...catalogue.vocabulary.genericWords.nl,
        ...catalogue.vocabulary.genericWords.en,
      ]
        .flatMap((w) => words(w))
        .flatMap(stems),
    );
    this.matcher = new TextMatcher(
      productGroupDocuments(catalogue.productGroups),
      undefined,
      this.neutralStems,
    );
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

  /**
   * Validates an untrusted request; throws a validation DomainError naming every problem in
   * Dutch and English. CPV codes must exist in the CPV vocabulary, unless `unknownCpv` is
   * `ignore` (for tenders stored before codes were checked: the engine then leaves them out).
   */
  parseRequest(input: unknown, options: { unknownCpv?: 'refuse' | 'ignore' } = {}): ParsedRequest {
    const result = adviceRequest.safeParse(input);
    const problems: FieldProblem[] = result.success
      ? []
      : describeIssues(result.error.issues, FIELD_LABELS, FIELD_MESSAGES, input);
    if (
      result.success &&
      result.data.productGroupId &&
      !this.catalogue.productGroupsById.has(result.data.productGroupId)
    ) {
      problems.push({
        field: 'productGroupId',
        message: {
          nl: `De productgroep ${result.data.productGroupId} bestaat niet.`,
          en: `The product group ${result.data.productGroupId} does not exist.`,
        },
      });
    }
    if (result.success && options.unknownCpv !== 'ignore') {
      (result.data.cpv ?? []).forEach((code, i) => {
        const check = this.catalogue.cpv.check(code);
        if (!check.ok) problems.push({ field: `cpv.${i}`, message: check.problem });
      });
    }
    if (problems.length > 0 || !result.success) {
      throw problemsError(problems, { nl: 'De aanvraag klopt niet.', en: 'The request is not valid.' });
    }
    return result.data;
  }

  /**
   * What the municipality's policy asks of a tender, without the rest of the advice: MVI and
   * social return required, or null when that cannot be said. For monitoring many tenders at
   * once; with a CPV code the text is not read at all.
   */
  duties(request: ParsedRequest): { mviRequired: boolean | null; socialReturnRequired: boolean | null } {
    const { regime } = this.assess(request, { textWhenCpv: false });
    const policy = policyFor(this.catalogue, request.municipality);
    const value = request.estimatedValueEur;
    return {
      mviRequired: value === undefined ? null : value >= policy.mviRequiredFromEur,
      socialReturnRequired: this.socialReturnAdvice(policy.socialReturn, regime.contractType, value, 'nl')
        .applies,
    };
  }

  /** The product groups, the CPV codes named, and the regime of the main subject. */
  private assess(request: ParsedRequest, options: { textWhenCpv: boolean }) {
    const lang: Lang = request.language ?? 'nl';
    const title = request.title;
    const description = (request.description ?? '').slice(0, DESCRIPTION_READ);
    const text = `${title}\n${description}`;
    const known = (code: string): boolean => this.catalogue.cpv.has(code);
    const cpvCodes = [
      ...new Set([
        ...(request.cpv ?? []).map((c) => c.slice(0, 8)).filter(known),
        ...cpvCodesInText(text).filter(known),
      ]),
    ];
    const readText = cpvCodes.length === 0 || options.textWhenCpv;
    const matched = readText
      ? this.matchGroups(title, description, cpvCodes, lang)
      : { groups: [], coverage: new Map<string, number>() };
    const coverage = matched.coverage;
    const groups = request.productGroupId
      ? this.withChosenGroup(request.productGroupId, matched.groups, lang)
      : matched.groups;
    // The CPV vocabulary reads the description only when the title did not name a group
    // with a whole word: it is large, and a description then adds more noise than sense.
    const titleNamedGroup = groups.some(
      (g) =>
        g.relevance === 'main' &&
        g.matchedOn.words.length > 0 &&
        (coverage.get(g.id) ?? 0) >= MIN_SURE_COVERAGE,
    );
    // Labels found by neutral words only ("gemeentehuis") say nothing about what is bought.
    const cpvText = readText
      ? this.catalogue.cpv
          .match(title, titleNamedGroup ? '' : description)
          .filter((m) => m.matchedWords.some((w) => !this.matcher.isNeutral(w)))
          .slice(0, CPV_CANDIDATES)
      : [];
    const regime = this.regime(cpvCodes, groups, cpvText, lang);
    return {
      lang,
      groups,
      coverage,
      cpvCodes,
      cpvText,
      regime,
      descriptionCut: (request.description?.length ?? 0) > DESCRIPTION_READ,
    };
  }

  advise(request: ParsedRequest, today: string): Advice {
    const date = request.date ?? today;
    const { lang, groups, coverage, cpvCodes, cpvText, regime, descriptionCut } = this.assess(request, {
      textWhenCpv: true,
    });
    const main = groups.filter((g) => g.relevance === 'main');
    const confidence = this.confidence(main, cpvCodes, cpvText, coverage);

    const policy = policyFor(this.catalogue, request.municipality);
    const ambition = request.ambition ?? policy.defaultAmbition;
    const value = request.estimatedValueEur;
    const thresholds = this.thresholdAdvice(date, regime, value, lang);
    const mvi = this.mviAdvice(policy.mviRequiredFromEur, value, lang);
    const socialReturn = this.socialReturnAdvice(policy.socialReturn, regime.contractType, value, lang);
    const ambitionByTheme = this.catalogue.themes.map((t) => {
      const fromWeb = request.themeAmbition?.[t.id];
      return {
        theme: t.id,
        name: t.name[lang],
        ambition: fromWeb ? fromWeb.ambition : ambition,
        fromWeb: fromWeb !== undefined,
        ...(fromWeb?.reason ? { reason: fromWeb.reason } : {}),
      };
    });
    const levelOf = (c: Criterion): AmbitionLevel | null => {
      const theme = ambitionByTheme.find((t) => t.theme === c.themes[0]);
      return theme ? theme.ambition : ambition;
    };
    let criteria = this.criteriaFor(main, levelOf, lang);
    let general: Advice['general'];
    if (criteria.length === 0 && main.length === 0) {
      // No product group fits: impact can be asked in every tender.
      criteria = this.generalCriteria(regime.contractType, levelOf, lang);
      const any = ANY_CONTRACT[regime.contractType ?? 'any'][lang];
      general = {
        name: this.catalogue.generalCriteriaName[lang],
        explanation:
          lang === 'en'
            ? `No specific product group fits; these criteria suit ${any}.`
            : `Geen specifieke productgroep; deze criteria passen bij ${any}.`,
      };
    }
    const notes: string[] = [];
    if (request.themeAmbition) {
      const source = request.themeAmbitionSource ?? (lang === 'en' ? 'the Ambitieweb' : 'het Ambitieweb');
      notes.push(
        lang === 'en'
          ? `The ambition per theme follows ${source}.`
          : `Het ambitieniveau per thema volgt ${source}.`,
      );
      for (const t of ambitionByTheme.filter((x) => x.fromWeb && x.ambition === null)) {
        notes.push(
          lang === 'en'
            ? `${t.name}: not chosen in ${source}, so no criteria for this theme${t.reason ? ` (${t.reason})` : ''}.`
            : `${t.name}: niet gekozen in ${source}, dus geen criteria voor dit thema${t.reason ? ` (${t.reason})` : ''}.`,
        );
      }
    }
    if (descriptionCut) {
      notes.push(
        lang === 'en'
          ? `Only the first ${DESCRIPTION_READ.toLocaleString('en-GB')} characters of the description were read.`
          : `Alleen de eerste ${DESCRIPTION_READ.toLocaleString('nl-NL')} tekens van de toelichting zijn gelezen.`,
      );
    }

    return {
      confidence,
      productGroups: groups,
      contractType: regime.contractType,
      socialServices: regime.socialServices,
      thresholds,
      mvi,
      socialReturn,
      ambition,
      ambitionByTheme,
      ...(general ? { general } : {}),
      criteria,
      criteriaByTheme: this.catalogue.themes
        .map((t) => ({
          theme: t.id,
          name: t.name[lang],
          criteria: criteria.filter((c) => c.themes[0] === t.id),
        }))
        .filter((t) => t.criteria.length > 0),
      cpvSuggestions: this.cpvSuggestions(cpvCodes, main, cpvText, lang),
      nextSteps: this.nextSteps({ groups: main, thresholds, mvi, socialReturn, lang }),
      notes,
    };
  }

  /**
   * Sure only when it is earned: a CPV code was given, or the text names the first group
   * well (most of the title, a whole word) and the CPV vocabulary, read on its own, does not
   * name something else: when its best labels explain the title, one of them must lie under
   * the group's codes ("Dilution refrigerator" reads as household fridges in the CPV, not as
   * the building installations whose words it shares).
   */
  private confidence(
    main: MatchedProductGroup[],
    cpvCodes: string[],
    cpvText: TextMatch[],
    coverage: ReadonlyMap<string, number>,
  ): Advice['confidence'] {
    const first = main[0];
    if (!first) return 'none';
    if (first.matchedOn.cpv.length > 0 || first.chosen) return 'high';
    if (first.score < CONFIDENT) return 'low';
    if (cpvCodes.length > 0) return 'high';
    return this.cpvDisagrees(first, cpvText, coverage.get(first.id) ?? 0) ? 'low' : 'high';
  }

  /**
   * The CPV vocabulary names something else: none of its ten best labels lies under the
   * group's codes, and one of them explains at least as much of the title as the group does.
   */
  private cpvDisagrees(group: MatchedProductGroup, cpvText: TextMatch[], groupCoverage: number): boolean {
    const best = cpvText.slice(0, CPV_OPINION);
    if (best.some((m) => group.cpv.some((c) => m.groupId.startsWith(c.prefix)))) return false;
    return best.some(
      (m) => m.evidence === 'word' && m.titleCoverage >= Math.max(MIN_CPV_OPINION_COVERAGE, groupCoverage),
    );
  }

  private matchGroups(
    title: string,
    description: string,
    cpvCodes: string[],
    lang: Lang,
  ): { groups: MatchedProductGroup[]; coverage: Map<string, number> } {
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
    const understood =
      !!top && top.titleCoverage >= (top.anchor ? MIN_SURE_COVERAGE_ANCHORED : MIN_SURE_COVERAGE);
    // The best match scores by its own strength.
    const bestShown = Math.min(MAX_TEXT_SCORE, (best / CONFIDENT_TEXT_SCORE) * CONFIDENT);
    const bestTitle = Math.max(0, ...textMatches.map((m) => m.titleScore));
    // Relevant on the whole text, or on the title alone: a long description must not push
    // away what the title says is bought.
    const relevant = (score: number, bestScore: number): boolean =>
      score >= MIN_TEXT_SCORE && score >= bestScore * RELATIVE_TO_BEST;
    for (const m of textMatches) {
      if (
        !relevant(m.score, best) &&
        !relevant(m.titleScore, bestTitle) &&
        !(m.anchor && m.titleScore >= MIN_TEXT_SCORE)
      )
        continue;
      // The others score relative to the best, so a group half as well matched shows half the score.
      const textScore = bestShown * (m.score / best);
      // Only part of a compound, a typo or the description matched: worth showing, never sure.
      const capped = m.evidence === 'word' ? textScore : Math.min(UNSURE_CAP, textScore * UNSURE_FACTOR);
      const score =
        Math.round(
          (understood || bestShown <= UNSURE_CAP ? capped : (capped * UNSURE_CAP) / bestShown) * 100,
        ) / 100;
      const existing = byId.get(m.groupId);
      if (existing) existing.matchedOn.words.push(...m.matchedWords);
      else
        byId.set(
          m.groupId,
          this.toMatch(
            this.catalogue.productGroupsById.get(m.groupId)!,
            score,
            { cpv: [], words: m.matchedWords },
            lang,
          ),
        );
    }
    const ranked = [...byId.values()].sort((a, b) => b.score - a.score).slice(0, MAX_GROUPS);
    // The first group is the main one. Another is main too when it names, with a whole word,
    // a part of the title the groups before it do not, and either scores close to the first
    // or names a subject of its own ("catering en schoonmaak": two subjects joined by "en").
    // Otherwise it is only possible ("inhuur verkeersregelaars evenementen": for events).
    const segments = titleSegments(title);
    const explained = new Set<string>();
    ranked.forEach((g, i) => {
      const own = g.matchedOn.words.filter((w) => !explained.has(w) && segments.some((seg) => seg.has(w)));
      const ownSubject =
        own.length > 0 &&
        segments.some((seg) => own.some((w) => seg.has(w)) && ![...seg].some((w) => explained.has(w)));
      const whole = textMatches.find((m) => m.groupId === g.id)?.evidence === 'word';
      const main =
        i === 0 ||
        g.matchedOn.cpv.length > 0 ||
        (whole && own.length > 0 && (g.score >= ranked[0]!.score * MAIN_RELATIVE || ownSubject));
      g.relevance = main ? 'main' : 'possible';
      if (main) g.matchedOn.words.forEach((w) => explained.add(w));
    });
    return {
      groups: [
        ...ranked.filter((g) => g.relevance === 'main'),
        ...ranked.filter((g) => g.relevance === 'possible'),
      ].map((g) => ({ ...g, explanation: this.explain(g, lang) })),
      coverage: new Map(textMatches.map((m) => [m.groupId, m.titleCoverage])),
    };
  }

  private toMatch(
    group: ProductGroup,
    score: number,
    matchedOn: MatchedProductGroup['matchedOn'],
    lang: Lang,
  ): MatchedProductGroup {
    return {
      id: group.id,
      name: group.name[lang],
      cluster: group.cluster,
      relevance: 'main',
      score,
      contractType: group.contractType,
      cpv: group.cpv.map((c) => {
        const named = this.catalogue.cpv.codeOfPrefix(c.prefix);
        return { prefix: c.prefix, code: named?.code ?? c.prefix, label: named?.[lang] ?? c.label[lang] };
      }),
      matchedOn,
      explanation: '',
      link: `/product-groups/${group.id}`,
    };
  }

  /** The group the person chose comes first as the main one; the others found are only possible. */
  private withChosenGroup(id: string, found: MatchedProductGroup[], lang: Lang): MatchedProductGroup[] {
    const group = this.catalogue.productGroupsById.get(id);
    if (!group) return found;
    const chosen: MatchedProductGroup = {
      ...this.toMatch(group, 1, { cpv: [], words: [] }, lang),
      chosen: true,
      explanation: lang === 'en' ? 'You chose this product group.' : 'U koos deze productgroep.',
    };
    return [
      chosen,
      ...found.filter((g) => g.id !== id).map((g) => ({ ...g, relevance: 'possible' as const })),
    ].slice(0, MAX_GROUPS);
  }

  private explain(group: MatchedProductGroup, lang: Lang): string {
    const parts: string[] = [];
    if (group.matchedOn.cpv.length) {
      parts.push(
        `CPV ${group.matchedOn.cpv
          .map((c) => this.catalogue.cpv.named(c, lang))
          .map((n) => (n ? `${n.code} (${n.label})` : ''))
          .filter(Boolean)
          .join(', ')}`,
      );
    }
    if (group.matchedOn.words.length) {
      const quoted = group.matchedOn.words.map((w) => `“${w}”`).join(', ');
      parts.push(lang === 'en' ? `the words ${quoted}` : `de woorden ${quoted}`);
    }
    return lang === 'en' ? `Matched on ${parts.join(' and ')}.` : `Gevonden op ${parts.join(' en ')}.`;
  }

  /**
   * Works, supplies or services, and whether the light regime of social and other specific
   * services applies: from the main subject. That is the first CPV code given, or else the
   * first main product group, whose content says what its main subject is.
   */
  private regime(
    cpvCodes: string[],
    groups: MatchedProductGroup[],
    cpvText: TextMatch[],
    lang: Lang,
  ): { contractType: ContractType | null; socialServices: boolean; note?: string } {
    const first = cpvCodes[0];
    if (first) {
      const contractType = this.catalogue.cpv.contractType(first) ?? null;
      const socialServices =
        contractType === 'services' && isSocialServiceCpv(this.catalogue.thresholds, first);
      const mixed = cpvCodes.some(
        (c) =>
          this.catalogue.cpv.contractType(c) !== contractType ||
          (contractType === 'services' &&
            isSocialServiceCpv(this.catalogue.thresholds, c) !== socialServices),
      );
      const named = this.catalogue.cpv.named(first, lang);
      return {
        contractType,
        socialServices,
        ...(mixed && named
          ? {
              note:
                lang === 'en'
                  ? `The codes given fall under different regimes; the main subject decides, and the first code (${named.code} ${named.label}) is taken as the main subject.`
                  : `De opgegeven codes vallen onder verschillende regimes; het hoofdvoorwerp bepaalt de drempel, en de eerste code (${named.code} ${named.label}) geldt als hoofdvoorwerp.`,
            }
          : {}),
      };
    }
    const main = groups.find((g) => g.relevance === 'main');
    if (!main) return this.regimeFromCpvText(cpvText, lang);
    const group = this.catalogue.productGroupsById.get(main.id)!;
    const note = group.regimeNote ? { note: group.regimeNote[lang] } : {};
    // The text may name a part of the group whose regime differs from the group's main
    // subject ("receptiediensten" in security, "onderhoud" of public lighting works): the
    // best CPV label, when it lies under the group's codes and explains most of the title,
    // decides then. Only services can be such a part: a supplies label ("schoonmaakproducten")
    // shares its words with the service too often to overrule the group.
    const best = cpvText[0];
    const part =
      best &&
      best.evidence === 'word' &&
      best.titleCoverage >= 0.5 &&
      main.cpv.some((c) => best.groupId.startsWith(c.prefix))
        ? best
        : undefined;
    const partType = part ? this.catalogue.cpv.contractType(part.groupId) : undefined;
    if (part && partType === 'services') {
      const socialServices =
        partType === 'services' && isSocialServiceCpv(this.catalogue.thresholds, part.groupId);
      if (partType !== group.contractType || socialServices !== group.socialServices) {
        const named = this.catalogue.cpv.named(part.groupId, lang)!;
        const kind = socialServices
          ? lang === 'en'
            ? 'social and other specific services'
            : 'sociale en andere specifieke diensten'
          : CONTRACT_TYPE_NAMES[partType][lang];
        return {
          contractType: partType,
          socialServices,
          note:
            lang === 'en'
              ? `What you describe reads as ${named.code} ${named.label}, which counts as ${kind}; the main subject of the contract decides the threshold.`
              : `Wat u beschrijft is ${named.code} ${named.label}; dat valt onder ${kind}. Het hoofdvoorwerp van de opdracht bepaalt de drempel.`,
        };
      }
    }
    return { contractType: group.contractType, socialServices: group.socialServices, ...note };
  }

  /**
   * Without a group or a code, the CPV vocabulary may still say what kind of contract this
   * is: when its best label explains most of the title and the best three agree on the type.
   */
  private regimeFromCpvText(
    cpvText: TextMatch[],
    lang: Lang,
  ): { contractType: ContractType | null; socialServices: boolean; note?: string } {
    const top = cpvText.slice(0, 3);
    const best = top[0];
    const type = best ? this.catalogue.cpv.contractType(best.groupId) : undefined;
    if (
      !best ||
      !type ||
      best.evidence !== 'word' ||
      best.titleCoverage < 0.5 ||
      top.some((m) => this.catalogue.cpv.contractType(m.groupId) !== type)
    ) {
      return { contractType: null, socialServices: false };
    }
    const named = this.catalogue.cpv.named(best.groupId, lang)!;
    return {
      contractType: type,
      socialServices: type === 'services' && isSocialServiceCpv(this.catalogue.thresholds, best.groupId),
      note:
        lang === 'en'
          ? `No product group fits; the CPV code that best matches your words, ${named.code} ${named.label}, is ${CONTRACT_TYPE_NAMES[type].en}. Check the code.`
          : `Geen productgroep past; de CPV-code die het best bij uw woorden past, ${named.code} ${named.label}, valt onder ${CONTRACT_TYPE_NAMES[type].nl}. Controleer die code.`,
    };
  }

  private thresholdAdvice(
    date: string,
    regime: { contractType: ContractType | null; socialServices: boolean; note?: string },
    value: number | undefined,
    lang: Lang,
  ): Advice['thresholds'] {
    const { contractType, socialServices } = regime;
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
      ? lang === 'en'
        ? 'social and other specific services'
        : 'sociale en andere specifieke diensten'
      : CONTRACT_TYPE_NAMES[contractType][lang];
    const base =
      lang === 'en'
        ? `The EU threshold for ${kind} is ${formatEur(threshold, lang)} excl. VAT (valid ${formatLongDate(period.validFrom, lang)} to ${formatLongDate(period.validTo, lang)}).`
        : `De Europese drempel voor ${kind} is ${formatEur(threshold, lang)} excl. btw (geldig van ${formatLongDate(period.validFrom, lang)} tot en met ${formatLongDate(period.validTo, lang)}).`;
    const note = regime.note ? ` ${regime.note}` : '';
    if (value === undefined) {
      return {
        date,
        euThresholdEur: threshold,
        aboveEuThreshold: null,
        explanation: `${base}${note} ${lang === 'en' ? 'Without an estimated value it cannot be said whether the tender is above it.' : 'Zonder geraamde waarde is niet te zeggen of de opdracht daarboven valt.'}`,
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
    return {
      date,
      euThresholdEur: threshold,
      aboveEuThreshold: above,
      explanation: `${base}${note} ${verdict}`,
    };
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
  private criteriaFor(
    groups: MatchedProductGroup[],
    levelOf: (c: Criterion) => AmbitionLevel | null,
    lang: Lang,
  ): AdvisedCriterion[] {
    return groups.flatMap((g) => {
      const group = this.catalogue.productGroupsById.get(g.id)!;
      return atAmbition(group.criteria, levelOf).map((c) => advised(c, group.id, group.name[lang], lang));
    });
  }

  /** Criteria that suit any tender of the contract type; with no type known, those that suit every type. */
  private generalCriteria(
    contractType: ContractType | null,
    levelOf: (c: Criterion) => AmbitionLevel | null,
    lang: Lang,
  ): AdvisedCriterion[] {
    const all = this.catalogue.generalCriteria;
    const fitting = contractType
      ? all.filter((c) => c.contractTypes.includes(contractType))
      : all.filter((c) => c.contractTypes.length === 3);
    const name = this.catalogue.generalCriteriaName[lang];
    return atAmbition(fitting.length ? fitting : all, levelOf).map((c) => advised(c, 'general', name, lang));
  }

  /**
   * The CPV codes a buyer would put in the notice: the codes given first; then codes whose
   * labels the text names, those in a main group's part of the CPV before others; then the
   * main groups' own codes. At most two of one class, so the list offers alternatives.
   */
  private cpvSuggestions(
    cpvCodes: string[],
    main: MatchedProductGroup[],
    cpvText: TextMatch[],
    lang: Lang,
  ): CpvSuggestion[] {
    const scored = new Map<string, number>();
    const add = (code: string, score: number): void => {
      if (score > (scored.get(code) ?? 0)) scored.set(code, score);
    };
    cpvCodes.forEach((c) => add(c, 1));
    const best = cpvText[0]?.score ?? 0;
    const inMainGroup = (code: string): MatchedProductGroup | undefined =>
      main.find((g) => g.cpv.some((c) => code.startsWith(c.prefix)));
    // A code of another contract type than the group's main subject (cleaning products for
    // a cleaning service) comes after the group's own kind of codes, and a label the text
    // found there after the group's own first codes of that kind.
    const kind = (code: string, group: MatchedProductGroup, factor: number): number =>
      this.catalogue.cpv.contractType(code) === group.contractType ? 1 : factor;
    for (const m of cpvText) {
      const relative = best > 0 ? m.score / best : 0;
      if (relative < MIN_CPV_RELATIVE) continue;
      const group = inMainGroup(m.groupId);
      if (group) {
        add(m.groupId, round(group.score * (0.75 + 0.2 * relative) * kind(m.groupId, group, 0.6)));
      } else if (m.evidence === 'word' && m.titleCoverage >= (main.length ? 0.5 : 1 / 3)) {
        // Outside the main groups, only a label that explains much of the title is worth suggesting.
        add(m.groupId, round(0.85 * relative * (main.length ? 0.6 : 1)));
      }
    }
    for (const g of main) {
      g.cpv.forEach((c, i) => {
        if (/^\d{8}-\d$/.test(c.code))
          add(c.code.slice(0, 8), round(Math.max(0.3, g.score * (0.9 - 0.05 * i)) * kind(c.code, g, 0.8)));
      });
    }
    const ranked = [...scored].sort((a, b) => b[1] - a[1]);
    const perClass = new Map<string, number>();
    const out: CpvSuggestion[] = [];
    for (const [code, score] of ranked) {
      if (out.length >= MAX_CPV_SUGGESTIONS) break;
      const cls = code.slice(0, 3);
      if ((perClass.get(cls) ?? 0) >= MAX_PER_CLASS && !cpvCodes.includes(code)) continue;
      const named = this.catalogue.cpv.named(code, lang);
      if (!named) continue;
      perClass.set(cls, (perClass.get(cls) ?? 0) + 1);
      out.push({ ...named, score });
    }
    return out;
  }

  private nextSteps(ctx: {
    groups: MatchedProductGroup[];
    thresholds: Advice['thresholds'];
    mvi: Advice['mvi'];
    socialReturn: Advice['socialReturn'];
    lang: Lang;
  }): NextStep[] {
    const { lang } = ctx;
    const steps: NextStep[] = [];
    const say = (id: NextStep['id'], nl: string, en: string, link?: string): void => {
      steps.push({ id, text: lang === 'en' ? en : nl, ...(link ? { link } : {}) });
    };
    if (ctx.groups.length === 0) {
      say(
        'describe-tender',
        'Beschrijf wat u inkoopt (bijvoorbeeld “schoonmaak kantoren” of “LED-verlichting”) en noem de geraamde waarde; dan vind ik de passende criteria.',
        'Describe what you are buying (for example “office cleaning” or “LED lighting”) and give the estimated value; then I can find the matching criteria.',
      );
      say(
        'criteria-tool',
        'Bekijk intussen de zes MVI-thema’s in de toolbox.',
        'Meanwhile, look at the six MVI themes in the toolbox.',
        '/themes',
      );
    }
    if (ctx.mvi.required !== false)
      say(
        'ambitieweb',
        'Plan met het MVI-team een Ambitiewebsessie om uw ambities per thema te bepalen.',
        'Plan an Ambitieweb session with the MVI team to set your ambitions per theme.',
        '/tools/ambitieweb',
      );
    if (ctx.thresholds.aboveEuThreshold !== false)
      say(
        'market-consultation',
        'Houd een marktconsultatie: vraag leveranciers wat er op MVI-gebied al kan.',
        'Hold a market consultation: ask suppliers what is already possible on MVI.',
        '/tools/market-consultation',
      );
    if (ctx.socialReturn.applies === true)
      say(
        'social-return',
        'Neem de social-returnverplichting op in het bestek en spreek af hoe u die meet.',
        'Put the social return obligation in the tender documents and agree how it is measured.',
        '/tools/social-return-approach',
      );
    if (ctx.thresholds.aboveEuThreshold === false)
      say(
        'social-enterprises',
        'Onder de Europese drempel kunt u gericht een sociale onderneming uitnodigen.',
        'Below the EU threshold you can invite a social enterprise directly.',
        '/social-enterprises',
      );
    say(
      'mvi-team',
      'Betrek het MVI-team en uw inkoopadviseur vóór de kick-off.',
      'Involve the MVI team and your buyer before the kickoff.',
    );
    return steps;
  }
}

const round = (x: number): number => Math.round(100 * x) / 100;

/** The parts of a title joined by "en", "and", commas and the like: each may be a subject of its own. */
function titleSegments(title: string): Set<string>[] {
  return title
    .split(/\s+(?:en|and|&|\+|alsmede|plus)\s+|[,;/:]|\s-\s/i)
    .map((part) => new Set(words(part)))
    .filter((set) => set.size > 0);
}

/**
 * The criteria at the level of their theme and the levels below it (ambition levels build on
 * each other: "significant" includes the basic criteria); a theme at `null` has none.
 */
function atAmbition<C extends Criterion>(
  criteria: readonly C[],
  levelOf: (c: C) => AmbitionLevel | null,
): C[] {
  return criteria.filter((c) => {
    const level = levelOf(c);
    return level !== null && AMBITION_LEVELS.indexOf(c.ambition) <= AMBITION_LEVELS.indexOf(level);
  });
}

function advised(
  c: Criterion,
  productGroupId: string,
  productGroupName: string,
  lang: Lang,
): AdvisedCriterion {
  return {
    id: c.id,
    productGroupId,
    productGroupName,
    themes: c.themes,
    type: c.type,
    ambition: c.ambition,
    title: c.title[lang],
    text: c.text[lang],
    verification: c.verification[lang],
  };
}

/** Every criterion id in the advice exists in the catalogue (a guard used by tests and the CLI). */
export function assertKnownCriteria(catalogue: Catalogue, advice: Advice): void {
  for (const c of advice.criteria) {
    if (!catalogue.criteriaById.has(c.id)) throw new Error(`unknown criterion ${c.id}`);
  }
}
