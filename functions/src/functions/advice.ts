import type { HttpHandler } from '@azure/functions';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { namedProductGroups, policyFor } from '../../../core/src/catalogue/catalogue.js';
import { notFound, validationError } from '../../../core/src/index.js';
import { webAdvice } from '../ambitieweb/service.js';
import { api } from '../http/api.js';
import { json, readJson } from '../http/respond.js';
import { neighboursForAdvice } from '../neighbours/service.js';
import type { ServicesProvider } from '../services.js';

const amsterdamDate = (date: Date): string =>
  date.toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

/**
 * POST /api/advice: the engine's advice for a tender described by the caller. The
 * municipality (for its policy) is the caller's own, never taken from the body. With it,
 * `neighbours`: what the region's municipalities did in similar tenders, as far as they share
 * it with the caller's municipality (null when no product group fits, or with `?neighbours=false`).
 */
export const adviceHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async ({ request, principal, services, lang }) => {
    const body = await readJson(request);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw validationError({
        nl: 'Stuur een JSON-object met minstens een titel.',
        en: 'Send a JSON object with at least a title.',
      });
    }
    // `tender`: the reference whose Ambitieweb sets the level per theme (else the caller's department's, else the policy's).
    const { tender: reference, ...rest } = body as Record<string, unknown>;
    if (reference !== undefined && typeof reference !== 'string')
      throw validationError(
        {
          nl: 'De aanbesteding is een kenmerk als T-2026-014.',
          en: 'The tender is a reference like T-2026-014.',
        },
        ['tender: a reference'],
      );
    const tender = reference
      ? await services.repos.tenders.get(principal.municipalityId, reference)
      : undefined;
    if (reference && !tender)
      throw notFound({
        nl: `De aanbesteding ${reference} bestaat niet in uw gemeente.`,
        en: `The tender ${reference} does not exist in your municipality.`,
      });
    const fromWeb = await webAdvice(services, principal.municipalityId, lang, {
      ...(tender ? { tender } : {}),
      ...(principal.department ? { department: principal.department } : {}),
    });
    const parsed = services.engine.parseRequest({
      language: lang,
      ...rest,
      ...fromWeb.request,
      municipality: principal.municipalityId,
    });
    const advice = services.engine.advise(parsed, amsterdamDate(services.clock.now()));
    // `?neighbours=false`: the advice alone (for callers that show no neighbours, and for comparison).
    const neighbours =
      request.query.get('neighbours') === 'false'
        ? null
        : await neighboursForAdvice(
            services,
            principal.municipalityId,
            advice,
            parsed.estimatedValueEur,
            lang,
          );
    return json(200, { ...advice, neighbours, ambitieweb: fromWeb.ambitieweb });
  });

/** GET /api/catalogue: the knowledge base and the caller's municipal policy (cached by ETag). */
export const catalogueHandler = (getServices: ServicesProvider): HttpHandler => {
  let body: { json: string; etag: string } | undefined;
  return api(getServices, {}, ({ request, principal, services }) => {
    if (!body) {
      const c = services.catalogue;
      const payload = JSON.stringify({
        themes: c.themes,
        clusters: c.clusters,
        // Each CPV prefix with the code that names it (39800000-0), for showing codes with their labels.
        productGroups: namedProductGroups(c),
        thresholds: c.thresholds,
        tools: c.knowledge.tools,
        dosAndDonts: c.knowledge.dosAndDonts,
        glossary: c.knowledge.glossary,
        socialEnterpriseSources: c.knowledge.socialEnterpriseSources,
      });
      body = {
        json: payload,
        etag: `"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`,
      };
    }
    const policy = policyFor(services.catalogue, principal.municipalityId);
    const etag = `${body.etag.slice(0, -1)}-${principal.municipalityId}"`;
    if (request.headers.get('if-none-match') === etag)
      return Promise.resolve({ status: 304, headers: { etag } });
    const text = `${body.json.slice(0, -1)},"policy":${JSON.stringify(policy)}}`;
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      etag,
      'cache-control': 'private, max-age=300',
      vary: 'Accept-Encoding',
    };
    // About 1 MB of JSON: worth compressing for the tab (the Functions host does not do it).
    if (/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) {
      return Promise.resolve({
        status: 200,
        body: new Uint8Array(gzipSync(text)),
        headers: { ...headers, 'content-encoding': 'gzip' },
      });
    }
    return Promise.resolve({ status: 200, body: text, headers });
  });
};
