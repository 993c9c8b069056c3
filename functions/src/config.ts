/**
 * Configuration of the backend (Functions app and the bot it hosts). Parsed once from the
 * environment; a missing or invalid key stops the start with a list of every problem.
 */
import { z } from 'zod';

const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

const schema = z.object({
  /** Storage connection string (Azurite locally: "UseDevelopmentStorage=true" or an explicit one). */
  AzureWebJobsStorage: z.string().min(10, 'a storage connection string is required'),
  /** Issuer of user tokens: Entra ID (https://login.microsoftonline.com/{tid}/v2.0) or the dev provider. */
  AUTH_ISSUER: z.url(),
  /** Audience of user tokens: the app's client id or its Application ID URI. */
  AUTH_AUDIENCE: csv.pipe(z.array(z.string().min(1)).min(1)),
  /** Where the signing keys are published. */
  AUTH_JWKS_URI: z.url(),
  /** Entra tenants whose users may sign in. */
  AUTH_ALLOWED_TENANTS: csv.pipe(z.array(z.uuid()).min(1)),
  AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
  /** Longest a token may live (exp minus iat); longer-lived tokens are refused whatever their signature. */
  AUTH_MAX_TOKEN_LIFETIME_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 7)
    .default(24),
  /** The tab's public base URL, for links in bot cards and notifications. */
  TAB_BASE_URL: z.url(),
  /** The Teams app id (manifest id): links from cards and notifications open the tab inside Teams. */
  TEAMS_APP_ID: z.union([z.uuid(), z.literal('')]).default(''),
  /**
   * Bot identity. Required, unless BOT_LOCAL_DEV is set for a local run on loopback (the
   * Agents Playground sends no token).
   */
  BOT_ID: z.string().default(''),
  BOT_PASSWORD: z.string().default(''),
  BOT_TENANT_ID: z.string().default(''),
  /**
   * Local development only: the bot accepts activities without a Bot Framework token when no
   * bot id is set, answers loopback service URLs (without a token of its own) and must listen on
   * loopback only. Refused by the Azure Functions entry point.
   */
  BOT_LOCAL_DEV: z
    .enum(['', '0', '1', 'false', 'true'])
    .default('')
    .transform((v) => v === '1' || v === 'true'),
  /** Who signs the tokens of incoming activities, and where its keys are (the Bot Framework). */
  BOT_AUTH_ISSUER: z.string().min(1).default('https://api.botframework.com'),
  BOT_AUTH_JWKS_URI: z.url().default('https://login.botframework.com/v1/.well-known/keys'),
  /**
   * Hosts an activity's serviceUrl may name (the bot posts its replies there): exact hosts, or
   * `*.suffix` for every host under it. The Bot Framework and the Teams channel in every cloud.
   */
  BOT_SERVICE_URL_HOSTS: csv
    .pipe(z.array(z.string().min(1)).min(1))
    .default([
      'smba.trafficmanager.net',
      '*.botframework.com',
      'smba.infra.gcc.teams.microsoft.com',
      'smba.infra.gov.teams.microsoft.us',
      'smba.infra.dod.teams.microsoft.us',
    ]),
  /** Graph endpoint (a local simulator in tests). */
  GRAPH_BASE_URL: z.url().default('https://graph.microsoft.com'),
  /**
   * How the backend gets app-only Graph tokens: `none` (Graph off: nudges go only through the
   * bot, managers' e-mail addresses are kept unverified), `managed-identity`, `client-secret`,
   * or `static` (a fixed token, for a simulator on loopback only).
   */
  GRAPH_AUTH: z.enum(['none', 'managed-identity', 'client-secret', 'static']).default('none'),
  /** The tenant of the managed identity / app registration (client-secret works for every allowed tenant). */
  GRAPH_TENANT_ID: z.union([z.uuid(), z.literal('')]).default(''),
  GRAPH_CLIENT_ID: z.string().default(''),
  GRAPH_CLIENT_SECRET: z.string().default(''),
  GRAPH_STATIC_TOKEN: z.string().default(''),
  /** Time limit of one Graph request, and the in-process retries (429 honours Retry-After; 5xx and timeouts back off with jitter). */
  GRAPH_TIMEOUT_MS: z.coerce.number().int().min(50).max(120_000).default(10_000),
  GRAPH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(4),
  GRAPH_RETRY_BASE_MS: z.coerce.number().int().min(1).max(60_000).default(500),
  /** Longest wait inside one delivery; a longer Retry-After re-plans the nudge for later instead. */
  GRAPH_RETRY_MAX_MS: z.coerce.number().int().min(1).max(600_000).default(30_000),
  /** Graph's limits for activity notifications per app per tenant: 5/s single, 2/s bulk (up to 100 recipients). */
  GRAPH_RATE_SINGLE_PER_SECOND: z.coerce.number().positive().max(1000).default(5),
  GRAPH_RATE_BULK_PER_SECOND: z.coerce.number().positive().max(1000).default(2),
  /**
   * Added to Graph's one-second window by the pace all instances share (in Table storage),
   * for clock differences between the machines of the instances.
   */
  GRAPH_PACE_MARGIN_MS: z.coerce.number().int().min(0).max(5000).default(20),
  /** Identical notifications to at least this many people go out as one bulk request. */
  NUDGE_BULK_MIN_RECIPIENTS: z.coerce.number().int().min(2).max(100).default(5),
  /** The app's id in the organisation's app catalog; when set, the app is installed for a recipient who lacks it. */
  TEAMS_CATALOG_APP_ID: z.string().default(''),
  /** NCRONTAB schedule of the nudge timer (plans, dispatches and sweeps). */
  NUDGE_DISPATCH_SCHEDULE: z.string().default('0 */5 * * * *'),
  /** Must match host.json's queues.maxDequeueCount: the last attempt marks the nudge failed. */
  NUDGE_MAX_DEQUEUE_COUNT: z.coerce.number().int().min(1).max(100).default(5),
  /** How long one delivery attempt may hold a nudge before another worker may take it over. */
  NUDGE_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
  /** A queued nudge whose message is gone (queue empty) for this long is queued again. */
  NUDGE_REQUEUE_AFTER_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /**
   * Other systems that may upsert tenders with an app token: `clientId=municipality|municipality,...`.
   * The token must carry the app role TENDER_API_ROLE.
   */
  TENDER_API_CLIENTS: z
    .string()
    .default('')
    .transform((s, ctx) => {
      const map = new Map<string, string[]>();
      for (const entry of s
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean)) {
        const [client, municipalities] = entry.split('=').map((x) => x.trim());
        const ids = (municipalities ?? '')
          .split('|')
          .map((m) => m.trim())
          .filter(Boolean);
        if (
          !client ||
          !/^[0-9a-f-]{36}$/i.test(client) ||
          ids.length === 0 ||
          ids.some((m) => !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(m))
        ) {
          ctx.addIssue({ code: 'custom', message: `"${entry}" is not clientId=municipality|municipality` });
          continue;
        }
        map.set(client.toLowerCase(), ids);
      }
      return map;
    }),
  TENDER_API_ROLE: z.string().min(1).default('Tenders.ReadWrite.All'),
  /** Check-in opens this many minutes before a session starts (and closes at its end). */
  SESSION_CHECKIN_MARGIN_MINUTES: z.coerce.number().int().min(0).max(120).default(15),
  /**
   * Wrong check-in codes a person may give in any SESSION_CHECKIN_WINDOW_MINUTES (both routes
   * and the bot together); the attempt after that is refused with 429 until the oldest ages out.
   */
  SESSION_CHECKIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  SESSION_CHECKIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** Months after a session until its attendance and feedback are anonymised, unless the municipality's MVI team sets its own. */
  SESSION_RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(24),
  /** NCRONTAB schedules of the retention timer (daily) and of the feedback requests after sessions. */
  SESSION_RETENTION_SCHEDULE: z.string().default('0 30 2 * * *'),
  SESSION_FEEDBACK_SCHEDULE: z.string().default('0 */15 * * * *'),
  /** NCRONTAB schedule of the reminders of questions to the MVI team nobody took (working days, 9:00). */
  EXPERT_REMINDER_SCHEDULE: z.string().default('0 0 9 * * 1-5'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type BackendConfig = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the given environment (default: process.env), listing every problem at once. */
export function loadBackendConfig(env: Record<string, string | undefined> = process.env): BackendConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  if (result.data.BOT_ID && !result.data.BOT_TENANT_ID) {
    throw new ConfigError(['BOT_TENANT_ID: required when BOT_ID is set']);
  }
  const graph = graphProblems(result.data);
  if (graph.length) throw new ConfigError(graph);
  return result.data;
}

function graphProblems(c: BackendConfig): string[] {
  const problems: string[] = [];
  if (c.GRAPH_AUTH === 'client-secret') {
    if (!c.GRAPH_CLIENT_ID) problems.push('GRAPH_CLIENT_ID: required when GRAPH_AUTH=client-secret');
    if (!c.GRAPH_CLIENT_SECRET) problems.push('GRAPH_CLIENT_SECRET: required when GRAPH_AUTH=client-secret');
  }
  if (c.GRAPH_AUTH === 'managed-identity' && !c.GRAPH_TENANT_ID)
    problems.push('GRAPH_TENANT_ID: required when GRAPH_AUTH=managed-identity');
  if (c.GRAPH_AUTH === 'static') {
    if (!c.GRAPH_STATIC_TOKEN) problems.push('GRAPH_STATIC_TOKEN: required when GRAPH_AUTH=static');
    const host = new URL(c.GRAPH_BASE_URL).hostname;
    if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host))
      problems.push('GRAPH_AUTH: static tokens are only for a Graph simulator on loopback');
  }
  return problems;
}
