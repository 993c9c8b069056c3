/**
 * "Ga kijken bij de buren": what the region's municipalities did in similar tenders. The
 * backend passes in the recorded tenders of a product group; this module decides what a
 * municipality may see of them (sharing by consent, with reciprocity) and adds them up:
 * how many, the criteria used most, social return asked and realised.
 */
import { z } from 'zod';
import type { Language } from '../kernel/language.js';
import { REALISATIONS, type Realisation } from '../monitoring/record.js';

/**
 * What a municipality shares of its records with the region: nothing, counts only (the
 * default), or also each tender's title, year and a contact person.
 */
export const SHARING_LEVELS = ['none', 'counts', 'details'] as const;
export type SharingLevel = (typeof SHARING_LEVELS)[number];
export const DEFAULT_SHARING: SharingLevel = 'counts';

export const sharingSettings = z
  .object({
    level: z.enum(SHARING_LEVELS),
    /** The person others may contact about shared tenders (only with `details`). */
    contact: z
      .object({
        userId: z.string().min(1).max(200),
        displayName: z.string().min(1).max(200),
        /** The e-mail form of the account (UPN), for a chat in Teams. */
        upn: z.email().max(200).optional(),
      })
      .optional(),
  })
  .strict()
  .refine((s) => s.level === 'details' || s.contact === undefined, {
    message: 'a contact person is only shared with details',
  });
export type SharingSettings = z.infer<typeof sharingSettings>;

/** One recorded tender of the region, as the backend keeps it for this purpose (no people). */
export const neighbourRecord = z.object({
  municipalityId: z.string().min(1),
  reference: z.string().min(1),
  title: z.string(),
  productGroupIds: z.array(z.string()).max(10),
  year: z.number().int().min(2000).max(2100),
  estimatedValueEur: z.number().nonnegative().optional(),
  appliedCriteria: z.array(z.string()).max(200),
  socialReturn: z.object({ applied: z.boolean(), percentage: z.number().min(0).max(100).optional() }),
  realisation: z.enum(REALISATIONS),
});
export type NeighbourRecord = z.infer<typeof neighbourRecord>;

const RANK: Record<SharingLevel, number> = { none: 0, counts: 1, details: 2 };

/**
 * What a viewer sees of another municipality's records: the lesser of what the owner shares
 * and what the viewer shares itself (who shares nothing sees nothing; who shares counts sees
 * counts). A municipality always sees its own records in full.
 */
export function visibleLevel(
  viewer: { municipalityId: string; sharing: SharingLevel },
  owner: { municipalityId: string; sharing: SharingLevel },
): SharingLevel {
  if (viewer.municipalityId === owner.municipalityId) return 'details';
  return RANK[viewer.sharing] <= RANK[owner.sharing] ? viewer.sharing : owner.sharing;
}

export interface SimilarQuery {
  productGroupId: string;
  /** The tender's value, when known: a nearby value counts (within a factor VALUE_FACTOR). */
  estimatedValueEur?: number;
  /** This year: records of the last RECENT_YEARS years count. */
  year: number;
}

export const VALUE_FACTOR = 4;
export const RECENT_YEARS = 5;
const TOP_CRITERIA = 5;

export interface NeighbourFigures {
  /** Similar recorded tenders the viewer may see (own ones not counted). */
  tenders: number;
  municipalities: number;
  /** The first year among them. */
  since: number | null;
  /** The criteria applied most, with how many of the tenders applied each. */
  topCriteria: { id: string; tenders: number }[];
  socialReturn: {
    /** Tenders that asked for social return. */
    asked: number;
    averagePercentage: number | null;
    /** Of those, how many were realised (fully or partly) at delivery. */
    realised: number;
  };
  /** Tenders realised (fully or partly) at delivery, of those whose delivery is known. */
  realised: { yes: number; known: number };
  /** Tenders the owners share with title, year and contact (only when the viewer may see them). */
  examples: {
    municipalityId: string;
    title: string;
    year: number;
    contact?: { userId: string; displayName: string; upn?: string | undefined };
  }[];
}

const DONE: ReadonlySet<Realisation> = new Set(['realised', 'partly']);

/**
 * The figures of the region's tenders like this one, as the viewer may see them. Records of
 * municipalities that share nothing with the viewer are left out entirely.
 */
