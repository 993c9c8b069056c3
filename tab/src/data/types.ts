/** Plain data types shared by the tab's modules (no DOM, no React: also used by benchmarks). */
import type { NamedProductGroup } from '../../../core/src/catalogue/catalogue.js';
import type {
  Cluster,
  DoDont,
  GlossaryEntry,
  Policy,
  SocialEnterpriseSource,
  Theme,
  Thresholds,
  Tool,
} from '../../../core/src/content/schema.js';

export type Language = 'nl' | 'en';

/** A product group as the API serves it: each CPV prefix with the code that names it. */
export type CatalogueProductGroup = NamedProductGroup;

export interface CatalogueData {
  themes: Theme[];
  clusters: Cluster[];
  productGroups: CatalogueProductGroup[];
  thresholds: Thresholds;
  tools: Tool[];
  dosAndDonts: DoDont[];
  glossary: GlossaryEntry[];
  socialEnterpriseSources: SocialEnterpriseSource[];
  policy: Policy;
}

export interface ToolboxItem {
  id: string;
  kind: 'example' | 'page';
  title: string;
  summary: string;
  body: string;
  themes: string[];
  productGroupIds: string[];
  regionWide: boolean;
  municipalityId: string;
  version: number;
  updatedAt: string;
  updatedBy: { userId: string; displayName: string };
}
