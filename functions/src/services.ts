/**
 * The composition root of the backend: configuration, storage, repositories and the
 * authenticator, created once per process (per Functions worker, or per local host).
 */
import { loadCatalogue } from '../../content/index.js';
import type { Catalogue } from '../../core/src/catalogue/catalogue.js';
import { AdviceEngine } from '../../core/src/engine/advise.js';
import { systemClock, type Clock } from '../../core/src/index.js';
import { createAuthenticator, type Authenticator } from './auth/authenticator.js';
import { loadBackendConfig, type BackendConfig } from './config.js';
import { createLinks } from './links.js';
import { neighboursForAdvice } from './neighbours/service.js';
import { webAdvice } from './ambitieweb/service.js';
import { createNeighbourStore, type NeighbourStore } from './neighbours/store.js';
import { createNudgeModule, type NudgeModule } from './nudges/module.js';
import { createSessionModule, type SessionModule } from './sessions/module.js';
import { createAdviceRecords, createConversationReferences } from './storage/bot-stores.js';
import { createRepositories } from './storage/repositories.js';
import { createStorage, ensureStorage, type Storage } from './storage/storage.js';

export interface Services {
  readonly config: BackendConfig;
  readonly storage: Storage;
  readonly repos: ReturnType<typeof createRepositories>;
  readonly auth: Authenticator;
  readonly clock: Clock;
  readonly catalogue: Catalogue;
  readonly engine: AdviceEngine;
  /** The tender pipeline's nudges: Graph, stores, timer and queue worker (created on first use). */
  readonly nudges: NudgeModule;
  /** Sessions, registrations, attendance, feedback, reach and privacy (created on first use). */
  readonly sessions: SessionModule;
  /** The region's summary of recorded tenders and the sharing choices ("ga kijken bij de buren"). */
  readonly neighbours: NeighbourStore;
  /**
   * The interface the bot's messaging endpoint listens on, when the runner knows it (the local
   * host); unknown in Azure. Local development mode of the bot needs it to be loopback.
   */
  readonly botHost: string | undefined;
  /** Resolves once tables and queues exist; retried on the next call after a failure. */
  ready(): Promise<void>;
}

export interface Deployment {
  /** See `Services.botHost`. */
  botHost?: string;
}

export function createServices(
  config: BackendConfig,
  clock: Clock = systemClock,
  deployment: Deployment = {},
): Services {
  const storage = createStorage(config.AzureWebJobsStorage);
  const repos = createRepositories(storage);
  const auth = createAuthenticator({
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    jwksUri: config.AUTH_JWKS_URI,
    allowedTenants: config.AUTH_ALLOWED_TENANTS,
    clockToleranceSeconds: config.AUTH_CLOCK_TOLERANCE_SECONDS,
    maxLifetimeSeconds: config.AUTH_MAX_TOKEN_LIFETIME_HOURS * 3600,
    members: repos.members,
  });
  const catalogue = loadCatalogue();
  const engine = new AdviceEngine(catalogue);
  let ready: Promise<void> | undefined;
  let nudges: NudgeModule | undefined;
  let sessions: SessionModule | undefined;
  return {
    config,
    storage,
    repos,
    auth,
    clock,
    catalogue,
    engine,
    neighbours: createNeighbourStore(storage),
    botHost: deployment.botHost,
    get nudges() {
      return (nudges ??= createNudgeModule({
        config,
        storage,
        municipalities: repos.municipalities,
        clock,
        engine,
        links: createLinks(config),
        conversations: createConversationReferences(storage),
        adviceRecords: createAdviceRecords(storage, clock),
        neighbours: (municipalityId, advice, value, lang) =>
          neighboursForAdvice(this, municipalityId, advice, value, lang),
        themeAmbition: async (tender, lang) =>
          (await webAdvice(this, tender.municipalityId, lang, { tender })).request,
      }));
    },
    get sessions() {
      return (sessions ??= createSessionModule({
        config,
        storage,
        municipalities: repos.municipalities,
        members: repos.members,
        clock,
        links: createLinks(config),
        graph: () => this.nudges.graph,
        feed: () => this.nudges.feed,
      }));
    },
    ready() {
      ready ??= ensureStorage(storage).catch((error: unknown) => {
        ready = undefined;
        throw error;
      });
      return ready;
    },
  };
}

export type ServicesProvider = () => Services;

/** Services from process.env, created on first use (configuration is checked then). */
export function servicesFromEnvironment(): ServicesProvider {
  let services: Services | undefined;
  return () => (services ??= createServices(loadBackendConfig()));
}
