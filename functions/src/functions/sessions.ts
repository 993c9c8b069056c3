import type { HttpHandler } from '@azure/functions';
import QRCode from 'qrcode';
import { z } from 'zod';
import { validationError } from '../../../core/src/index.js';
import { parseWith, sessionWrite } from '../../../core/src/sessions/index.js';
import { api } from '../http/api.js';
import { idempotent } from '../http/idempotency.js';
import { json, readJson } from '../http/respond.js';
import type { ServicesProvider } from '../services.js';

const SESSION = { nl: 'De sessie', en: 'The session' };
const idOf = (params: Record<string, string>): string => params['id'] ?? '';

/** GET /api/sessions[?recent=1]: upcoming sessions of the caller's municipality and region (with `recent`, also those of the last 60 days). */
export const listSessionsHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async ({ request, principal, services }) => {
    const recent = request.query.get('recent') === '1' || request.query.get('recent') === 'true';
    return json(200, { sessions: await services.sessions.service.list(principal, { recent }) });
  });

/** POST /api/sessions (organiser, mvi-admin): plan a session; the answer holds its check-in code. */
export const createSessionHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['organiser', 'mvi-admin'] }, (ctx) =>
    // A double submit with the same Idempotency-Key plans one session and gets the same answer.
    idempotent(ctx, 'sessions-create', async () => {
      const { request, principal, services } = ctx;
      const input = parseWith(sessionWrite, await readJson(request), SESSION);
      const { view, code } = await services.sessions.service.create(principal, input);
      return json(201, { ...view, checkInCode: code }, { location: `/api/sessions/${view.id}` });
    }),
  );

/** GET /api/sessions/{id}: one session as the caller sees it; the ETag guards the next edit. */
export const getSessionHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async ({ request, principal, services }) => {
    const stored = await services.sessions.service.stored(principal, idOf(request.params));
    return json(200, await services.sessions.service.view(principal, stored.session), { etag: stored.etag });
  });

/** PUT /api/sessions/{id} (the session's organisers, the municipality's MVI team; If-Match). */
export const updateSessionHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['organiser', 'mvi-admin'] }, async ({ request, principal, services }) => {
    const etag = request.headers.get('if-match');
    if (!etag)
      throw validationError({
        nl: 'Stuur de versie mee die u hebt bewerkt (If-Match).',
        en: 'Send the version you edited (If-Match).',
      });
    const input = parseWith(sessionWrite, await readJson(request), SESSION);
    return json(200, await services.sessions.service.update(principal, idOf(request.params), input, etag));
  });

/** POST /api/sessions/{id}/registration: a place, or the waiting list when full (idempotent). */
export const registerHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async ({ request, principal, services }) =>
    json(200, await services.sessions.service.register(principal, idOf(request.params))),
  );

/** POST /api/sessions/{id}/registration/cancel: gives the place up; the first on the waiting list moves up. */
export const unregisterHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async ({ request, principal, services }) =>
    json(200, await services.sessions.service.unregister(principal, idOf(request.params))),
  );

/** GET /api/sessions/{id}/registration.ics: the calendar invitation for the caller's own place. */
export const registrationIcsHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async ({ request, principal, services, lang }) => {
    const { fileName, body } = await services.sessions.service.ics(principal, idOf(request.params), lang);
    return {
      status: 200,
      body,
      headers: {
        'content-type': 'text/calendar; charset=utf-8; method=PUBLISH',
        'content-disposition': `attachment; filename="${fileName}"`,
        'cache-control': 'no-store',
      },
    };
  });

const checkInBody = z.object({ code: z.string().trim().min(1).max(20).optional() }).strict();
const codeBody = z.object({ code: z.string().trim().min(1).max(20) }).strict();
const CHECK_IN = { nl: 'De check-in', en: 'The check-in' };

/** POST /api/sessions/{id}/check-in {code?}: with the room's code (present), or the button (present, or pending approval). */
export const checkInHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async ({ request, principal, services }) => {
    const body = parseWith(checkInBody, (await readJson(request)) ?? {}, CHECK_IN);
    return json(
      200,
      await services.sessions.service.checkIn(principal, idOf(request.params), {
        code: body.code,
        via: 'tab',
      }),
    );
  });

/** POST /api/check-in {code}: the code alone (typed, or from the QR code) says which session. */
export const checkInWithCodeHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async ({ request, principal, services }) => {
    const body = parseWith(codeBody, await readJson(request), CHECK_IN);
    return json(200, await services.sessions.service.checkInWithCode(principal, body.code));
  });

/** GET /api/sessions/{id}/check-in-code (organisers): the code and QR code for the screen in the room. */
export const checkInCodeHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['organiser', 'mvi-admin'] }, async ({ request, principal, services }) => {
    const display = await services.sessions.service.checkInDisplay(principal, idOf(request.params));
    const qrSvg = await QRCode.toString(display.url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return json(200, { ...display, qrSvg });
  });
