/**
 * Schemas of the MVI knowledge base in `content/`. Every content file is parsed with
 * these schemas (in tests and when the catalogue is loaded), and the domain types are
 * inferred from them, so the data files and the code cannot drift apart.
 */
import { z } from 'zod';

/** A user-facing text in Dutch (first) and English. */
export const localizedText = z.object({
  nl: z.string().trim().min(1, 'Dutch text is required'),
  en: z.string().trim().min(1, 'English text is required'),
});
export type LocalizedText = z.infer<typeof localizedText>;

export const THEME_IDS = [
  'climate',
  'environment',
  'circular',
  'supply-chain',
  'diversity-inclusion',
  'social-return',
] as const;
export const themeId = z.enum(THEME_IDS);
export type ThemeId = z.infer<typeof themeId>;

export const CRITERION_TYPES = ['selection', 'requirement', 'award', 'contract-clause'] as const;
export const criterionType = z.enum(CRITERION_TYPES);
export type CriterionType = z.infer<typeof criterionType>;

export const AMBITION_LEVELS = ['basic', 'significant', 'ambitious'] as const;
export const ambitionLevel = z.enum(AMBITION_LEVELS);
export type AmbitionLevel = z.infer<typeof ambitionLevel>;

export const CONTRACT_TYPES = ['works', 'supplies', 'services'] as const;
export const contractType = z.enum(CONTRACT_TYPES);
export type ContractType = z.infer<typeof contractType>;

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lower-case words joined by hyphens');

/** CPV prefix: the leading digits (at least 3) of an 8-digit CPV code, no check digit. */
export const cpvPrefix = z.string().regex(/^\d{3,8}$/, 'a CPV prefix has 3 to 8 digits');

/** One code of the official CPV 2008 vocabulary (content/cpv, generated from the EU's code list). */
export const cpvEntry = z.object({
  /** Eight digits, a hyphen and the check digit: 90911200-8. */
  code: z.string().regex(/^\d{8}-\d$/, 'a CPV code is 8 digits, a hyphen and a check digit'),
  /** The eight digits of the parent code; none for a division. */
  parent: z
    .string()
    .regex(/^\d{8}$/)
    .optional(),
  type: contractType,
  nl: z.string().trim().min(1),
  en: z.string().trim().min(1),
  /** Another Dutch label found in use, for matching. */
  nlAlt: z.string().trim().min(1).optional(),
});
export type CpvEntry = z.infer<typeof cpvEntry>;

export const cpvVocabularyFile = z.object({
  source: z.object({ name: z.string(), publisher: z.string(), licence: z.string() }),
  codes: z.array(cpvEntry).min(9000),
});

export const theme = z.object({
  id: themeId,
  name: localizedText,
  summary: localizedText,
  description: localizedText,
  /** Concrete examples of what this theme asks of a supplier. */
  examples: z.array(localizedText).min(2),
});
export type Theme = z.infer<typeof theme>;

export const cluster = z.object({
  id: slug,
  name: localizedText,
});
export type Cluster = z.infer<typeof cluster>;

export const criterion = z.object({
  /** Stable id: `<product-group-id>.<slug>`. */
  id: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'criterion ids are <group>.<slug>'),
  themes: z.array(themeId).min(1),
  type: criterionType,
  ambition: ambitionLevel,
  title: localizedText,
  /** The text a buyer pastes into the tender documents. */
  text: localizedText,
  /** How the buyer verifies compliance (evidence, certificate, audit). */
  verification: localizedText,
});
export type Criterion = z.infer<typeof criterion>;

export const productGroup = z.object({
  id: slug,
  cluster: slug,
  name: localizedText,
  description: localizedText,
  /** The contract type of the group's main subject: it sets the European threshold. */
  contractType,
  /**
   * Whether the main subject is a social or other specific service (Directive 2014/24/EU,
   * Annex XIV: the light regime, with its own, higher threshold). Reviewed per group, not
   * derived from the CPV prefixes: one group may hold both kinds.
   */
  socialServices: z.boolean(),
  /**
   * Why the threshold follows the main subject when the group holds parts of another
   * regime or contract type ("security is a social service, reception services are not").
   */
  regimeNote: localizedText.optional(),
  cpv: z
    .array(z.object({ prefix: cpvPrefix, label: localizedText }))
    .min(1),
  /** Synonyms and typical words a requester uses, per language. */
  keywords: z.object({
    nl: z.array(z.string().trim().min(2)).min(3),
    en: z.array(z.string().trim().min(2)).min(3),
  }),
  criteria: z.array(criterion).min(5),
});
export type ProductGroup = z.infer<typeof productGroup>;

