/**
 * Configuration of the backend (Functions app and the bot it hosts). Parsed once from the
 * environment; a missing or invalid key stops the start with a list of every problem.
 */
import { z } from 'zod';

const csv = z
  .string()
  .transform((s) =>
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
  /** The tab's public base URL, for links in bot cards and notifications. */
  TAB_BASE_URL: z.url(),
  /** The Teams app id (manifest id): links from cards and notifications open the tab inside Teams. */
  TEAMS_APP_ID: z.union([z.uuid(), z.literal('')]).default(''),
  /** Bot identity; leave empty for local runs without Bot Framework authentication. */
  BOT_ID: z.string().default(''),
  BOT_PASSWORD: z.string().default(''),
  BOT_TENANT_ID: z.string().default(''),
  /** Graph endpoint (a local simulator in tests). */
  GRAPH_BASE_URL: z.url().default('https://graph.microsoft.com'),
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
  return result.data;
}
