/**
 * The Ambitieweb API: templates (the MVI team tailors one), one web per tender, department or
 * policy, proposals from every participant of the municipality, the organiser's settle and
 * close. A web is read by polling with If-None-Match: an unchanged web answers 304 and costs
 * one table read, so participants see each other within a poll without another service.
 */
import type { HttpHandler } from '@azure/functions';
import { closeWeb, propose, settle, tailorTemplate } from '../../../core/src/ambitieweb/index.js';
import { adviceRequestFor, notFound, validationError } from '../../../core/src/index.js';
import { criteriaDocx } from '../exports/criteria-docx.js';
import { visibleTender } from '../tenders/service.js';
import {
  ambitionStores,
  documentWeb,
  findTemplate,
  httpEtag,
  openOrGetWeb,
  templatesFor,
  webAdvice,
  webView,
} from '../ambitieweb/service.js';
import type { FunctionDefinition } from '../definitions.js';
import { api, type ApiContext } from '../http/api.js';
import { json, readJson } from '../http/respond.js';
import type { ServicesProvider } from '../services.js';

const objectBody = async (ctx: ApiContext): Promise<Record<string, unknown>> => {
  const body = await readJson(ctx.request);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw validationError({
      nl: 'Stuur een JSON-object.',
      en: 'Send a JSON object.',
    });
  return body as Record<string, unknown>;
};

const webId = (ctx: ApiContext): string => ctx.request.params['id'] ?? '';

/** GET /api/ambitieweb/templates: the reviewed templates and the municipality's tailored ones. */
export const listTemplatesHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async (ctx) =>
    json(200, { templates: await templatesFor(ctx.services, ctx.principal.municipalityId) }),
  );

/** POST /api/ambitieweb/templates (MVI team): a tailored copy of a template ({ basedOn, id, operations }). */
export const tailorTemplateHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin'] }, async (ctx) => {
    const { basedOn, ...change } = await objectBody(ctx);
    if (typeof basedOn !== 'string')
      throw validationError(
        {
          nl: 'Noem het sjabloon waarvan u uitgaat (basedOn).',
          en: 'Name the template you start from (basedOn).',
        },
        ['basedOn: required'],
      );
    const base = await findTemplate(ctx.services, ctx.principal.municipalityId, basedOn);
    const template = tailorTemplate(base, { ...change, municipalityId: ctx.principal.municipalityId });
    await ambitionStores(ctx.services).templates.create({
      ...template,
      municipalityId: ctx.principal.municipalityId,
    });
    return json(201, template);
  });

/** GET /api/ambitiewebs: the municipality's webs, newest first, without the proposals. */
export const listWebsHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async (ctx) => {
    const webs = await ambitionStores(ctx.services).webs.list(ctx.principal.municipalityId);
    return json(200, {
      webs: webs.map(({ proposals: _p, ...web }) => ({ ...web, proposals: _p.length })),
    });
  });

/**
 * POST /api/ambitiewebs { owner, templateId? }: opens the web of a tender, a department or the
 * policy. Asked again for the same owner, it answers the web that is there (200), so a second
 * invitation leads to the same session.
 */
export const openWebHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async (ctx) => {
    const { owner, templateId } = await objectBody(ctx);
    const { stored, created } = await openOrGetWeb(ctx.services, ctx.principal, owner, templateId);
    return json(
      created ? 201 : 200,
      { ...webView(stored.web, ctx.principal), created },
      { etag: httpEtag(stored.etag) },
    );
  });

/** GET /api/ambitiewebs/{id}: the web and the proposals so far; If-None-Match with the last ETag answers 304 when nothing changed. */
export const getWebHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async (ctx) => {
    const found = await ambitionStores(ctx.services).webs.get(ctx.principal.municipalityId, webId(ctx));
    if (!found) throw notFound({ nl: 'Dit Ambitieweb bestaat niet.', en: 'This Ambitieweb does not exist.' });
    const etag = httpEtag(found.etag);
    if (ctx.request.headers.get('if-none-match') === etag)
      return { status: 304, headers: { etag, 'cache-control': 'no-cache' } };
    return json(200, webView(found.web, ctx.principal), { etag, 'cache-control': 'no-cache' });
  });