/**
 * A criterion that suits any tender of the given contract types, for tenders no product
 * group covers (impact can be asked in every tender). Ids are `general.<slug>`.
 */
export const generalCriterion = criterion.extend({
  id: z.string().regex(/^general\.[a-z0-9-]+$/, 'general criterion ids are general.<slug>'),
  contractTypes: z.array(contractType).min(1),
});
export type GeneralCriterion = z.infer<typeof generalCriterion>;

export const generalCriteriaFile = z.object({
  name: localizedText,
  criteria: z.array(generalCriterion).min(9),
});

/**
 * Words that never bring a product group into an advice on their own: places, buildings and
 * organisations (where or for whom something is bought) and generic words (how it is
 * bought). They may still support a group that other words found.
 */
export const vocabularyFile = z.object({
  contextWords: z.object({ nl: z.array(z.string().trim().min(2)).min(5), en: z.array(z.string().trim().min(2)).min(5) }),
  genericWords: z.object({ nl: z.array(z.string().trim().min(2)).min(5), en: z.array(z.string().trim().min(2)).min(5) }),
});
export type Vocabulary = z.infer<typeof vocabularyFile>;

export const productGroupFile = z.object({
  cluster,
  productGroups: z.array(productGroup).min(1),
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD');

export const thresholdPeriod = z.object({
  validFrom: isoDate,
  validTo: isoDate,
  /** EU thresholds for sub-central contracting authorities, EUR excluding VAT. */
  suppliesEur: z.number().int().positive(),
  servicesEur: z.number().int().positive(),
  worksEur: z.number().int().positive(),
  socialServicesEur: z.number().int().positive(),
  source: localizedText,
});
export type ThresholdPeriod = z.infer<typeof thresholdPeriod>;

export const thresholds = z.object({
  periods: z.array(thresholdPeriod).min(1),
  /** CPV prefixes of social and other specific services (Directive 2014/24/EU, Annex XIV). */
  socialServicesCpv: z.array(z.object({ prefix: cpvPrefix, label: localizedText })).min(5),
});
export type Thresholds = z.infer<typeof thresholds>;

export const policy = z.object({
  mviExpected: z.boolean(),
  /** From this estimated value (EUR excl. VAT) MVI criteria are required. */
  mviRequiredFromEur: z.number().nonnegative(),
  socialReturn: z.object({
    fromEur: z.number().nonnegative(),
    percentage: z.number().min(0).max(100),
    contractTypes: z.array(contractType).min(1),
  }),
  defaultAmbition: ambitionLevel,
  /** The action plan's goals for monitoring, as percentages of the tenders that count. */
  goals: z.object({
    mviWhereRequiredPercent: z.number().min(0).max(100),
    socialReturnWhereRequiredPercent: z.number().min(0).max(100),
    recordedPercent: z.number().min(0).max(100),
  }),
});
export type Policy = z.infer<typeof policy>;

export const policies = z.object({
  default: policy,
  /** Per-municipality overrides of the default policy. */
  municipalities: z.record(slug, policy.partial().extend({ goals: policy.shape.goals.partial().optional() })),
});

export const tool = z.object({
  id: slug,
  name: localizedText,
  summary: localizedText,
  /** Markdown body. */
  body: localizedText,
  steps: z.array(localizedText).optional(),
  whenToUse: localizedText,
  url: z.url().optional(),
});
export type Tool = z.infer<typeof tool>;

export const doDont = z.object({
  id: slug,
  kind: z.enum(['do', 'dont']),
  text: localizedText,
  why: localizedText,
});
export type DoDont = z.infer<typeof doDont>;

export const glossaryEntry = z.object({
  id: slug,
  term: localizedText,
  definition: localizedText,
});
export type GlossaryEntry = z.infer<typeof glossaryEntry>;

export const socialEnterpriseSource = z.object({
  id: slug,
  name: z.string().min(2),
  description: localizedText,
  url: z.url(),
});
export type SocialEnterpriseSource = z.infer<typeof socialEnterpriseSource>;

export const knowledgeFile = z.object({
  tools: z.array(tool).min(5),
  dosAndDonts: z.array(doDont).min(6),
  glossary: z.array(glossaryEntry).min(10),
  socialEnterpriseSources: z.array(socialEnterpriseSource).min(2),
});
