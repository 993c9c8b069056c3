import type { HttpHandler } from '@azure/functions';
import { createAgent } from '../../../bot/src/agent.js';
import { createBotHttpHandler, type BotHttpHandler } from '../../../bot/src/http-adapter.js';
import {
  createAdviceRecords,
  createConversationReferences,
  createFeedbackStore,
} from '../storage/bot-stores.js';
import { createConversationMemory } from '../storage/conversation-memory.js';
import { expertDeskFor } from '../experts/desk.js';
import { errorResponse, json, languageOf, readText } from '../http/respond.js';
import { createLinks } from '../links.js';
import { recordMvi } from '../monitoring/service.js';
import { neighboursForAdvice } from '../neighbours/service.js';
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
    memory: createConversationMemory(storage, services.clock),
    experts: expertDeskFor(services),
    feedback: createFeedbackStore(storage),
    conversations: createConversationReferences(storage),
    links: createLinks(config),
    sessionActions: services.sessions.actions,
    tenderActions: {
      recordMvi: async (principal, reference, body) =>
        (await recordMvi(services, principal, reference, body, undefined)).tender,
    },
    neighbours: (municipalityId, advice, request, lang) =>
      neighboursForAdvice(services, municipalityId, advice, request.estimatedValueEur, lang),
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
      const text = await readText(request);
      let body: unknown;
      try {
        body = text.trim() ? JSON.parse(text) : undefined;
      } catch {
        return json(400, {
          error: {
            code: 'validation',
            message:
              languageOf(request) === 'en'
                ? 'The activity is not valid JSON.'
                : 'De activiteit is geen geldige JSON.',
          },
        });
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
