/**
 * The local development identity provider: issues Entra-shaped access tokens (RS256) for the
 * demo users from its own key pair, publishes the JWKS and an OpenID configuration. The
 * backend trusts it only because its configuration names this issuer. It refuses to listen
 * on anything but loopback.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import { ROLES, type Role } from '../../core/src/index.js';
import type { DemoUser } from './demo-data.js';

export interface DevIdentityProviderOptions {
  host: string;
  port: number;
  tenantId: string;
  /** Audience of the tokens (the API's client id). */
  audience: string;
  users: readonly DemoUser[];
  tokenLifetimeSeconds?: number;
}

export interface IssueOptions {
  roles?: readonly Role[];
  /** Seconds from now; negative for an expired token (tests). */
  expiresInSeconds?: number;
  /** Issued-at and expiry as Unix seconds, overriding the defaults (tests of the lifetime rules). */
  issuedAt?: number;
  expiresAt?: number;
  /** Leave out `nbf`, so only `iat` says when the token was issued. */
  omitNotBefore?: boolean;
  /** Claims that differ from what the provider would put in (tests of the backend's checks). */
  audience?: string;
  issuer?: string;
  tenantId?: string;
  /** Another `preferred_username` than the user's own (tests: names are not identities). */
  preferredUsername?: string;
}

export interface BotIssueOptions {
  /** The bot's app id (the token's audience). */
  botId: string;
  /** The `serviceurl` claim: the channel's service URL this token vouches for. */
  serviceUrl: string;
  expiresInSeconds?: number;
  issuedAt?: number;
}

