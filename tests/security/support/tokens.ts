/**
 * The token matrix: every protected route of the registry with every kind of bad token, in
 * the shape of a person's token and of another system's app token. Each must be refused (401
 * when the token proves nothing, 403 when it proves someone without access).
 */
import { SignJWT, exportSPKI, generateKeyPair, importJWK, type JWTPayload } from 'jose';
import type { DevIdentityProvider } from '../../../scripts/dev/identity-provider.js';
import { Tally, inBatches, type FamilyResult } from './family.js';
import { call, protectedRoutes, urlOf } from './routes.js';

export interface TokenTarget {
  /** The API base, e.g. http://127.0.0.1:7071/api. */
  api: string;
  idp: DevIdentityProvider;
  /** A demo person who is a member (their valid token is the control). */
  user: string;
  /** A client id the stack maps to a municipality (TENDER_API_CLIENTS), and its app role. */
  appClientId: string;
  appRole: string;
  tenantId: string;
}

interface TokenCase {
  name: string;
  /** The Authorization header value, or undefined for none. */
  header: () => Promise<string | undefined>;
  expect: readonly number[];
}

const FOREIGN_TENANT = '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a';
const YEAR = 365 * 24 * 3600;

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The cases, for a person's token (`user`) or an app token (`app`). */
async function tokenCases(target: TokenTarget): Promise<TokenCase[]> {
  const { idp } = target;
  const now = Math.floor(Date.now() / 1000);
  type Options = Parameters<DevIdentityProvider['issue']>[1];
  const shapes: Record<'user' | 'app', (o?: Options) => Promise<string>> = {
    user: (o) => idp.issue(target.user, o),
    app: (o) => idp.issueApp(target.appClientId, { appRoles: [target.appRole], ...o }),
  };
  const claims: JWTPayload = {
    iss: idp.issuer,
    aud: 'api://localhost/mvi-companion',
    tid: target.tenantId,
    oid: '3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e74',
    iat: now,
    exp: now + 3600,
  };
  const { privateKey: foreignKey } = await generateKeyPair('RS256');
  const publicPem = await exportSPKI(
    (await importJWK(idp.publicJwk, 'RS256')) as Parameters<typeof exportSPKI>[0],
  );
  const bearer = (t: string): string => `Bearer ${t}`;

  const cases: TokenCase[] = [
    { name: 'no token', header: () => Promise.resolve(undefined), expect: [401] },
    { name: 'a garbage token', header: () => Promise.resolve('Bearer garbage'), expect: [401] },
    { name: 'Basic authentication', header: () => Promise.resolve('Basic dXNlcjpwYXNz'), expect: [401] },
    {
      name: 'alg none (unsigned)',
      header: () => Promise.resolve(bearer(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`)),
      expect: [401],
    },
    {
      name: 'alg none with a made-up signature',
      header: () => Promise.resolve(bearer(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.c2ln`)),
      expect: [401],
    },
    {
      name: 'HS256 keyed with the public key',
      header: async () =>
        bearer(
          await new SignJWT(claims)
            .setProtectedHeader({ alg: 'HS256', kid: idp.publicJwk.kid! })
            .sign(new TextEncoder().encode(publicPem)),
        ),
      expect: [401],
    },
    {
      name: 'signed by a foreign key with the real key id',
      header: async () =>
        bearer(
          await new SignJWT(claims)
            .setProtectedHeader({ alg: 'RS256', kid: idp.publicJwk.kid! })
            .sign(foreignKey),
        ),
      expect: [401],
    },
  ];
  for (const [shape, issue] of Object.entries(shapes)) {
    const signed = (name: string, options: Options, expect: readonly number[] = [401]): TokenCase => ({
      name: `${shape} token: ${name}`,
      header: async () => bearer(await issue(options)),
      expect,
    });
    cases.push(
      signed('expired an hour ago', { expiresInSeconds: -3600 }),
      signed('issued a year from now', { issuedAt: now + YEAR, expiresAt: now + YEAR + 3600 }),
      signed('issued a year from now, without nbf', {
        issuedAt: now + YEAR,
        expiresAt: now + YEAR + 3600,
        omitNotBefore: true,
      }),
      signed('issued ten minutes from now, without nbf', {
        issuedAt: now + 600,
        expiresAt: now + 4200,
        omitNotBefore: true,
      }),
      signed('valid for ten years', { issuedAt: now, expiresAt: now + 10 * YEAR }),
      signed('for another audience', { audience: 'api://someone-else' }),
      signed('from another issuer', { issuer: `https://login.microsoftonline.com/${target.tenantId}/v2.0` }),
      signed("from a foreign tenant's issuer", {
        tenantId: FOREIGN_TENANT,
        issuer: `${idp.url}/${FOREIGN_TENANT}/v2.0`,
      }),
      signed('naming a foreign tenant', { tenantId: FOREIGN_TENANT }, [401, 403]),
    );
  }
  cases.push({
    name: 'an app token without any role',
    header: async () => bearer(await idp.issueApp(target.appClientId, { appRoles: [] })),
    expect: [401, 403],
  });
  return cases;
}

export async function checkTokens(target: TokenTarget): Promise<FamilyResult> {
  const tally = new Tally('tokens');
  const cases = await tokenCases(target);
  const routes = protectedRoutes();
  const tasks = routes.flatMap((route) =>
    cases.map((c) => async () => {
      const { status } = await call(urlOf(target.api, route), route.method, await c.header(), {});
      tally.expectStatus(status, c.expect, `${route.method} /${route.route} with ${c.name}`);
    }),
  );
  await inBatches(tasks, 8);
  // The control: the person's valid token is accepted, so refusals above are about the tokens.
  const control = await call(`${target.api}/me`, 'GET', `Bearer ${await target.idp.issue(target.user)}`);
  tally.check(control.status === 200, 'GET /me with a valid token is accepted', String(control.status));
  return tally.result();
}
