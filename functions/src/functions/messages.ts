import type { HttpHandler } from '@azure/functions';
import { createAgent } from '../../../bot/src/agent.js';
import { createBotHttpHandler, type BotHttpHandler } from '../../../bot/src/http-adapter.js';
import {
  createAdviceRecords,
  createConversationReferences,
  createFeedbackStore,
} from '../storage/bot-stores.js';
import { errorResponse, json } from '../http/respond.js';
import { createLinks } from '../links.js';
import { recordMvi } from '../monitoring/service.js';
import { openOrGetWeb, webAdvice } from '../ambitieweb/service.js';
import type { Services, ServicesProvider } from '../services.js';

export function createBot(services: Services): BotHttpHandler {
  const { config, storage, repos } = services;
  const agent = createAgent({
    catalogue: services.catalogue,
    engine: services.engine,
    clock: services.clock,
    members: repos.members,
    tenders: repos.tenders,
    sessions: repos.sessions,
    regionOf: async (id) => (await repos.municipalities.get(id))?.regionId,
    adviceRecords: createAdviceRecords(storage, services.clock),
    feedback: createFeedbackStore(storage),
    conversations: createConversationReferences(storage),
    links: createLinks(config),
    sessionActions: services.sessions.actions,
    tenderActions: {
      recordMvi: async (principal, reference, body) =>
        (await recordMvi(services, principal, reference, body, undefined)).tender,
    },
    ambitiewebActions: {
      openForTender: async (principal, reference) => {
        const { stored, created } = await openOrGetWeb(
          services,
          principal,
          { kind: 'tender', reference },
          undefined,
        );
        return { id: stored.web.id, created };
      },
      themeAmbition: async (tender, lang) =>
        (await webAdvice(services, tender.municipalityId, lang, { tender })).request,
    },
  });
  return createBotHttpHandler(
    agent,
    config.BOT_ID
      ? { clientId: config.BOT_ID, clientSecret: config.BOT_PASSWORD, tenantId: config.BOT_TENANT_ID }
      : undefined,
  );
}

/**
 * POST /api/messages: the bot's messaging endpoint. Bot Framework / Entra tokens are checked
 * by the Agents SDK inside the handler, so the Functions-level auth is anonymous.
 */
export const messagesHandler = (getServices: ServicesProvider): HttpHandler => {
  let bot: BotHttpHandler | undefined;
  return async (request, context) => {
    try {
      const services = getServices();
      await services.ready();
      bot ??= createBot(services);
      const text = await request.text();
      let body: unknown;
      try {
        body = text.trim() ? JSON.parse(text) : undefined;
      } catch {
        return json(400, { error: 'The activity is not valid JSON.' });
      }
      const result = await bot.handle(body, Object.fromEntries(request.headers.entries()));
      return result.body === undefined
        ? { status: result.status, headers: result.headers }
        : { status: result.status, jsonBody: result.body, headers: result.headers };
    } catch (error) {
      return errorResponse(error, request, context);
    }
  };
};
