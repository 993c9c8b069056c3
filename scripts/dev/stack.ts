/**
 * The whole app on one machine: Azurite, the development identity provider, the backend
 * (the same function definitions as in Azure) with the bot endpoint, the tab, and seeded
 * demo data. `npm start` and the integration tests both start it through `startStack`.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createServer as createViteServer, type Plugin, type ViteDevServer } from 'vite';
import { systemClock, type Clock } from '../../core/src/index.js';
import { ConfigError, loadBackendConfig } from '../../functions/src/config.js';
import { botTrustProblems } from '../../functions/src/functions/messages.js';
import { startLocalHost, type LocalHost } from '../../functions/src/local-host.js';
import { buildFunctions } from '../../functions/src/registry.js';
import { createServices, type Services } from '../../functions/src/services.js';
import { createToolboxItemStore } from '../../functions/src/storage/toolbox-items.js';
import { sessionKey } from '../../functions/src/storage/session-store.js';
import { startAzurite, type Azurite } from './azurite.js';
import { DEMO_TENANT_ID, DEMO_USERS } from './demo-data.js';
import { startDevIdentityProvider, type DevIdentityProvider } from './identity-provider.js';
import { freePort } from './ports.js';
import { seedDemoData } from './seed.js';
import { syncNeighbourRecord } from '../../functions/src/neighbours/service.js';
import { tabContentSecurityPolicy } from './tab-csp.js';

export const DEV_AUDIENCE = 'api://localhost/mvi-companion';
export const ROOT = join(new URL('.', import.meta.url).pathname, '../..');

export interface StackPorts {
  blob: number;
  queue: number;
  table: number;
  idp: number;
  functions: number;
  bot: number;
  tab: number;
}

export const DEFAULT_PORTS: StackPorts = {
  blob: 10000,
  queue: 10001,
  table: 10002,
  idp: 7073,
  functions: 7071,
  bot: 3978,
  tab: 53000,
};

export interface StackOptions {
  /** Ports; 0 picks a free one. */
  ports: StackPorts;
  host?: string;
  /** Folder for Azurite data; in memory when absent. */
  dataDir?: string;
  tab?: boolean;
  seed?: boolean;
  /** Also seed sessions that took place, with attendance (`npm start`; tests leave it out). */
  demoHistory?: boolean;
  timers?: boolean;
  clock?: Clock;
  /**
   * 'local': the project's local host runs the function definitions (default).
   * 'external': the caller runs the backend (e.g. `func start`) with `backendSettings`.
   */
  backend?: 'local' | 'external';
  /** Serve the tab over https (Teams frames only https pages): PEM file contents. */
  https?: { cert: string; key: string };
  /** The tab's runtime configuration (default: the development identity provider). */
  tabConfig?: Record<string, unknown>;
  /** Extra backend settings (e.g. GRAPH_BASE_URL of a simulator). */
  env?: Record<string, string>;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export interface Stack {
  readonly urls: { api: string; bot: string; tab?: string; idp: string; storage: string };
  readonly idp: DevIdentityProvider;
  readonly services: Services;
  readonly host: LocalHost | undefined;
  /** The app settings the backend runs with (for local.settings.json under Core Tools). */
  readonly backendSettings: Record<string, string>;
  readonly connectionString: string;
  /** Storage outages on cue (tests): stop Azurite, and start a fresh one on the same ports. */
  readonly storage: { stop(): Promise<void>; restart(): Promise<void> };
  stop(): Promise<void>;
}

/**
 * Picks free ports for the services asked to run on port 0 that must know their port before
 * they start (Azurite, the tab, an external Functions host), each a different one. Servers of
 * our own (`keepZero`) listen on port 0 themselves and report the port the OS gave them: no
 * window in which another process can take it.
 */
async function resolvePorts(
  ports: StackPorts,
  host: string,
  keepZero: readonly (keyof StackPorts)[],
): Promise<StackPorts> {
  const out = { ...ports };
  const taken = new Set(Object.values(ports).filter((p) => p !== 0));
  for (const key of Object.keys(out) as (keyof StackPorts)[]) {
    if (out[key] !== 0 || keepZero.includes(key)) continue;
    let port = await freePort(host);
    while (taken.has(port)) port = await freePort(host);
    taken.add(port);
    out[key] = port;
  }
  return out;
}

