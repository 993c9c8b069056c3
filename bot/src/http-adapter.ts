/**
 * Runs the agent for one HTTP request, independent of the web framework: the Functions
 * handler and the local host both call `handle`.
 *
 * Before the agent sees an activity, this module decides whether to trust it:
 * - with a bot id, the request must carry a token of the Bot Framework (signature against
 *   its JWKS, issuer, audience the bot id, expiry) whose `serviceurl` claim is the activity's
 *   `serviceUrl`;
 * - without a bot id, only in local development (the caller checked that the endpoint listens
 *   on loopback), activities come without a token, as from the Agents Playground;
 * - in both cases the `serviceUrl`, where the bot posts its replies and later its proactive
 *   messages, must be on the allow-list of Bot Framework / Teams hosts (in local development
 *   loopback too). Only checked service URLs reach the agent, and so the stored conversation
 *   references.
 */
import {
  CloudAdapter,
  createOutboundHostValidator,
  type AuthConfiguration,
  type AuthProvider,
  type Connections,
  type OutboundHostValidator,
  type Request,
  type WebResponse,
} from '@microsoft/agents-hosting';
import type { AgentApplication, TurnState } from '@microsoft/agents-hosting';
import { createRemoteJWKSet, jwtVerify, errors as joseErrors, type JWTPayload } from 'jose';
import { z } from 'zod';
import { DomainError, forbidden, unauthenticated, validationError } from '../../core/src/index.js';

export interface BotCredentials {
  clientId: string;
  clientSecret: string;
  tenantId: string;
}

export interface BotTrust {
  /** The bot's identity; absent only in local development. */
  credentials?: BotCredentials;
  /** Issuer and keys of the tokens on incoming activities (the Bot Framework's in Azure). */
  issuer: string;
  jwksUri: string;
  /** Hosts a serviceUrl may name: exact hosts or `*.suffix`. */
  serviceUrlHosts: readonly string[];
  /**
   * Local development on loopback: no token needed without a bot id, loopback service URLs
   * allowed (answered without a token of the bot's own: a local connector has no Entra).
   */
  localDevelopment: boolean;
  /** Bot Framework tokens: 5 minutes of clock tolerance. */
  clockToleranceSeconds?: number;
}

export interface BotHttpResult {
  status: number;
  body?: unknown;
  headers: Record<string, string>;
}

class CollectingResponse implements WebResponse {
  statusCode = 200;
  body: unknown;
  headers: Record<string, string> = {};
  headersSent = false;
  writableEnded = false;
  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  setHeader(name: string, value: string): this {
    this.headers[name.toLowerCase()] = value;
    return this;
  }
  send(body?: unknown): this {
    this.body = body;
    return this;
  }
  end(): this {
    this.writableEnded = true;
    return this;
  }
}

export interface BotHttpHandler {
  handle(body: unknown, headers: Record<string, string>): Promise<BotHttpResult>;
}

export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]', '::1'];

/** The fields the bot relies on, with the types it relies on; the rest passes through. */
const activitySchema = z.looseObject({
  type: z.string().min(1).max(100),
  serviceUrl: z.string().min(1).max(2048),
  channelId: z.string().max(100).optional(),
  id: z.string().max(1000).optional(),
  text: z.string().max(100_000).optional(),
  locale: z.string().max(100).optional(),
  from: z.looseObject({ id: z.string().max(1000), aadObjectId: z.string().max(100).optional() }).optional(),
  recipient: z.looseObject({ id: z.string().max(1000) }).optional(),
  conversation: z.looseObject({
    id: z.string().min(1).max(1000),
    conversationType: z.string().max(100).optional(),
    tenantId: z.string().max(100).optional(),
  }),
  membersAdded: z.array(z.looseObject({ id: z.string().max(1000) })).optional(),
  membersRemoved: z.array(z.looseObject({ id: z.string().max(1000) })).optional(),
  entities: z.array(z.looseObject({})).optional(),
  value: z.unknown().optional(),
});

const notTrusted = unauthenticated({
  nl: 'Dit bericht komt niet aantoonbaar van Microsoft Teams en wordt niet verwerkt.',
  en: 'This message does not provably come from Microsoft Teams and is not processed.',
});

const foreignServiceUrl = forbidden({
  nl: 'Het serviceUrl van dit bericht is geen adres van Microsoft Teams of de Bot Framework; de bot antwoordt daar niet.',
  en: 'The serviceUrl of this message is not an address of Microsoft Teams or the Bot Framework; the bot does not answer there.',
});

/** Compares two service URLs as URLs (host case, default port and a trailing slash do not matter). */
function sameServiceUrl(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    const path = (u: URL): string => u.pathname.replace(/\/+$/, '').toLowerCase();
    return x.protocol === y.protocol && x.host === y.host && path(x) === path(y);
  } catch {
    return false;
  }
}

/**
 * The outbound policy: a host on the list, over https; loopback (any port, http allowed) only
 * in local development. The SDK's validator applies the same list inside the adapter too.
 */