export interface DevIdentityProvider {
  readonly url: string;
  /** Issuer template as the backend config expects it (`{tenantid}` placeholder). */
  readonly issuerTemplate: string;
  readonly issuer: string;
  readonly jwksUri: string;
  /** Issuer of the Bot Framework-shaped tokens this provider signs for the bot endpoint. */
  readonly botIssuer: string;
  /** The public signing key (tests forge tokens with it, e.g. HS256 keyed with the public key). */
  readonly publicJwk: JWK;
  issue(userIdOrUpn: string, options?: IssueOptions): Promise<string>;
  /**
   * An app-only token (client credentials) for another system: `azp`/`appid` the client id,
   * the app roles given, `idtyp: app` and no `scp`, as Entra issues them.
   */
  issueApp(clientId: string, options?: IssueOptions & { appRoles?: readonly string[] }): Promise<string>;
  /**
   * A token as the Bot Framework channel sends it to the bot's messaging endpoint: issuer
   * `botIssuer`, audience the bot id, the `serviceurl` claim of the activity's service URL.
   */
  issueBot(options: BotIssueOptions): Promise<string>;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export async function startDevIdentityProvider(
  options: DevIdentityProviderOptions,
): Promise<DevIdentityProvider> {
  if (!LOOPBACK.has(options.host)) {
    throw new Error(
      `The development identity provider only listens on loopback (127.0.0.1, ::1, localhost), not on "${options.host}".`,
    );
  }
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' };
  const lifetime = options.tokenLifetimeSeconds ?? 3600;

  let base = '';
  const issuerFor = (): string => `${base}/${options.tenantId}/v2.0`;

  function findUser(idOrUpn: string): DemoUser | undefined {
    const key = idOrUpn.toLowerCase();
    return options.users.find((u) => u.id === key || u.upn.toLowerCase() === key);
  }

  async function issue(userIdOrUpn: string, issueOptions: IssueOptions = {}): Promise<string> {
    const user = findUser(userIdOrUpn);
    if (!user)
      throw new Error(
        `Unknown demo user "${userIdOrUpn}". Known: ${options.users.map((u) => u.upn).join(', ')}`,
      );
    const now = Math.floor(Date.now() / 1000);
    const exp = issueOptions.expiresAt ?? now + (issueOptions.expiresInSeconds ?? lifetime);
    const iat = issueOptions.issuedAt ?? Math.min(now, exp - 60);
    return new SignJWT({
      name: user.displayName,
      oid: user.id,
      preferred_username: issueOptions.preferredUsername ?? user.upn,
      roles: [...(issueOptions.roles ?? user.roles)],
      scp: 'access_as_user',
      tid: issueOptions.tenantId ?? options.tenantId,
      ver: '2.0',
      ...(issueOptions.omitNotBefore ? {} : { nbf: Math.min(iat, exp - 60) }),
    })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(issueOptions.issuer ?? issuerFor())
      .setAudience(issueOptions.audience ?? options.audience)
      .setSubject(user.id)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(privateKey);
  }

  async function issueApp(
    clientId: string,
    issueOptions: IssueOptions & { appRoles?: readonly string[] } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const exp = issueOptions.expiresAt ?? now + (issueOptions.expiresInSeconds ?? lifetime);
    const iat = issueOptions.issuedAt ?? Math.min(now, exp - 60);
    // The service principal's object id, stable per client id.
    const hex = createHash('sha256').update(`sp:${clientId}`).digest('hex');
    const oid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    return new SignJWT({
      azp: clientId,
      appid: clientId,
      azpacr: '1',
      idtyp: 'app',
      oid,
      roles: [...(issueOptions.appRoles ?? [])],
      tid: issueOptions.tenantId ?? options.tenantId,
      ver: '2.0',
      ...(issueOptions.omitNotBefore ? {} : { nbf: Math.min(iat, exp - 60) }),
    })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(issueOptions.issuer ?? issuerFor())
      .setAudience(issueOptions.audience ?? options.audience)
      .setSubject(oid)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(privateKey);
  }

  async function issueBot(botOptions: BotIssueOptions): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + (botOptions.expiresInSeconds ?? lifetime);
    const iat = botOptions.issuedAt ?? Math.min(now, exp - 60);
    return new SignJWT({ serviceurl: botOptions.serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(`${base}/botframework`)
      .setAudience(botOptions.botId)
      .setIssuedAt(iat)
      .setNotBefore(Math.min(iat, exp - 60))
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(privateKey);
  }

  const send = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (!text) return {};
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    const path = url.pathname.replace(/^\/dev-idp/, '');
    void (async () => {
      if (req.method === 'GET' && path === `/${options.tenantId}/v2.0/.well-known/openid-configuration`) {
        return send(res, 200, {
          issuer: issuerFor(),
          jwks_uri: `${base}/discovery/v2.0/keys`,
          token_endpoint: `${base}/token`,
          id_token_signing_alg_values_supported: ['RS256'],
        });
      }
      if (req.method === 'GET' && path === '/discovery/v2.0/keys') return send(res, 200, { keys: [jwk] });
      if (req.method === 'GET' && path === '/users') {
        return send(res, 200, {
          users: options.users.map((u) => ({
            id: u.id,
            upn: u.upn,
            displayName: u.displayName,
            roles: u.roles,
            description: u.description,
            municipalityId: u.municipalityId,
          })),
        });
      }
      if (req.method === 'POST' && path === '/token') {
        let body: Record<string, unknown>;
        try {
          body = await readJson(req);
        } catch {
          return send(res, 400, {
            error: 'invalid_request',
            error_description: 'Body must be JSON: {"user": "<id or upn>"}',
          });
        }
        const user = typeof body['user'] === 'string' ? body['user'] : '';
        const roles = Array.isArray(body['roles'])
          ? body['roles'].filter((r): r is Role => (ROLES as readonly string[]).includes(String(r)))
          : undefined;
        if (!findUser(user))
          return send(res, 400, { error: 'invalid_grant', error_description: `Unknown demo user "${user}"` });
        const token = await issue(user, roles && roles.length ? { roles } : {});
        return send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: lifetime });
      }
      return send(res, 404, { error: 'not_found' });
    })().catch((error: unknown) =>
      send(res, 500, { error: 'server_error', error_description: String(error) }),
    );
  });

  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${options.port} is already in use (development identity provider). Choose another with DEV_IDP_PORT.`,
            )
          : error,
      ),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = `http://${options.host === '::1' ? '[::1]' : options.host}:${port}`;

  return {
    url: base,
    issuerTemplate: `${base}/{tenantid}/v2.0`,
    get issuer() {
      return issuerFor();
    },
    jwksUri: `${base}/discovery/v2.0/keys`,
    botIssuer: `${base}/botframework`,
    publicJwk: jwk,
    issue,
    issueApp,
    issueBot,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
