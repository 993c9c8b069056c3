import type { HttpHandler } from '@azure/functions';
import { createAgent } from '../../../bot/src/agent.js';
import { LOOPBACK_HOSTS, createBotHttpHandler, type BotHttpHandler } from '../../../bot/src/http-adapter.js';
import { DomainError } from '../../../core/src/index.js';
import type { BackendConfig } from '../config.js';
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
import { openOrGetWeb, webAdvice } from '../ambitieweb/service.js';
import type { Services, ServicesProvider } from '../services.js';

/**
 * Why the bot may not run with this configuration: without a bot id only in local development,
 * and local development only on loopback (the runner names the interface; Azure names none).
 */
export function botTrustProblems(config: BackendConfig, botHost: string | undefined): string[] {
  const problems: string[] = [];
  if (!config.BOT_ID && !config.BOT_LOCAL_DEV)
    problems.push('BOT_ID: required (BOT_LOCAL_DEV=1 runs the bot without one, on loopback only)');
  if (config.BOT_LOCAL_DEV && !(botHost && LOOPBACK_HOSTS.includes(botHost.toLowerCase())))
    problems.push(
      `BOT_LOCAL_DEV: only for a bot endpoint listening on loopback (127.0.0.1, ::1, localhost), not on ${botHost ?? 'an unknown interface'}`,
    );
  return problems;
}

export function createBot(services: Services): BotHttpHandler {
  const { config, storage, repos } = services;
  const problems = botTrustProblems(config, services.botHost);
  if (problems.length) {
    throw new DomainError(
      'unavailable',
      {
        nl: 'De bot is niet goed ingesteld en neemt geen berichten aan.',
        en: 'The bot is not configured correctly and accepts no messages.',
      },
      problems,
    );
  }
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
  return createBotHttpHandler(agent, {
    ...(config.BOT_ID
      ? {
          credentials: {
            clientId: config.BOT_ID,
            clientSecret: config.BOT_PASSWORD,
            tenantId: config.BOT_TENANT_ID,
          },
        }
      : {}),
    issuer: config.BOT_AUTH_ISSUER,
    jwksUri: config.BOT_AUTH_JWKS_URI,
    serviceUrlHosts: config.BOT_SERVICE_URL_HOSTS,
    localDevelopment: config.BOT_LOCAL_DEV,
  });
}

/**
 * POST /api/messages: the bot's messaging endpoint. Bot Framework tokens and the activity's
 * serviceUrl are checked inside the handler (bot/src/http-adapter.ts), so the Functions-level
 * auth is anonymous.
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