export function similarTenders(
  records: readonly NeighbourRecord[],
  query: SimilarQuery,
  viewer: { municipalityId: string; sharing: SharingLevel },
  sharingOf: (municipalityId: string) => SharingSettings | undefined,
): NeighbourFigures {
  const visible = records.filter((r) => {
    if (r.municipalityId === viewer.municipalityId) return false;
    if (!r.productGroupIds.includes(query.productGroupId)) return false;
    if (r.year > query.year || r.year <= query.year - RECENT_YEARS) return false;
    if (
      query.estimatedValueEur !== undefined &&
      r.estimatedValueEur !== undefined &&
      query.estimatedValueEur > 0
    ) {
      const ratio = r.estimatedValueEur / query.estimatedValueEur;
      if (ratio > VALUE_FACTOR || ratio < 1 / VALUE_FACTOR) return false;
    }
    return (
      visibleLevel(viewer, {
        municipalityId: r.municipalityId,
        sharing: sharingOf(r.municipalityId)?.level ?? DEFAULT_SHARING,
      }) !== 'none'
    );
  });
  const counts = new Map<string, number>();
  for (const r of visible)
    for (const id of new Set(r.appliedCriteria)) counts.set(id, (counts.get(id) ?? 0) + 1);
  const withSocialReturn = visible.filter((r) => r.socialReturn.applied);
  const percentages = withSocialReturn
    .map((r) => r.socialReturn.percentage)
    .filter((p): p is number => p !== undefined);
  const known = visible.filter((r) => r.realisation !== 'not-yet');
  return {
    tenders: visible.length,
    municipalities: new Set(visible.map((r) => r.municipalityId)).size,
    since: visible.length ? Math.min(...visible.map((r) => r.year)) : null,
    topCriteria: [...counts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, TOP_CRITERIA)
      .map(([id, tenders]) => ({ id, tenders })),
    socialReturn: {
      asked: withSocialReturn.length,
      averagePercentage: percentages.length
        ? Math.round((10 * percentages.reduce((a, b) => a + b, 0)) / percentages.length) / 10
        : null,
      realised: withSocialReturn.filter((r) => DONE.has(r.realisation)).length,
    },
    realised: { yes: known.filter((r) => DONE.has(r.realisation)).length, known: known.length },
    examples: visible
      .filter(
        (r) =>
          visibleLevel(viewer, {
            municipalityId: r.municipalityId,
            sharing: sharingOf(r.municipalityId)?.level ?? DEFAULT_SHARING,
          }) === 'details',
      )
      .sort((a, b) => b.year - a.year)
      .slice(0, 5)
      .map((r) => {
        const contact = sharingOf(r.municipalityId)?.contact;
        return {
          municipalityId: r.municipalityId,
          title: r.title,
          year: r.year,
          ...(contact ? { contact } : {}),
        };
      }),
  };
}

/**
 * The figures in one sentence: "In de regio namen 4 van de 5 schoonmaakaanbestedingen sinds
 * 2025 ‘Emissievrije schoonmaakmiddelen’ op; social return gemiddeld 6 %, 3 keer gerealiseerd."
 */
export function neighboursSentence(
  figures: NeighbourFigures,
  groupName: string,
  criterionTitle: (id: string) => string | undefined,
  lang: Language,
): string {
  if (figures.tenders === 0) {
    return lang === 'en'
      ? `No similar ${groupName.toLowerCase()} tenders have been shared in the region yet.`
      : `In de regio zijn nog geen vergelijkbare aanbestedingen voor ${groupName.toLowerCase()} gedeeld.`;
  }
  const top = figures.topCriteria[0];
  const title = top ? criterionTitle(top.id) : undefined;
  const tenders =
    lang === 'en'
      ? plural(figures.tenders, 'tender', 'tenders')
      : plural(figures.tenders, 'aanbesteding', 'aanbestedingen');
  const parts: string[] = [];
  if (lang === 'en') {
    parts.push(
      top && title
        ? `In the region, ${top.tenders} of the ${tenders} for ${groupName.toLowerCase()} since ${figures.since} included ‘${title}’`
        : `In the region, ${tenders} for ${groupName.toLowerCase()} since ${figures.since} were recorded`,
    );
    if (figures.socialReturn.asked > 0) {
      parts.push(
        `social return${figures.socialReturn.averagePercentage !== null ? ` ${figures.socialReturn.averagePercentage.toLocaleString('en-GB')} % on average` : ''}, realised ${plural(figures.socialReturn.realised, 'time', 'times')}`,
      );
    }
    return `${parts.join('; ')}.`;
  }
  parts.push(
    top && title
      ? `In de regio namen ${top.tenders} van de ${tenders} voor ${groupName.toLowerCase()} sinds ${figures.since} ‘${title}’ op`
      : `In de regio zijn sinds ${figures.since} ${tenders} voor ${groupName.toLowerCase()} vastgelegd`,
  );
  if (figures.socialReturn.asked > 0) {
    parts.push(
      `social return${figures.socialReturn.averagePercentage !== null ? ` gemiddeld ${figures.socialReturn.averagePercentage.toLocaleString('nl-NL')} %` : ''}, ${plural(figures.socialReturn.realised, 'keer', 'keer')} gerealiseerd`,
    );
  }
  return `${parts.join('; ')}.`;
}

const plural = (n: number, one: string, other: string): string => `${n} ${n === 1 ? one : other}`;
