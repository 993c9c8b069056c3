/**
 * "Ga kijken bij de buren" in the backend: keeps the region's summary of recorded tenders up
 * to date when a tender's MVI record (or what it is about) changes, reads one partition for an
 * advice and lets core decide what the caller may see; the MVI team's sharing choice.
 */
import type { Advice } from '../../../core/src/engine/advise.js';
import {
  adviceRequestFor,
  notFound,
  validationError,
  type Municipality,
  type Principal,
  type Tender,
} from '../../../core/src/index.js';
import {
  DEFAULT_SHARING,
  RECENT_YEARS,
  SHARING_LEVELS,
  type NeighbourRecord,
  type SharingSettings,
} from '../../../core/src/neighbours/neighbours.js';
import { neighboursBlock, type NeighboursBlock } from '../../../core/src/neighbours/view.js';
import { regionMonitoring, type RegionMonitoring } from '../../../core/src/neighbours/region.js';
import { dateIn } from '../../../core/src/nudges/index.js';
import { z } from 'zod';
import type { Services } from '../services.js';

type Lang = 'nl' | 'en';

async function municipalityOf(services: Services, municipalityId: string): Promise<Municipality> {
  const m = await services.repos.municipalities.get(municipalityId);
  if (!m)
    throw notFound({
      nl: `Gemeente ${municipalityId} is onbekend.`,
      en: `Municipality ${municipalityId} is unknown.`,
    });
  return m;
}

/** The main product groups the engine reads in a tender (what it is about). */
export function productGroupsOf(services: Services, t: Tender): string[] {
  const request = services.engine.parseRequest(adviceRequestFor(t, 'nl'), { unknownCpv: 'ignore' });
  const advice = services.engine.advise(request, dateIn(services.clock.now(), 'Europe/Amsterdam'));
  return advice.productGroups
    .filter((g) => g.relevance === 'main')
    .map((g) => g.id)
    .slice(0, 10);
}

/** The summary's view of a tender: only tenders with a recorded MVI, and no people. */
export function neighbourRecordOf(t: Tender, productGroupIds: string[]): NeighbourRecord | undefined {
  if (!t.mvi || productGroupIds.length === 0) return undefined;
  return {
    municipalityId: t.municipalityId,
    reference: t.reference,
    title: t.title,
    productGroupIds,
    year: Number(t.kickoffDate.slice(0, 4)),
    ...(t.estimatedValueEur !== undefined ? { estimatedValueEur: t.estimatedValueEur } : {}),
    appliedCriteria: t.mvi.appliedCriteria,
    socialReturn: t.mvi.socialReturn,
    realisation: t.mvi.realisation,
  };
}

/**
 * Brings the summary in line with a tender after it was written: its record under each of its
 * product groups now, and gone from the groups it was under before (a changed title may change
 * what the tender is about; a tender without a record is not in the summary).
 */
export async function syncNeighbourRecord(
  services: Services,
  before: Tender | undefined,
  after: Tender,
): Promise<void> {
  if (!before?.mvi && !after.mvi) return;
  const municipality = await municipalityOf(services, after.municipalityId);
  const nowGroups = after.mvi ? productGroupsOf(services, after) : [];
  const wasGroups = before?.mvi ? productGroupsOf(services, before) : [];
  const record = neighbourRecordOf(after, nowGroups);
  const store = services.neighbours;
  await Promise.all([
    ...(record ? [store.put(municipality.regionId, record)] : []),
    ...wasGroups
      .filter((g) => !nowGroups.includes(g))
      .map((g) => store.remove(municipality.regionId, g, after.municipalityId, after.reference)),
  ]);
}

const thisYear = (services: Services): number =>
  Number(dateIn(services.clock.now(), 'Europe/Amsterdam').slice(0, 4));

/** The neighbours' block for an advice about the first main product group, or null when there is none. */
export async function neighboursForAdvice(
  services: Services,
  municipalityId: string,
  advice: Advice,
  estimatedValueEur: number | null | undefined,
  lang: Lang,
): Promise<NeighboursBlock | null> {
  const group = advice.productGroups.find((g) => g.relevance === 'main');
  if (!group || advice.confidence === 'none') return null;
  // One read gives the caller's region and every name; then the group's partition and the choices.
  const municipalities = await services.repos.municipalities.list();
  const own = municipalities.find((m) => m.id === municipalityId);
  if (!own) return null;
  const year = thisYear(services);
  const [records, sharing] = await Promise.all([
    services.neighbours.listGroup(own.regionId, group.id, year - RECENT_YEARS + 1),
    services.neighbours.sharingOf(own.regionId),
  ]);
  const names = new Map(municipalities.map((m) => [m.id, m.name]));
  // Only the region's own members count (a stale row of a municipality that moved is ignored).
  const members = new Set(municipalities.filter((m) => m.regionId === own.regionId).map((m) => m.id));
  return neighboursBlock({
    records: records.filter((r) => members.has(r.municipalityId)),
    sharing: new Map([...sharing].map(([id, s]) => [id, s.settings])),
    viewerMunicipalityId: municipalityId,
    productGroup: { id: group.id, name: group.name },
    ...(typeof estimatedValueEur === 'number' ? { estimatedValueEur } : {}),
    year,
    criterionTitle: (id) => services.catalogue.criteriaById.get(id)?.title[lang],
    municipalityName: (id) => names.get(id) ?? id,
    lang,
  });
}

