/** The MVI team's side of "vraag een expert": the channel, the questions, publishing an answer. */
import type { HttpHandler, TimerHandler } from '@azure/functions';
import { z } from 'zod';
import { parseWith } from '../../../core/src/sessions/index.js';
import {
  chooseExpertChannel,
  expertSetup,
  listExpertQuestions,
  publishExpertAnswer,
  remindExperts,
} from '../experts/desk.js';
import { api } from '../http/api.js';
import { json, readJson } from '../http/respond.js';
import type { ServicesProvider } from '../services.js';

/** GET /api/experts/setup (MVI team): the teams the app is installed in and the channel chosen. */
export const expertSetupHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin'] }, async ({ principal, services }) =>
    json(200, await expertSetup(services, principal)),
  );

/** PUT /api/experts/channel {teamId, channelId} (MVI team): where questions go. */
export const expertChannelHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin'] }, async ({ request, principal, services }) =>
    json(200, await chooseExpertChannel(services, principal, await readJson(request))),
  );

/** GET /api/experts/questions (MVI team): open, claimed and answered questions with their age in working days. */
export const expertQuestionsHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin'] }, async ({ principal, services }) =>
    json(200, { questions: await listExpertQuestions(services, principal) }),
  );

/** POST /api/experts/questions/{id}/publish (MVI team): the answer as a toolbox page. */
export const publishExpertAnswerHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin'] }, async ({ request, principal, services }) => {
    const id = parseWith(z.uuid(), request.params['id'], { nl: 'De vraag', en: 'The question' });
    return json(201, await publishExpertAnswer(services, principal, id));
  });

/** Timer: reminds the MVI team's channel of questions nobody took up for two working days. */
export const expertRemindersTimerHandler =
  (getServices: ServicesProvider): TimerHandler =>
  async (_timer, context) => {
    const services = getServices();
    await services.ready();
    const reminded = await remindExperts(services);
    if (reminded) context.log(`expert questions: ${reminded} reminded in their channel`);
  };
