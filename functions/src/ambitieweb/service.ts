/**
 * The Ambitieweb in the backend: which template a web starts from (reviewed or the
 * municipality's tailored copy), one web per owner, what a participant sees while polling, and
 * which web sets a tender's advice (the tender's, else its department's, else the policy's).
 */
import { createHash } from 'node:crypto';
import { loadAmbitiewebTemplates } from '../../../content/ambitieweb/index.js';
import {
  adviceAmbition,
  ambitionByTheme,
  openWeb,
  webOwner,
  type AmbitionOverview,
  canSettle,
  summariseProposals,
  type AdviceAmbition,
  type AmbitionTemplate,
  type AmbitionWeb,
  type WebOwner,
} from '../../../core/src/ambitieweb/index.js';
import type { AdviceRequest } from '../../../core/src/engine/advise.js';
import {
  notFound,
  referenceKey,
  validationError,
  slugify,
  type LocalizedText,
  type Principal,
  type Tender,
} from '../../../core/src/index.js';
import type { CriteriaWeb } from '../exports/criteria-docx.js';
import type { Services } from '../services.js';
import {
  createAmbitionWebStore,
  createTailoredTemplateStore,
  type StoredWeb,
} from '../storage/ambitieweb-store.js';

/** One web per owner, so the tender's web is found by its reference alone. */
export function webIdFor(owner: WebOwner): string {
  switch (owner.kind) {
    case 'tender':
      return `tender-${referenceKey(owner.reference)}`;
    case 'department':
      return `department-${slugify(owner.name)}`;
    case 'policy':
      return 'policy';
  }
}

export const ambitionStores = (services: Services) => ({
  webs: createAmbitionWebStore(services.storage),
  templates: createTailoredTemplateStore(services.storage),
});

/** The reviewed templates and the municipality's own tailored ones. */
export async function templatesFor(services: Services, municipalityId: string): Promise<AmbitionTemplate[]> {
  const own = await ambitionStores(services).templates.list(municipalityId);
  return [...loadAmbitiewebTemplates().all, ...own];
}

export async function findTemplate(
  services: Services,
  municipalityId: string,
  id: string | undefined,
): Promise<AmbitionTemplate> {
  const reviewed = loadAmbitiewebTemplates();
  if (!id) return reviewed.defaultTemplate;
  const found = reviewed.byId.get(id) ?? (await ambitionStores(services).templates.get(municipalityId, id));
  if (!found)
    throw notFound({
      nl: `Er is geen sjabloon ${id} voor het Ambitieweb.`,
      en: `There is no Ambitieweb template ${id}.`,
    });
  return found;
}

/** An HTTP ETag for a stored version (the storage ETag itself carries quotes and a date). */
export const httpEtag = (storageEtag: string): string =>
  `"${createHash('sha256').update(storageEtag).digest('base64url').slice(0, 22)}"`;

export interface WebView {
  web: AmbitionWeb;
  /** Per axis: how many proposed what, the median and spread, and the settled score. */
  summary: ReturnType<typeof summariseProposals>;
  permissions: { propose: boolean; settle: boolean };
}

export function webView(web: AmbitionWeb, principal: Principal): WebView {
  return {
    web,
    summary: summariseProposals(web),
    permissions: {
      propose: web.state === 'open' && web.municipalityId === principal.municipalityId,
      settle: canSettle(principal, web),
    },
  };
}

/** The department of a tender: that of its commissioning manager, when the directory knows them. */
async function departmentOf(services: Services, tender: Tender): Promise<string | undefined> {
  const userId = tender.commissioningManager?.userId;
  if (!userId) return undefined;
  const municipality = await services.repos.municipalities.get(tender.municipalityId);
  if (!municipality) return undefined;
  return (await services.repos.members.get(municipality.tenantId, userId))?.department;
}

export interface WebAdvice {
  /** The web that applies, for documents that show it (not sent as such). */
  web?: AmbitionWeb;
  /** Fields for the engine's request: each theme's level, and where it comes from. */
  request: Pick<AdviceRequest, 'themeAmbition' | 'themeAmbitionSource'>;
  /** What the answer says about the web: which one, why, and what was passed over. */
  ambitieweb: {
    source: AdviceAmbition['source'];
    webId: string | null;
    owner: WebOwner | null;
    reason: string;
    passedOver: { source: string; webId: string; reason: string }[];
  };
}

const sourceText = (owner: WebOwner, lang: 'nl' | 'en'): string => {
  const text: LocalizedText =
    owner.kind === 'tender'
      ? { nl: `het Ambitieweb van ${owner.reference}`, en: `the Ambitieweb of ${owner.reference}` }
      : owner.kind === 'department'
        ? {
            nl: `het Ambitieweb van de afdeling ${owner.name}`,
            en: `the Ambitieweb of the ${owner.name} department`,
          }
        : { nl: 'het generieke Ambitieweb van het beleid', en: 'the generic Ambitieweb of the policy' };
  return text[lang];
};

/**
 * Which web sets the advice for a tender (or, without one, for the caller's department), in
 * the order tender → department → policy; only settled webs of the municipality count.
 */
