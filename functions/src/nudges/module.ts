/**
 * The tender pipeline and nudges, composed once per process: Graph (per tenant), the paced
 * activity feed, the directory, the stores, the proactive bot sender, the timer and the
 * queue worker. Nothing here does I/O until it is used.
 */
import type { AdviceRecords, BotLinks, ConversationReferences } from '../../../bot/src/ports.js';
import type { AdviceEngine } from '../../../core/src/engine/advise.js';
import type { Clock, MunicipalityRepository, Tender } from '../../../core/src/index.js';
import {
  DEFAULT_NUDGE_PLAN,
  type NudgePlan,
  type NudgeRecord,
  type NudgeRepository,
  type NudgeSettingsRepository,
  type UserDirectory,
} from '../../../core/src/nudges/index.js';
import type { BackendConfig } from '../config.js';
import { createActivityFeed, type ActivityFeed } from '../graph/activity-feed.js';
import { createUserDirectory } from '../graph/directory.js';
import { createGraphGateway, type GraphGateway } from '../graph/gateway.js';
import { createSharedPace } from '../storage/graph-pace.js';
import { createNudgeRepository, createNudgeSettings } from '../storage/nudge-store.js';
import { QUEUES, TABLES, type Storage } from '../storage/storage.js';
import { createTenderStore, type TenderStore } from '../storage/tender-store.js';
import { deliverNudge, type DelivererDeps, type DeliveryResult } from './deliverer.js';
import { replanTender, runNudgeTimer, type TimerReport } from './dispatcher.js';
import { createProactiveSender, type ProactiveSender } from './proactive.js';

export interface NudgeModuleDeps {
  config: BackendConfig;
  storage: Storage;
  municipalities: MunicipalityRepository;
  clock: Clock;
  engine: AdviceEngine;
  links: BotLinks;
  conversations: ConversationReferences;
  adviceRecords: AdviceRecords;
  /** Replaces the Agents SDK sender (tests). */
  proactive?: ProactiveSender;
  /** The neighbours' block for the nudge's advice card (absent: none). */
  neighbours?: DelivererDeps['neighbours'];
  /** Each theme's level from the tender's Ambitieweb, for the nudge's advice card (absent: the single level). */
  themeAmbition?: DelivererDeps['themeAmbition'];
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export interface NudgeModule {
  readonly graph: GraphGateway;
  /** Undefined when Graph is not configured. */
  readonly feed: ActivityFeed | undefined;
  /** Undefined when Graph is not configured (e-mail addresses are then kept unverified). */
  readonly directory: UserDirectory | undefined;
  readonly store: NudgeRepository;
  readonly settings: NudgeSettingsRepository;
  readonly tenders: TenderStore;
  planFor(municipalityId: string): Promise<NudgePlan>;
  /** Re-plans one tender's nudges now; returns all of its nudges. */
  replan(tender: Tender): Promise<NudgeRecord[]>;
  runTimer(): Promise<TimerReport>;
  deliver(message: unknown, meta: { dequeueCount: number }): Promise<DeliveryResult>;
}

export function createNudgeModule(deps: NudgeModuleDeps): NudgeModule {
  const { config, storage } = deps;
  const log =
    deps.log ?? ((level, message) => (level === 'info' ? console.log(message) : console[level](message)));
  const graph = createGraphGateway(config, (m) => log('info', m));
  const feed = graph.configured
    ? createActivityFeed({
        graphFor: (tenantId) => graph.forTenant(tenantId),
        retry: graph.retry,
        singlePerSecond: config.GRAPH_RATE_SINGLE_PER_SECOND,
        bulkPerSecond: config.GRAPH_RATE_BULK_PER_SECOND,
        bulkMinRecipients: config.NUDGE_BULK_MIN_RECIPIENTS,
        catalogAppId: config.TEAMS_CATALOG_APP_ID || undefined,
        graphOrigin: new URL(config.GRAPH_BASE_URL).origin,
        // Graph's limits are per app per tenant: every instance keeps one pace through storage.
        paceFor: (tenantId, limit, perSecond) =>
          createSharedPace({
            table: storage.table(TABLES.graphPace),
            tenantId,
            name: limit,
            perSecond,
            marginMs: config.GRAPH_PACE_MARGIN_MS,
            requestTimeoutMs: config.GRAPH_TIMEOUT_MS,
          }),
        log: (m) => log('warn', m),
      })
    : undefined;
  const directory = graph.configured
    ? createUserDirectory((tenantId) => graph.forTenant(tenantId), graph.retry)
    : undefined;
  const store = createNudgeRepository(storage);
  const settings = createNudgeSettings(storage);
  const tenders = createTenderStore(storage);
  const proactive =
    deps.proactive ??
    createProactiveSender(
      config.BOT_ID
        ? { clientId: config.BOT_ID, clientSecret: config.BOT_PASSWORD, tenantId: config.BOT_TENANT_ID }
        : undefined,
      { serviceUrlHosts: config.BOT_SERVICE_URL_HOSTS, localDevelopment: config.BOT_LOCAL_DEV },
    );
  const planFor = async (municipalityId: string): Promise<NudgePlan> =>
    (await settings.getPlan(municipalityId)) ?? DEFAULT_NUDGE_PLAN;

  return {
    graph,
    feed,
    directory,
    store,
    settings,
    tenders,
    planFor,
    async replan(tender) {
      const municipality = await deps.municipalities.get(tender.municipalityId);
      if (!municipality) return [];
      return replanTender({ store, planFor }, tender, municipality, deps.clock.now());
    },
    runTimer: () =>
      runNudgeTimer(
        {
          municipalities: deps.municipalities,
          tenders,
          store,
          settings,
          queue: storage.queue(QUEUES.nudges),
          planFor,
          requeueAfterMinutes: config.NUDGE_REQUEUE_AFTER_MINUTES,
          log: (level, message) => log(level, message),
        },
        deps.clock.now(),
      ),
    deliver: (message, meta) =>
      deliverNudge(
        {
          store,
          settings,
          tenders,
          feed,
          graphFor: (tenantId) => graph.forTenant(tenantId) !== undefined,
          directory,
          conversations: deps.conversations,
          adviceRecords: deps.adviceRecords,
          ...(deps.neighbours ? { neighbours: deps.neighbours } : {}),
          ...(deps.themeAmbition ? { themeAmbition: deps.themeAmbition } : {}),
          proactive,
          engine: deps.engine,
          links: deps.links,
          planFor,
          now: () => deps.clock.now(),
          leaseSeconds: config.NUDGE_LEASE_SECONDS,
          maxDequeueCount: config.NUDGE_MAX_DEQUEUE_COUNT,
          maxInProcessDelayMs: config.GRAPH_RETRY_MAX_MS,
          log,
        },
        message,
        meta,
      ),
  };
}
