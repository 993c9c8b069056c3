/**
 * Bearer-token authentication of API calls: signature (JWKS), issuer, audience, expiry and
 * tenant are checked with `jose`, the lifetime and issue time by `checkTokenRules`; the municipality and department come from the membership
 * register. The same code path runs against Entra ID in Azure and against the local
 * development identity provider, which is trusted only because configuration names it.
 */
import { createRemoteJWKSet, jwtVerify, errors as joseErrors, type JWTPayload } from 'jose';
import {
  DomainError,
  ROLES,
  forbidden,
  unauthenticated,
  type MemberDirectory,
  type Principal,
  type Role,
} from '../../../core/src/index.js';
import { checkTokenRules } from './token-rules.js';

export interface AuthenticatorOptions {
  /** Issuer; `{tenantid}` is replaced by each allowed tenant (Entra multi-tenant form). */
  issuer: string;
  audience: readonly string[];
  jwksUri: string;
  allowedTenants: readonly string[];
  clockToleranceSeconds: number;
  /** Longest a token may live (exp minus iat). */
  maxLifetimeSeconds: number;
  members: MemberDirectory;
}

export interface Authenticator {
  /** Validates the `Authorization` header value and returns who is calling. */
  authenticate(authorizationHeader: string | null | undefined): Promise<Principal>;
}

const missingToken = unauthenticated({
  nl: 'U bent niet aangemeld. Meld u opnieuw aan.',
  en: 'You are not signed in. Please sign in again.',
});

const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const jwks = createRemoteJWKSet(new URL(options.jwksUri), {
    timeoutDuration: 5000,
    cooldownDuration: 30_000,
  });
  const issuers = options.allowedTenants.map((t) => options.issuer.replace('{tenantid}', t));

  async function verify(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: issuers,
        audience: [...options.audience],
        clockTolerance: options.clockToleranceSeconds,
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'iat', 'tid', 'oid'],
      });
      checkTokenRules(payload, {
        issuer: options.issuer,
        clockToleranceSeconds: options.clockToleranceSeconds,
        maxLifetimeSeconds: options.maxLifetimeSeconds,
      });
      return payload;
    } catch (error) {
      if (error instanceof DomainError) throw error;
      if (error instanceof joseErrors.JWTExpired) {
        throw new DomainError(
          'unauthenticated',
          {
            nl: 'Uw aanmelding is verlopen. Meld u opnieuw aan.',
            en: 'Your sign-in has expired. Please sign in again.',
          },
          [],
          { cause: error },
        );
      }
      if (error instanceof joseErrors.JOSEError) {
        throw new DomainError(
          'unauthenticated',
          {
            nl: 'Uw aanmelding is ongeldig. Meld u opnieuw aan.',
            en: 'Your sign-in is not valid. Please sign in again.',
          },
          [error.code],
          { cause: error },
        );
      }
      // JWKS unreachable and other infrastructure faults are not the caller's fault.
      throw new DomainError(
        'unavailable',
        {
          nl: 'Aanmelden kan nu niet worden gecontroleerd. Probeer het zo opnieuw.',
          en: 'Sign-in cannot be checked right now. Please try again shortly.',
        },
        [],
        { cause: error },
      );
    }
  }

  return {
    async authenticate(header) {
      const match = /^Bearer\s+([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+)$/.exec(
        header?.trim() ?? '',
      );
      if (!match?.[1]) throw missingToken;
      const payload = await verify(match[1]);
      const tenantId = String(payload['tid']);
      const userId = String(payload['oid']);
      if (!options.allowedTenants.includes(tenantId)) {
        throw forbidden({
          nl: 'Uw organisatie heeft geen toegang tot MVI Companion.',
          en: 'Your organisation has no access to MVI Companion.',
        });
      }
      const member = await options.members.get(tenantId, userId);
      if (!member) {
        throw forbidden({
          nl: 'U bent nog niet gekoppeld aan een gemeente in MVI Companion. Vraag het MVI-team om u toe te voegen.',
          en: 'You are not yet linked to a municipality in MVI Companion. Ask the MVI team to add you.',
        });
      }
      const claimedRoles = Array.isArray(payload['roles']) ? payload['roles'].filter(isRole) : [];
      const upn = payload['preferred_username'] ?? payload['upn'];
      return {
        userId,
        tenantId,
        displayName: typeof payload['name'] === 'string' ? payload['name'] : member.displayName,
        ...(typeof upn === 'string' ? { upn } : {}),
        // Every signed-in member is at least an employee.
        roles: claimedRoles.includes('employee') ? claimedRoles : [...claimedRoles, 'employee'],
        municipalityId: member.municipalityId,
        ...(member.department ? { department: member.department } : {}),
      };
    },
  };
}