const mutation = (
  getServices: ServicesProvider,
  change: (
    ctx: ApiContext,
    body: Record<string, unknown>,
  ) => Parameters<ReturnType<typeof ambitionStores>['webs']['mutate']>[2],
) =>
  api(getServices, {}, async (ctx) => {
    const body = await objectBody(ctx);
    const stored = await ambitionStores(ctx.services).webs.mutate(
      ctx.principal.municipalityId,
      webId(ctx),
      change(ctx, body),
    );
    return json(200, webView(stored.web, ctx.principal), { etag: httpEtag(stored.etag) });
  });

/** POST /api/ambitiewebs/{id}/proposals { axisId, level, reason? }: any participant of the municipality, while the session runs. */
export const proposeHandler = (getServices: ServicesProvider): HttpHandler =>
  mutation(getServices, (ctx, body) => (web) => propose(web, ctx.principal, body, ctx.services.clock.now()));

/** POST /api/ambitiewebs/{id}/scores { axisId, score, reason? }: the organiser or the MVI team settles an axis. */
export const settleHandler = (getServices: ServicesProvider): HttpHandler =>
  mutation(getServices, (ctx, body) => (web) => settle(web, ctx.principal, body, ctx.services.clock.now()));

/** POST /api/ambitiewebs/{id}/close: every axis settled; the web becomes read-only, the proposals go. */
export const closeHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async (ctx) => {
    const stored = await ambitionStores(ctx.services).webs.mutate(
      ctx.principal.municipalityId,
      webId(ctx),
      (web) => closeWeb(web, ctx.principal, ctx.services.clock.now()),
    );
    return json(200, webView(stored.web, ctx.principal), { etag: httpEtag(stored.etag) });
  });

const amsterdamDate = (date: Date): string =>
  date.toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

/**
 * GET /api/tenders/{reference}/criteria.docx: the tender's advised criteria, each theme at the
 * level its Ambitieweb set, with the web itself as a radar chart and a table.
 */
export const tenderCriteriaDocxHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async ({ request, principal, services, lang }) => {
    const { value: tender } = await visibleTender(services, principal, request.params['reference'] ?? '');
    const fromWeb = await webAdvice(services, tender.municipalityId, lang, { tender });
    const parsed = services.engine.parseRequest(
      { ...adviceRequestFor(tender, lang), ...fromWeb.request },
      { unknownCpv: 'ignore' },
    );
    const date = amsterdamDate(services.clock.now());
    const advice = services.engine.advise(parsed, date);
    const body = await criteriaDocx(services.catalogue, {
      subject: `${tender.reference} ${tender.title}`,
      criterionIds: advice.criteria.map((c) => c.id),
      lang,
      date,
      ...(fromWeb.web ? { web: documentWeb(fromWeb.web, fromWeb.ambitieweb.reason, lang) } : {}),
    });
    return {
      status: 200,
      body: new Uint8Array(body),
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'content-disposition': `attachment; filename="mvi-criteria-${tender.reference.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.docx"`,
        'cache-control': 'no-store',
      },
    };
  });

const http = (
  name: string,
  route: string,
  method: 'GET' | 'POST',
  handler: HttpHandler,
): FunctionDefinition => ({ kind: 'http', name, route, methods: [method], authLevel: 'anonymous', handler });

/** The Ambitieweb's functions, for the registry. */
export function ambitiewebFunctions(getServices: ServicesProvider): FunctionDefinition[] {
  return [
    http('ambitieweb-templates', 'ambitieweb/templates', 'GET', listTemplatesHandler(getServices)),
    http('ambitieweb-templates-tailor', 'ambitieweb/templates', 'POST', tailorTemplateHandler(getServices)),
    http('ambitiewebs-list', 'ambitiewebs', 'GET', listWebsHandler(getServices)),
    http('ambitiewebs-open', 'ambitiewebs', 'POST', openWebHandler(getServices)),
    http('ambitiewebs-get', 'ambitiewebs/{id}', 'GET', getWebHandler(getServices)),
    http('ambitiewebs-propose', 'ambitiewebs/{id}/proposals', 'POST', proposeHandler(getServices)),
    http('ambitiewebs-settle', 'ambitiewebs/{id}/scores', 'POST', settleHandler(getServices)),
    http('ambitiewebs-close', 'ambitiewebs/{id}/close', 'POST', closeHandler(getServices)),
    http(
      'tenders-criteria-docx',
      'tenders/{reference}/criteria.docx',
      'GET',
      tenderCriteriaDocxHandler(getServices),
    ),
  ];
}
