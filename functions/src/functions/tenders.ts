import type { HttpHandler } from '@azure/functions';
import { z } from 'zod';
import {
  canSnooze,
  forbidden,
  hasRole,
  isCommissionedBy,
  parseTenderWrite,
  validationError,
} from '../../../core/src/index.js';
import { addDays, dateIn, nudgeStage, retryNudge } from '../../../core/src/nudges/index.js';
import { api, type ApiContext } from '../http/api.js';
import { idempotent } from '../http/idempotency.js';
import { json, readJson } from '../http/respond.js';
import type { ServicesProvider } from '../services.js';
import {
  archiveTender,
  createTender,
  tenderDetail,
  updateTender,
  visibleTender,
} from '../tenders/service.js';

const referenceOf = (ctx: ApiContext): string => ctx.request.params['reference'] ?? '';

/**
 * GET /api/tenders: the municipality's tender pipeline. The MVI team, buyers and the board
 * see all of it; others see the tenders they commission. `?mine=true` narrows to one's own,
 * `?archived=true` shows archived tenders as well.
 */
export const listTendersHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async ({ principal, services, request }) => {
    const all = await services.repos.tenders.list(principal.municipalityId);
    const seesAll = hasRole(principal, 'mvi-admin', 'buyer', 'board');
    const mine = request.query.get('mine') === 'true' || !seesAll;
    const archived = request.query.get('archived') === 'true';
    const tenders = all
      .filter((t) => archived || t.status !== 'archived')
      .filter((t) => !mine || isCommissionedBy(principal, t))
      .sort((a, b) => a.kickoffDate.localeCompare(b.kickoffDate));
    return json(200, { tenders });
  });

/** GET /api/tenders/{reference}: the tender, the engine's advice for it and its nudges (delivery details for the MVI team). */
export const getTenderHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async (ctx) => {
    const { detail, etag } = await tenderDetail(ctx.services, ctx.principal, referenceOf(ctx), ctx.lang);
    return json(200, detail, { etag });
  });

/** POST /api/tenders (MVI team, buyers): a new tender; its nudges are planned at once. */
export const createTenderHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin', 'buyer'] }, (ctx) =>
    // A double submit with the same Idempotency-Key creates one tender and gets the same answer.
    idempotent(ctx, 'tenders-create', async () => {
      const write = parseTenderWrite(await readJson(ctx.request), ctx.services.catalogue.cpv.problemOf);
      const created = await createTender(ctx.services, ctx.principal, write);
      return json(201, created);
    }),
  );

/** PUT /api/tenders/{reference} (MVI team, buyers; If-Match optional): edit; a changed kickoff re-plans pending nudges. */
export const updateTenderHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin', 'buyer'] }, async (ctx) => {
    const write = parseTenderWrite(await readJson(ctx.request), ctx.services.catalogue.cpv.problemOf);
    const { tender, etag } = await updateTender(
      ctx.services,
      ctx.principal,
      referenceOf(ctx),
      write,
      ctx.request.headers.get('if-match') ?? undefined,
    );
    return json(200, { tender }, { etag });
  });

/** POST /api/tenders/{reference}/archive (MVI team, buyers): archive; pending nudges are cancelled. */
export const archiveTenderHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin', 'buyer'] }, async (ctx) => {
    const tender = await archiveTender(ctx.services, ctx.principal, referenceOf(ctx));
    return json(200, { tender });
  });

const snoozeBody = z.object({ until: z.iso.date().nullable() }).strict();

/**
 * PUT /api/tenders/{reference}/snooze (the commissioning manager, MVI team): `{"until": "YYYY-MM-DD"}`
 * pauses the tender's nudges until that day; `{"until": null}` resumes them.
 */
export const snoozeTenderHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async (ctx) => {
    const { services, principal } = ctx;
    const { value: tender } = await visibleTender(services, principal, referenceOf(ctx));
    if (!canSnooze(principal, tender)) {
      throw forbidden({
        nl: 'Alleen de opdrachtgever of het MVI-team kan deze nudges pauzeren.',
        en: 'Only the commissioning manager or the MVI team can pause these nudges.',
      });
    }
    const body = snoozeBody.safeParse(await readJson(ctx.request));
    if (!body.success)
      throw validationError({
        nl: 'Stuur {"until": "JJJJ-MM-DD"} of {"until": null}.',
        en: 'Send {"until": "YYYY-MM-DD"} or {"until": null}.',
      });
    if (body.data.until === null) {
      await services.nudges.settings.removeSnooze(tender.municipalityId, tender.reference);
      return json(200, { snoozedUntil: null });
    }
    const today = dateIn(services.clock.now(), 'Europe/Amsterdam');
    if (body.data.until <= today || body.data.until > addDays(today, 180)) {
      throw validationError({
        nl: 'Pauzeer tot een datum na vandaag en hoogstens 180 dagen vooruit.',
        en: 'Pause until a date after today and at most 180 days ahead.',
      });
    }
    await services.nudges.settings.saveSnooze({
      municipalityId: tender.municipalityId,
      reference: tender.reference,
      until: body.data.until,
      by: { userId: principal.userId, displayName: principal.displayName },
      at: services.clock.now().toISOString(),
    });
    return json(200, { snoozedUntil: body.data.until });
  });

/** POST /api/tenders/{reference}/nudges/{stage}/retry (MVI team): send a failed or skipped nudge again now. */
export const retryNudgeHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin'] }, async (ctx) => {
    const { services, principal } = ctx;
    const stage = nudgeStage.safeParse(ctx.request.params['stage']);
    if (!stage.success) throw validationError({ nl: 'Onbekende stap.', en: 'Unknown stage.' });
    const { value: tender } = await visibleTender(services, principal, referenceOf(ctx));
    const records = (
      await services.nudges.store.listForTender(tender.municipalityId, tender.reference)
    ).filter(
      (v) => v.value.stage === stage.data && (v.value.status === 'failed' || v.value.status === 'skipped'),
    );
    const now = services.clock.now();
    let retried = 0;
    for (const v of records)
      if (await services.nudges.store.replace(retryNudge(v.value, now), v.etag)) retried++;
    return json(200, { retried });
  });
