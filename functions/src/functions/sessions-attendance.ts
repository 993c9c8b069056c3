import type { HttpHandler, TimerHandler } from '@azure/functions';
import { z } from 'zod';
import { feedbackWrite, parseWith } from '../../../core/src/sessions/index.js';
import { api } from '../http/api.js';
import { json, readJson } from '../http/respond.js';
import type { ServicesProvider } from '../services.js';

const idOf = (params: Record<string, string>): string => params['id'] ?? '';

/** GET /api/sessions/{id}/attendance (organisers): everyone registered or seen, with how, and the last Teams import. */
export const attendanceListHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['organiser', 'mvi-admin'] }, async ({ request, principal, services }) =>
    json(200, await services.sessions.service.attendanceList(principal, idOf(request.params))),
  );

const markBody = z.object({ status: z.enum(['present', 'absent']) }).strict();
const userIdParam = z.uuid();

/** PUT /api/sessions/{id}/attendance/{userId} {status} (organisers): present or absent; approves a self check-in. */
export const markAttendanceHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['organiser', 'mvi-admin'] }, async ({ request, principal, services }) => {
    const userId = parseWith(userIdParam, request.params['userId'], { nl: 'De persoon', en: 'The person' });
    const { status } = parseWith(markBody, await readJson(request), {
      nl: 'De aanwezigheid',
      en: 'The attendance',
    });
    return json(200, await services.sessions.service.mark(principal, idOf(request.params), userId, status));
  });

/** POST /api/sessions/{id}/attendance/import (organisers, after the session): Teams attendance through Graph. */
export const importAttendanceHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['organiser', 'mvi-admin'] }, async ({ request, principal, services }) =>
    json(200, await services.sessions.importTeams(principal, idOf(request.params))),
  );

/** POST /api/sessions/{id}/feedback {rating 1-5, comment?} (people who attended): one answer per person, the latest counts. */
export const giveFeedbackHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async ({ request, principal, services }) => {
    const input = parseWith(feedbackWrite, await readJson(request), {
      nl: 'Uw beoordeling',
      en: 'Your rating',
    });
    return json(200, await services.sessions.service.giveFeedback(principal, idOf(request.params), input));
  });

/** GET /api/sessions/{id}/feedback (organisers): the average, the spread and the comments, without names. */
export const feedbackSummaryHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['organiser', 'mvi-admin'] }, async ({ request, principal, services }) =>
    json(200, await services.sessions.service.feedbackSummary(principal, idOf(request.params))),
  );

/** Timer: asks people who attended a session that just ended for their rating (Teams activity feed). */
export const feedbackTimerHandler =
  (getServices: ServicesProvider): TimerHandler =>
  async (_timer, context) => {
    const services = getServices();
    await services.ready();
    const report = await services.sessions.askForFeedback();
    if (report.asked || report.failed) context.log(`sessions feedback requests: ${JSON.stringify(report)}`);
  };