export function createServiceUrlPolicy(trust: Pick<BotTrust, 'serviceUrlHosts' | 'localDevelopment'>): {
  validator: OutboundHostValidator;
  isAllowed(serviceUrl: string): boolean;
} {
  const hosts = [...trust.serviceUrlHosts, ...(trust.localDevelopment ? LOOPBACK_HOSTS : [])];
  const validator = createOutboundHostValidator({
    enabled: true,
    includeDefaultMicrosoftHosts: false,
    hosts,
  });
  return {
    validator,
    isAllowed(serviceUrl) {
      let url: URL;
      try {
        url = new URL(serviceUrl);
      } catch {
        return false;
      }
      if (url.username || url.password) return false;
      const loopback = LOOPBACK_HOSTS.includes(url.hostname.toLowerCase());
      if (loopback && !trust.localDevelopment) return false;
      if (url.protocol !== 'https:' && !(loopback && url.protocol === 'http:')) return false;
      return validator.isAllowed(url);
    },
  };
}

/** Outbound calls of local development go to a loopback connector, without a token. */
function loopbackConnections(): Connections {
  const provider = {
    getAccessToken: () => Promise.resolve(''),
    getAgenticApplicationToken: () => Promise.resolve(''),
    getAgenticInstanceToken: () => Promise.resolve(''),
    getAgenticUserToken: () => Promise.resolve(''),
    acquireTokenOnBehalfOf: () => Promise.resolve(''),
  } as unknown as AuthProvider;
  return {
    getConnection: () => provider,
    getDefaultConnection: () => provider,
    getTokenProvider: () => provider,
    getTokenProviderFromActivity: () => provider,
    getDefaultConnectionConfiguration: () => ({}),
  };
}

export function createBotHttpHandler(agent: AgentApplication<TurnState>, trust: BotTrust): BotHttpHandler {
  const { credentials } = trust;
  if (!credentials && !trust.localDevelopment) {
    throw new Error('The bot needs a bot id (BOT_ID) unless it runs for local development on loopback.');
  }
  const authConfig: AuthConfiguration = credentials
    ? {
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        tenantId: credentials.tenantId,
      }
    : {};
  const policy = createServiceUrlPolicy(trust);
  const adapter = new CloudAdapter(
    authConfig,
    undefined,
    undefined,
    { validateServiceUrl: true },
    policy.validator,
  );
  // The agent's onError is set on the agent's own adapter; turns run through this one, whose
  // default handler would send the SDK's English "The agent encountered an error or bug."
  adapter.onTurnError = agent.adapter.onTurnError;
  if (credentials && trust.localDevelopment) adapter.connectionManager = loopbackConnections();
  const jwks = createRemoteJWKSet(new URL(trust.jwksUri), {
    timeoutDuration: 5000,
    cooldownDuration: 30_000,
  });

  async function verify(authorization: string | undefined, botId: string): Promise<JWTPayload> {
    const match = /^Bearer\s+([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+)$/.exec(
      authorization?.trim() ?? '',
    );
    if (!match?.[1]) throw notTrusted;
    try {
      const { payload } = await jwtVerify(match[1], jwks, {
        issuer: trust.issuer,
        audience: botId,
        algorithms: ['RS256'],
        clockTolerance: trust.clockToleranceSeconds ?? 300,
        requiredClaims: ['exp', 'serviceurl'],
      });
      return payload;
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) {
        throw new DomainError('unauthenticated', notTrusted.userMessage, [error.code], { cause: error });
      }
      throw new DomainError(
        'unavailable',
        {
          nl: 'Het bericht kan nu niet worden gecontroleerd. Probeer het zo opnieuw.',
          en: 'The message cannot be checked right now. Please try again shortly.',
        },
        [],
        { cause: error },
      );
    }
  }

  return {
    async handle(body, headers) {
      const res = new CollectingResponse();
      // The Agents Playground sends one request with an empty body: acknowledge it.
      if (
        body === undefined ||
        body === null ||
        (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0)
      ) {
        return { status: 200, headers: {} };
      }
      // The token first: nothing of an untrusted request is looked at beyond this.
      const identity = credentials ? await verify(headers['authorization'], credentials.clientId) : undefined;
      if (typeof body !== 'object' || Array.isArray(body)) {
        throw validationError({
          nl: 'Een activiteit (activity) moet een JSON-object zijn.',
          en: 'An activity must be a JSON object.',
        });
      }
      const parsed = activitySchema.safeParse(body);
      if (!parsed.success) {
        throw validationError(
          {
            nl: 'Deze activiteit (activity) mist velden of heeft velden van het verkeerde type.',
            en: 'This activity lacks fields or has fields of the wrong type.',
          },
          parsed.error.issues.map((i) => `${i.path.join('.') || '(activity)'}: ${i.message}`),
        );
      }
      const activity = parsed.data;
      if (identity && !sameServiceUrl(String(identity['serviceurl']), activity.serviceUrl)) throw notTrusted;
      if (!policy.isAllowed(activity.serviceUrl)) throw foreignServiceUrl;
      const req: Request = {
        body: activity,
        headers,
        method: 'POST',
        user: identity ?? { name: 'anonymous' },
      };
      await adapter.process(req, res, (context) => agent.run(context));
      return { status: res.statusCode, body: res.body, headers: res.headers };
    },
  };
}
