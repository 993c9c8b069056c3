/**
 * Rules every bearer token of the API must meet beyond its signature, audience and expiry
 * (which jose checks): a bounded lifetime, no issue time in the future beyond the clock
 * tolerance, and a tenant that is the one its issuer names. Shared by the people's API and the
 * API for other systems.
 */
import type { JWTPayload } from 'jose';
import { DomainError } from '../../../core/src/index.js';

export interface TokenRules {
  /** Issuer template with `{tenantid}` (Entra's multi-tenant form). */
  issuer: string;
  clockToleranceSeconds: number;
  maxLifetimeSeconds: number;
}

const invalid = (detail: string): DomainError =>
  new DomainError(
    'unauthenticated',
    {
      nl: 'Uw aanmelding is ongeldig. Meld u opnieuw aan.',
      en: 'Your sign-in is not valid. Please sign in again.',
    },
    [detail],
  );

/** Throws `unauthenticated` when the token breaks a rule; `now` in Unix seconds. */
export function checkTokenRules(
  payload: JWTPayload,
  rules: TokenRules,
  now = Math.floor(Date.now() / 1000),
): void {
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || typeof exp !== 'number') throw invalid('token times missing');
  if (iat > now + rules.clockToleranceSeconds) throw invalid('token issued in the future');
  if (exp - iat > rules.maxLifetimeSeconds) throw invalid('token lifetime too long');
  const tid = payload['tid'];
  if (typeof tid !== 'string' || payload.iss !== rules.issuer.replace('{tenantid}', tid))
    throw invalid("token's tenant is not its issuer's");
}