export interface SharingView {
  municipalityId: string;
  level: SharingSettings['level'];
  contact: { displayName: string; upn?: string } | null;
  isDefault: boolean;
  updatedAt: string | null;
}

export async function sharingView(services: Services, municipalityId: string): Promise<SharingView> {
  const own = await municipalityOf(services, municipalityId);
  const stored = (await services.neighbours.sharingOf(own.regionId)).get(municipalityId);
  const contact = stored?.settings.contact;
  return {
    municipalityId,
    level: stored?.settings.level ?? DEFAULT_SHARING,
    contact: contact
      ? { displayName: contact.displayName, ...(contact.upn ? { upn: contact.upn } : {}) }
      : null,
    isDefault: !stored,
    updatedAt: stored?.updatedAt ?? null,
  };
}

const sharingWrite = z
  .object({
    level: z.enum(SHARING_LEVELS, { message: 'level is none, counts or details' }),
    contact: z
      .object({
        displayName: z.string().trim().min(1, 'the name is empty').max(200, 'the name is too long'),
        upn: z.email('give the contact person’s e-mail address').max(200),
      })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();

/**
 * The MVI team's choice for its municipality. A contact person is only kept with `details`
 * (nothing personal is shared otherwise); choosing less removes the contact.
 */
export async function saveSharing(
  services: Services,
  principal: Principal,
  body: unknown,
): Promise<SharingView> {
  const parsed = sharingWrite.safeParse(body);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    throw validationError(
      {
        nl: `De keuze voor delen klopt niet: ${details.join('; ')}`,
        en: `The sharing choice is invalid: ${details.join('; ')}`,
      },
      details,
    );
  }
  const { level, contact } = parsed.data;
  if (contact && level !== 'details') {
    throw validationError({
      nl: 'Een contactpersoon wordt alleen gedeeld als u ook titels en jaren deelt (details).',
      en: 'A contact person is only shared when you share titles and years too (details).',
    });
  }
  const own = await municipalityOf(services, principal.municipalityId);
  const upn = contact?.upn.toLowerCase();
  const settings: SharingSettings = {
    level,
    ...(contact && upn
      ? {
          contact: {
            // The caller's own account when they name themselves; otherwise the address identifies the person.
            userId: upn === principal.upn?.toLowerCase() ? principal.userId : upn,
            displayName: contact.displayName,
            upn,
          },
        }
      : {}),
  };
  await services.neighbours.setSharing(own.regionId, own.id, {
    settings,
    updatedAt: services.clock.now().toISOString(),
    updatedBy: principal.userId,
  });
  return sharingView(services, own.id);
}

/** The monitoring's region view: per product group, the share with MVI and the criteria used. */
export async function regionMonitoringFor(
  services: Services,
  principal: Principal,
  lang: Lang,
): Promise<RegionMonitoring> {
  const own = await municipalityOf(services, principal.municipalityId);
  const year = thisYear(services);
  const [records, sharing, municipalities] = await Promise.all([
    services.neighbours.listRegion(own.regionId, year - RECENT_YEARS + 1),
    services.neighbours.sharingOf(own.regionId),
    services.repos.municipalities.list(),
  ]);
  const members = municipalities.filter((m) => m.regionId === own.regionId);
  const memberIds = new Set(members.map((m) => m.id));
  return regionMonitoring({
    records: records.filter((r) => memberIds.has(r.municipalityId)),
    sharing: new Map([...sharing].map(([id, s]) => [id, s.settings])),
    viewerMunicipalityId: own.id,
    since: year - RECENT_YEARS + 1,
    municipalityName: (id) => members.find((m) => m.id === id)?.name ?? id,
    groupName: (id) => services.catalogue.productGroupsById.get(id)?.name[lang] ?? id,
    criterionTitle: (id) => services.catalogue.criteriaById.get(id)?.title[lang] ?? id,
  });
}
