/**
 * The neighbours' block of an advice, as the API, the bot and the tab show it: the figures of
 * similarTenders in words, with criterion titles, municipality names and, when shared, a
 * contact person with a Teams chat link. Pure: the backend passes in the records and settings.
 */
import type { Language } from '../kernel/language.js';
import {
  DEFAULT_SHARING,
  neighboursSentence,
  similarTenders,
  type NeighbourFigures,
  type NeighbourRecord,
  type SharingLevel,
  type SharingSettings,
} from './neighbours.js';

export interface NeighboursBlock {
  productGroupId: string;
  productGroupName: string;
  /** What the viewer's own municipality shares (what it may see follows from it). */
  sharing: SharingLevel;
  /** The figures in one sentence. */
  sentence: string;
  /** Why the viewer sees less than there is (reciprocity), when it does. */
  reciprocity: string | null;
  tenders: number;
  municipalities: number;
  since: number | null;
  topCriteria: { id: string; title: string; tenders: number }[];
  socialReturn: NeighbourFigures['socialReturn'];
  realised: NeighbourFigures['realised'];
  examples: {
    municipalityName: string;
    title: string;
    year: number;
    contact?: { displayName: string; chatUrl?: string };
  }[];
}

/** A Teams deep link that opens a chat with the person (by UPN). */
export const teamsChatUrl = (upn: string): string =>
  `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(upn)}`;

export interface NeighboursInput {
  records: readonly NeighbourRecord[];
  sharing: ReadonlyMap<string, SharingSettings>;
  viewerMunicipalityId: string;
  productGroup: { id: string; name: string };
  estimatedValueEur?: number;
  year: number;
  criterionTitle: (id: string) => string | undefined;
  municipalityName: (id: string) => string;
  lang: Language;
}

export function neighboursBlock(input: NeighboursInput): NeighboursBlock {
  const viewerSharing = input.sharing.get(input.viewerMunicipalityId)?.level ?? DEFAULT_SHARING;
  const figures = similarTenders(
    input.records,
    {
      productGroupId: input.productGroup.id,
      year: input.year,
      ...(input.estimatedValueEur !== undefined ? { estimatedValueEur: input.estimatedValueEur } : {}),
    },
    { municipalityId: input.viewerMunicipalityId, sharing: viewerSharing },
    (id) => input.sharing.get(id),
  );
  const en = input.lang === 'en';
  const reciprocity =
    viewerSharing === 'none'
      ? en
        ? 'Your municipality shares nothing with the region, so you see nothing of the neighbours either. The MVI team can change this in the sharing settings.'
        : 'Uw gemeente deelt niets met de regio, dus u ziet ook niets van de buren. Het MVI-team kan dit wijzigen bij de instellingen voor delen.'
      : viewerSharing === 'counts'
        ? en
          ? 'Your municipality shares counts only, so you see counts only: no titles or contact persons.'
          : 'Uw gemeente deelt alleen aantallen, dus u ziet alleen aantallen: geen titels of contactpersonen.'
        : null;
  return {
    productGroupId: input.productGroup.id,
    productGroupName: input.productGroup.name,
    sharing: viewerSharing,
    sentence:
      viewerSharing === 'none'
        ? en
          ? 'The neighbours’ tenders are not shown.'
          : 'De aanbestedingen van de buren worden niet getoond.'
        : neighboursSentence(figures, input.productGroup.name, input.criterionTitle, input.lang),
    reciprocity,
    tenders: figures.tenders,
    municipalities: figures.municipalities,
    since: figures.since,
    topCriteria: figures.topCriteria.map((c) => ({
      ...c,
      title: input.criterionTitle(c.id) ?? c.id,
    })),
    socialReturn: figures.socialReturn,
    realised: figures.realised,
    examples: figures.examples.map((e) => ({
      municipalityName: input.municipalityName(e.municipalityId),
      title: e.title,
      year: e.year,
      ...(e.contact
        ? {
            contact: {
              displayName: e.contact.displayName,
              ...(e.contact.upn ? { chatUrl: teamsChatUrl(e.contact.upn) } : {}),
            },
          }
        : {}),
    })),
  };
}
