import type { HttpHandler, StorageQueueHandler, TimerHandler } from '@azure/functions';
import { z } from 'zod';
import { validationError } from '../../../core/src/index.js';
import {
  NUDGE_STATUSES,
  byStage,
  nudgeDeliveryView,
  nudgePlan,
  type NudgeDeliveryView,
  type NudgeStatus,
} from '../../../core/src/nudges/index.js';
import { api } from '../http/api.js';
import { json, readJson } from '../http/respond.js';
import { mapLimit } from '../nudges/dispatcher.js';
import type { ServicesProvider } from '../services.js';

/** Timer: plans every tender's nudges, queues the due ones (one message per tender, recipient and stage), sweeps lost ones. */
export const nudgeTimerHandler =
  (getServices: ServicesProvider): TimerHandler =>
  async (_timer, context) => {
    const services = getServices();
    await services.ready();
    const report = await services.nudges.runTimer();
    if (report.queued || report.requeued || report.conflicts)
      context.log(`nudges: ${JSON.stringify(report)}`);
  };

const metadata = z.object({ dequeueCount: z.coerce.number().int().min(1).default(1) });

/** Queue: delivers one nudge; throwing hands it back to the queue (and after the last attempt to the poison queue). */
export const nudgeDeliveryHandler =
  (getServices: ServicesProvider): StorageQueueHandler =>
  async (message, context) => {
    const services = getServices();
    await services.ready();
    const { dequeueCount } = metadata.parse(context.triggerMetadata ?? {});
    const result = await services.nudges.deliver(message, { dequeueCount });
    if (result !== 'delivered') context.log(`nudge delivery: ${result}`);
  };

/** GET /api/nudges/plan: the municipality's nudge plan (the default until the MVI team stores one). */
export const getNudgePlanHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async ({ principal, services }) => {
    const stored = await services.nudges.settings.getPlan(principal.municipalityId);
    return json(200, {
      plan: stored ?? (await services.nudges.planFor(principal.municipalityId)),
      isDefault: !stored,
    });
  });

/** PUT /api/nudges/plan (MVI team): store the plan; every tender's pending nudges are re-planned. */
export const putNudgePlanHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin'] }, async ({ request, principal, services }) => {
    const parsed = nudgePlan.safeParse(await readJson(request));
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => `${i.path.join('.') || 'plan'}: ${i.message}`);
      throw validationError(
        {
          nl: `Het nudgeplan klopt niet: ${details.join('; ')}`,
          en: `The nudge plan is invalid: ${details.join('; ')}`,
        },
        details,
      );
    }
    await services.nudges.settings.savePlan(principal.municipalityId, parsed.data);
    const tenders = await services.nudges.tenders.list(principal.municipalityId);
    await mapLimit(tenders, 8, ({ value }) => services.nudges.replan(value));
    return json(200, { plan: parsed.data, isDefault: false });
  });

/** GET /api/nudges/status (MVI team): delivery per tender and per stage, failures first. */
export const nudgeStatusHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin'] }, async ({ principal, services }) => {
    const [tenders, nudges, snoozes] = await Promise.all([
      services.nudges.tenders.list(principal.municipalityId),
      services.nudges.store.listForMunicipality(principal.municipalityId),
      services.nudges.settings.listSnoozes(principal.municipalityId),
    ]);
    const summary = Object.fromEntries(NUDGE_STATUSES.map((s) => [s, 0])) as Record<NudgeStatus, number>;
    const byTender = new Map<string, NudgeDeliveryView[]>();
    const failed: (NudgeDeliveryView & { reference: string; title: string })[] = [];
    const titles = new Map(tenders.map((t) => [t.value.reference, t.value.title]));
    for (const { value } of nudges.sort((a, b) => byStage(a.value, b.value))) {
      summary[value.status]++;
      const view = nudgeDeliveryView(value);
      byTender.set(value.reference, [...(byTender.get(value.reference) ?? []), view]);
      if (value.status === 'failed')
        failed.push({
          ...view,
          reference: value.reference,
          title: titles.get(value.reference) ?? value.reference,
        });
    }
    const snoozedUntil = new Map(snoozes.map((s) => [s.reference, s.until]));
    return json(200, {
      summary,
      failed,
      tenders: tenders
        .map(({ value: t }) => ({
          reference: t.reference,
          title: t.title,
          kickoffDate: t.kickoffDate,
          status: t.status,
          commissioningManager: t.commissioningManager,
          snoozedUntil: snoozedUntil.get(t.reference) ?? null,
          nudges: byTender.get(t.reference) ?? [],
        }))
        .sort((a, b) => a.kickoffDate.localeCompare(b.kickoffDate)),
    });
  });

const preferencesBody = z.object({ optedOut: z.boolean() }).strict();

/** GET /api/me/nudge-preferences: whether the caller receives nudges. */
export const getNudgePreferencesHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async ({ principal, services }) => {
    const stored = await services.nudges.settings.getPreferences(principal.tenantId, principal.userId);
    return json(200, { optedOut: stored?.optedOut ?? false });
  });

/** PUT /api/me/nudge-preferences `{"optedOut": true|false}`: opt out of (or back in to) nudges. */
export const putNudgePreferencesHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async ({ request, principal, services }) => {
    const body = preferencesBody.safeParse(await readJson(request));
    if (!body.success)
      throw validationError({
        nl: 'Stuur {"optedOut": true} of {"optedOut": false}.',
        en: 'Send {"optedOut": true} or {"optedOut": false}.',
      });
    await services.nudges.settings.savePreferences({
      tenantId: principal.tenantId,
      userId: principal.userId,
      optedOut: body.data.optedOut,
      at: services.clock.now().toISOString(),
    });
    return json(200, { optedOut: body.data.optedOut });
  });