/** Serves the tab's runtime configuration for the local stack, every response under the tab's CSP. */
function runtimeConfigPlugin(config: Record<string, unknown>, csp: string): Plugin {
  return {
    name: 'mvi-runtime-config',
    configureServer(server) {
      server.middlewares.use((_req, res, next) => {
        res.setHeader('content-security-policy', csp);
        res.setHeader('x-content-type-options', 'nosniff');
        next();
      });
      server.middlewares.use('/config.json', (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.setHeader('cache-control', 'no-store');
        res.end(JSON.stringify(config));
      });
    },
  };
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  const ports = await resolvePorts(
    options.ports,
    host,
    options.backend === 'external' ? ['idp'] : ['idp', 'functions', 'bot'],
  );
  const cleanup: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const fn of cleanup.reverse()) {
      await fn().catch((error: unknown) => log('warn', `stopping: ${String(error)}`));
    }
  };

  try {
    const azuriteOptions = {
      host,
      blobPort: ports.blob,
      queuePort: ports.queue,
      tablePort: ports.table,
      ...(options.dataDir ? { location: options.dataDir } : {}),
    };
    let azurite: Azurite | undefined = await startAzurite(azuriteOptions);
    const { connectionString } = azurite;
    const stopStorage = async (): Promise<void> => {
      const running = azurite;
      azurite = undefined;
      await running?.stop();
    };
    cleanup.push(stopStorage);

    const idp = await startDevIdentityProvider({
      host,
      port: ports.idp,
      tenantId: DEMO_TENANT_ID,
      audience: DEV_AUDIENCE,
      users: DEMO_USERS,
    });
    cleanup.push(() => idp.close());

    const tabUrl = `${options.https ? 'https' : 'http'}://localhost:${ports.tab}`;
    const backendSettings: Record<string, string> = {
      AzureWebJobsStorage: connectionString,
      AUTH_ISSUER: idp.issuerTemplate,
      AUTH_AUDIENCE: DEV_AUDIENCE,
      AUTH_JWKS_URI: idp.jwksUri,
      AUTH_ALLOWED_TENANTS: DEMO_TENANT_ID,
      TAB_BASE_URL: tabUrl,
      // The bot on loopback: without a bot id it takes the Playground's activities without a
      // token; with one (tests), tokens come from the development identity provider.
      BOT_LOCAL_DEV: '1',
      BOT_AUTH_ISSUER: idp.botIssuer,
      BOT_AUTH_JWKS_URI: idp.jwksUri,
      ...options.env,
    };
    const config = loadBackendConfig(backendSettings);
    const botProblems = botTrustProblems(config, host);
    if (botProblems.length) throw new ConfigError(botProblems);
    const services = createServices(config, options.clock ?? systemClock, { botHost: host });
    await services.ready();
    if (options.seed !== false) {
      const toolboxItems = createToolboxItemStore(services.storage);
      const seeded = await seedDemoData(
        {
          ...services.repos,
          recordNeighbour: (t) => syncNeighbourRecord(services, undefined, t),
          shareIfUnset: async ({ municipalityId, level, contact }) => {
            const m = await services.repos.municipalities.get(municipalityId);
            if (!m || (await services.neighbours.sharingOf(m.regionId)).has(municipalityId)) return;
            await services.neighbours.setSharing(m.regionId, municipalityId, {
              settings: { level, ...(contact ? { contact } : {}) },
              updatedAt: services.clock.now().toISOString(),
              updatedBy: 'seed',
            });
          },
          createToolboxItemIfMissing: async (item) => {
            if (!(await toolboxItems.get(item.municipalityId, item.regionId, item.id)))
              await toolboxItems.create(item);
          },
          ...(options.demoHistory
            ? {
                recordAttendance: async (record, session) => {
                  const key = sessionKey(session);
                  // Idempotent: a record that exists (a re-seed of a persisted store) stays as it is.
                  await services.sessions.deps.attendance.change(
                    key,
                    record.userId,
                    (existing) => existing ?? record,
                  );
                },
              }
            : {}),
        },
        services.clock,
      );
      log(
        'info',
        `seeded demo data: ${seeded.users} users, ${seeded.tenders} tenders, ${seeded.sessions} sessions`,
      );
    }

    let localHost: LocalHost | undefined;
    let apiUrl = `http://localhost:${ports.functions}/api`;
    let botBase = `http://localhost:${ports.bot}/api`;
    if (options.backend !== 'external') {
      const started = await startLocalHost({
        functions: buildFunctions(() => services),
        listeners: [
          { host, port: ports.functions },
          { host, port: ports.bot, only: ['messages'] },
        ],
        queue: (name) => services.storage.queue(name),
        timers: options.timers ?? true,
        log,
      });
      localHost = started;
      cleanup.push(() => started.close());
      [apiUrl, botBase] = started.urls as [string, string];
      ports.functions = Number(new URL(apiUrl).port);
      ports.bot = Number(new URL(botBase).port);
    }

    let vite: ViteDevServer | undefined;
    if (options.tab !== false) {
      // One nonce per dev server for Vite's inline preamble; a production build has no inline script.
      const nonce = randomBytes(18).toString('base64');
      vite = await createViteServer({
        html: { cspNonce: nonce },
        configFile: join(ROOT, 'tab/vite.config.ts'),
        root: join(ROOT, 'tab'),
        logLevel: 'warn',
        clearScreen: false,
        server: {
          host,
          port: ports.tab,
          strictPort: true,
          ...(options.https ? { https: options.https } : {}),
          proxy: {
            '/api': { target: `http://${host}:${ports.functions}`, changeOrigin: false },
            '/dev-idp': { target: idp.url, rewrite: (p) => p.replace(/^\/dev-idp/, '') },
          },
        },
        plugins: [
          runtimeConfigPlugin(
            options.tabConfig ?? { apiBaseUrl: '/api', auth: { mode: 'dev', idpUrl: '/dev-idp' } },
            tabContentSecurityPolicy({ scriptNonce: nonce }),
          ),
        ],
      });
      await vite.listen().catch((error: NodeJS.ErrnoException) => {
        throw error.code === 'EADDRINUSE'
          ? new Error(`Port ${ports.tab} is already in use (tab). Choose another with TAB_PORT.`)
          : error;
      });
      const server = vite;
      cleanup.push(() => server.close());
    }

    return {
      urls: {
        api: apiUrl,
        bot: `${botBase}/messages`,
        ...(vite ? { tab: tabUrl } : {}),
        idp: idp.url,
        storage: `http://${host}:${ports.table} (tables), http://${host}:${ports.queue} (queues)`,
      },
      idp,
      services,
      host: localHost,
      backendSettings,
      connectionString,
      storage: {
        stop: stopStorage,
        async restart() {
          await stopStorage();
          azurite = await startAzurite(azuriteOptions);
        },
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
