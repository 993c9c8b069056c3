/**
 * The MVI knowledge base as one validated, indexed value. Built from the content files by
 * `content/index.ts`; the engine, the bot and the tab all read this one catalogue.
 */
import { z } from 'zod';
import { CpvVocabulary } from '../engine/cpv.js';
import {
  cpvVocabularyFile,
  generalCriteriaFile,
  knowledgeFile,
  policies,
  productGroupFile,
  theme,
  thresholds,
  vocabularyFile,
  type Cluster,
  type Criterion,
  type GeneralCriterion,
  type LocalizedText,
  type Policy,
  type ProductGroup,
  type Theme,
  type Thresholds,
  type Vocabulary,
} from '../content/schema.js';

export interface RawContent {
  themes: unknown;
  thresholds: unknown;
  policy: unknown;
  knowledge: unknown;
  /** The CPV 2008 vocabulary (content/cpv). */
  cpv: unknown;
  /** Criteria for tenders no product group covers. */
  generalCriteria: unknown;
  /** Words that never bring a product group in on their own. */
  vocabulary: unknown;
  productGroupFiles: readonly unknown[];
}

export interface Catalogue {
  readonly themes: readonly Theme[];
  readonly clusters: readonly Cluster[];
  readonly productGroups: readonly ProductGroup[];
  readonly productGroupsById: ReadonlyMap<string, ProductGroup>;
  readonly criteriaById: ReadonlyMap<string, Criterion & { productGroupId: string }>;
  readonly thresholds: Thresholds;
  readonly policies: z.infer<typeof policies>;
  readonly knowledge: z.infer<typeof knowledgeFile>;
  readonly cpv: CpvVocabulary;
  readonly generalCriteria: readonly GeneralCriterion[];
  readonly generalCriteriaName: LocalizedText;
  readonly vocabulary: Vocabulary;
}

export class CatalogueError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The MVI content is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CatalogueError';
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string, problems: string[]): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues)
    problems.push(`${where}: ${issue.path.join('.')}: ${issue.message}`);
  return undefined;
}

/** Validates all content and cross-checks ids; throws a CatalogueError listing every problem. */
export function buildCatalogue(raw: RawContent): Catalogue {
  const problems: string[] = [];
  const themes = parse(z.array(theme).length(6), raw.themes, 'themes', problems) ?? [];
  const thresholdData = parse(thresholds, raw.thresholds, 'thresholds', problems);
  const policyData = parse(policies, raw.policy, 'policy', problems);
  const knowledge = parse(knowledgeFile, raw.knowledge, 'knowledge', problems);
  const cpvFile = parse(cpvVocabularyFile, raw.cpv, 'cpv', problems);
  const cpv = new CpvVocabulary(cpvFile?.codes ?? []);
  const general = parse(generalCriteriaFile, raw.generalCriteria, 'general criteria', problems);
  const vocabulary = parse(vocabularyFile, raw.vocabulary, 'vocabulary', problems);
  const clusters: Cluster[] = [];
  const productGroups: ProductGroup[] = [];
  raw.productGroupFiles.forEach((file, i) => {
    const data = parse(productGroupFile, file, `product group file ${i + 1}`, problems);
    if (!data) return;
    clusters.push(data.cluster);
    productGroups.push(...data.productGroups);
  });

  const productGroupsById = new Map<string, ProductGroup>();
  const criteriaById = new Map<string, Criterion & { productGroupId: string }>();
  for (const group of productGroups) {
    if (productGroupsById.has(group.id)) problems.push(`duplicate product group id ${group.id}`);
    productGroupsById.set(group.id, group);
    if (!clusters.some((c) => c.id === group.cluster))
      problems.push(`${group.id}: unknown cluster ${group.cluster}`);
    if (new Set(group.criteria.map((c) => c.type)).size < 2)
      problems.push(`${group.id}: needs criteria of at least two types`);
    if (cpvFile)
      for (const c of group.cpv)
        if (!cpv.codeOfPrefix(c.prefix)) problems.push(`${group.id}: no CPV code starts with ${c.prefix}`);
    for (const criterion of group.criteria) {
      if (!criterion.id.startsWith(`${group.id}.`))
        problems.push(`${criterion.id}: must start with ${group.id}.`);
      if (criteriaById.has(criterion.id)) problems.push(`duplicate criterion id ${criterion.id}`);
      criteriaById.set(criterion.id, { ...criterion, productGroupId: group.id });
    }
  }
  for (const criterion of general?.criteria ?? []) {
    if (criteriaById.has(criterion.id)) problems.push(`duplicate criterion id ${criterion.id}`);
    criteriaById.set(criterion.id, { ...criterion, productGroupId: 'general' });
  }
  const themeIds = themes.map((t) => t.id).join(',');
  if (
    themes.length &&
    themeIds !== 'climate,environment,circular,supply-chain,diversity-inclusion,social-return'
  ) {
    problems.push(`themes must be in the order of the Nationaal Plan MVI, got ${themeIds}`);
  }
  if (thresholdData) {
    const periods = [...thresholdData.periods].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    periods.forEach((p, i) => {
      if (p.validTo < p.validFrom) problems.push(`threshold period ${p.validFrom} ends before it starts`);
      const next = periods[i + 1];
      if (next && next.validFrom <= p.validTo)
        problems.push(`threshold periods ${p.validFrom} and ${next.validFrom} overlap`);
    });
  }
  if (problems.length || !thresholdData || !policyData || !knowledge || !cpvFile || !general || !vocabulary)
    throw new CatalogueError(problems);
  return {
    themes,
    clusters,
    productGroups,
    productGroupsById,
    criteriaById,
    thresholds: thresholdData,
    policies: policyData,
    knowledge,
    cpv,
    generalCriteria: general.criteria,
    generalCriteriaName: general.name,
    vocabulary,
  };
}

/** The policy of a municipality: its overrides on top of the default policy. */
export function policyFor(catalogue: Catalogue, municipalityId: string | undefined): Policy {
  const base = catalogue.policies.default;
  const override = municipalityId ? catalogue.policies.municipalities[municipalityId] : undefined;
  if (!override) return base;
  return {
    ...base,
    ...override,
    socialReturn: { ...base.socialReturn, ...override.socialReturn },
    goals: { ...base.goals, ...override.goals },
  };
}

/** The name of the product group a criterion comes from; general criteria have a name of their own. */
export function productGroupName(catalogue: Catalogue, productGroupId: string, lang: 'nl' | 'en'): string {
  if (productGroupId === 'general') return catalogue.generalCriteriaName[lang];
  return catalogue.productGroupsById.get(productGroupId)?.name[lang] ?? productGroupId;
}

/** A product group with each CPV prefix and the code that names it (39800000-0), as the API serves it. */
export type NamedProductGroup = Omit<ProductGroup, 'cpv'> & {
  cpv: (ProductGroup['cpv'][number] & { code: string })[];
};

export function namedProductGroups(catalogue: Catalogue): NamedProductGroup[] {
  return catalogue.productGroups.map((g) => ({
    ...g,
    cpv: g.cpv.map((p) => ({ ...p, code: catalogue.cpv.codeOfPrefix(p.prefix)?.code ?? p.prefix })),
  }));
}