export async function webAdvice(
  services: Services,
  municipalityId: string,
  lang: 'nl' | 'en',
  scope: { tender?: Tender; department?: string },
): Promise<WebAdvice> {
  const webs = ambitionStores(services).webs;
  const department = scope.tender ? await departmentOf(services, scope.tender) : scope.department;
  const [tender, dept, policy] = await Promise.all([
    scope.tender
      ? webs.get(municipalityId, webIdFor({ kind: 'tender', reference: scope.tender.reference }))
      : undefined,
    department && department.trim().length >= 2
      ? webs.get(municipalityId, webIdFor({ kind: 'department', name: department }))
      : undefined,
    webs.get(municipalityId, webIdFor({ kind: 'policy' })),
  ]);
  const resolved = adviceAmbition({
    municipalityId,
    tender: tender?.web ?? null,
    department: dept?.web ?? null,
    policy: policy?.web ?? null,
  });
  const ambitieweb: WebAdvice['ambitieweb'] = {
    source: resolved.source,
    webId: resolved.web?.id ?? null,
    owner: resolved.web?.owner ?? null,
    reason: resolved.reason[lang],
    passedOver: resolved.passedOver.map((p) => ({
      source: p.source,
      webId: p.webId,
      reason: p.reason[lang],
    })),
  };
  if (!resolved.web || !resolved.levels) return { request: {}, ambitieweb };
  const themeAmbition: NonNullable<AdviceRequest['themeAmbition']> = {};
  for (const level of Object.values(resolved.levels.themes)) {
    if (!level) continue;
    themeAmbition[level.theme] = {
      ambition: level.ambition,
      reason: `${level.axisName[lang]}${level.reason ? `: ${level.reason}` : ''}`.slice(0, 500),
    };
  }
  return {
    web: resolved.web,
    request: { themeAmbition, themeAmbitionSource: sourceText(resolved.web.owner, lang) },
    ambitieweb,
  };
}

const SCORE_TEXT: Record<number, LocalizedText> = {
  0: { nl: '0 · Niet gekozen', en: '0 · Not chosen' },
  1: { nl: '1 · Basis', en: '1 · Basic' },
  2: { nl: '2 · Significant', en: '2 · Significant' },
  3: { nl: '3 · Ambitieus', en: '3 · Ambitious' },
};

/** A settled web as the criteria document shows it: its axes with score and reason, and who took part. */
export function documentWeb(web: AmbitionWeb, reason: string, lang: 'nl' | 'en'): CriteriaWeb {
  return {
    reason,
    axes: web.axes.map((axis) => {
      const settled = web.scores[axis.id];
      const score = settled?.score ?? 0;
      return {
        name: axis.name[lang],
        score,
        label: (SCORE_TEXT[score] ?? SCORE_TEXT[0]!)[lang],
        ...(settled?.reason ? { reason: settled.reason } : {}),
      };
    }),
    participants: web.participants.map((p) => p.displayName),
  };
}

/**
 * The ambition per MVI theme over the settled webs of the tenders that kick off in `year`
 * (monitoring shows it beside the criteria the tenders recorded).
 */
export async function yearAmbition(
  services: Services,
  municipalityId: string,
  year: number,
): Promise<AmbitionOverview & { tenders: string[] }> {
  const [webs, tenders] = await Promise.all([
    ambitionStores(services).webs.list(municipalityId),
    services.repos.tenders.list(municipalityId),
  ]);
  const ofYear = new Set(
    tenders.filter((t) => t.kickoffDate.startsWith(`${year}-`)).map((t) => referenceKey(t.reference)),
  );
  const counted = webs.filter(
    (w) => w.owner.kind === 'tender' && ofYear.has(referenceKey(w.owner.reference)),
  );
  return {
    ...ambitionByTheme(counted, { owner: 'tender' }),
    tenders: counted
      .filter((w) => w.state === 'settled')
      .map((w) => (w.owner.kind === 'tender' ? w.owner.reference : w.id)),
  };
}

/**
 * Opens the web of a tender, a department or the policy, or answers the one that is there
 * (so a second invitation leads to the same session). A tender must be one of the caller's
 * municipality. Used by the API and by the bot's "plan een ambitiewebsessie voor T-…".
 */
export async function openOrGetWeb(
  services: Services,
  principal: Principal,
  owner: unknown,
  templateId: unknown,
): Promise<{ stored: StoredWeb; created: boolean }> {
  if (templateId !== undefined && typeof templateId !== 'string')
    throw validationError({ nl: 'Het sjabloon is een id.', en: 'The template is an id.' }, [
      'templateId: a string',
    ]);
  const parsed = webOwner.safeParse(owner);
  let resolved: unknown = parsed.success ? parsed.data : owner;
  if (parsed.success && parsed.data.kind === 'tender') {
    const tender = await services.repos.tenders.get(principal.municipalityId, parsed.data.reference);
    if (!tender)
      throw notFound({
        nl: `De aanbesteding ${parsed.data.reference} bestaat niet in uw gemeente.`,
        en: `The tender ${parsed.data.reference} does not exist in your municipality.`,
      });
    resolved = { kind: 'tender', reference: tender.reference };
  }
  const template = await findTemplate(services, principal.municipalityId, templateId);
  const id = parsed.success ? webIdFor(parsed.data) : 'invalid';
  // openWeb checks the owner, the role and the template before anything is read or stored.
  const web = openWeb({ id, owner: resolved }, template, principal, services.clock.now());
  const store = ambitionStores(services).webs;
  const existing = await store.get(principal.municipalityId, id);
  if (existing) return { stored: existing, created: false };
  try {
    return { stored: await store.create(web), created: true };
  } catch (error) {
    // Two invitations at once: the other one created it.
    const raced = await store.get(principal.municipalityId, id);
    if (raced) return { stored: raced, created: false };
    throw error;
  }
}
