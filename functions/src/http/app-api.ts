/**
 * The wrapper of the API for other systems (contract register, e-procurement): app-only
 * bearer tokens (client credentials, no `scp`, `idtyp: app` where Entra adds it) with the
 * configured app role, from a client app that is mapped to one or more municipalities.
 * User tokens are refused here; people use the ordinary API.
 */
import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { DomainError, forbidden, unauthenticated } from '../../../core/src/index.js';
import { checkTokenRules } from '../auth/token-rules.js';
import type { Services, ServicesProvider } from '../services.js';
import { errorResponse, languageOf, type Language } from './respond.js';

export interface AppPrincipal {
  /** The calling app registration (azp / appid). */
  clientId: string;
  tenantId: string;
  roles: readonly string[];
  /** The municipalities this app may write for. */
  municipalities: readonly string[];
}

export interface AppApiContext {
  readonly request: HttpRequest;
  readonly context: InvocationContext;
  readonly app: AppPrincipal;
  readonly services: Services;
  readonly lang: Language;
}

export interface AppAuthenticator {
  authenticate(authorizationHeader: string | null | undefined): Promise<AppPrincipal>;
}

export function createAppAuthenticator(services: Services): AppAuthenticator {
  const { config } = services;
  const jwks = createRemoteJWKSet(new URL(config.AUTH_JWKS_URI), {
    timeoutDuration: 5000,
    cooldownDuration: 30_000,
  });
  const issuers = config.AUTH_ALLOWED_TENANTS.map((t) => config.AUTH_ISSUER.replace('{tenantid}', t));

  async function verify(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: issuers,
        audience: [...config.AUTH_AUDIENCE],
        clockTolerance: config.AUTH_CLOCK_TOLERANCE_SECONDS,
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'iat', 'tid'],
      });
      checkTokenRules(payload, {
        issuer: config.AUTH_ISSUER,
        clockToleranceSeconds: config.AUTH_CLOCK_TOLERANCE_SECONDS,
        maxLifetimeSeconds: config.AUTH_MAX_TOKEN_LIFETIME_HOURS * 3600,
      });
      return payload;
    } catch (error) {
      if (error instanceof DomainError) throw error;
      if (error instanceof joseErrors.JOSEError) {
        throw new DomainError(
          'unauthenticated',
          { nl: 'Het token is ongeldig of verlopen.', en: 'The token is invalid or expired.' },
          [error.code],
          { cause: error },
        );
      }
      throw new DomainError(
        'unavailable',
        {
          nl: 'Het token kan nu niet worden gecontroleerd. Probeer het zo opnieuw.',
          en: 'The token cannot be checked right now. Please try again shortly.',
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
      if (!match?.[1])
        throw unauthenticated({ nl: 'Er is geen app-token meegestuurd.', en: 'No app token was sent.' });
      const payload = await verify(match[1]);
      const idtyp = payload['idtyp'];
      if (payload['scp'] !== undefined || (idtyp !== undefined && idtyp !== 'app')) {
        throw forbidden({
          nl: 'Deze API is voor andere systemen en accepteert alleen app-tokens, geen tokens van personen.',
          en: 'This API is for other systems and accepts app tokens only, not tokens of people.',
        });
      }
      const roles = Array.isArray(payload['roles'])
        ? payload['roles'].filter((r): r is string => typeof r === 'string')
        : [];
      if (!roles.includes(config.TENDER_API_ROLE)) {
        throw forbidden({
          nl: `Het app-token mist de rol ${config.TENDER_API_ROLE}.`,
          en: `The app token lacks the role ${config.TENDER_API_ROLE}.`,
        });
      }
      const clientClaim = payload['azp'] ?? payload['appid'];
      const clientId = typeof clientClaim === 'string' ? clientClaim.toLowerCase() : '';
      const municipalities = config.TENDER_API_CLIENTS.get(clientId) ?? [];
      if (municipalities.length === 0) {
        throw forbidden({
          nl: 'Deze toepassing is niet gekoppeld aan een gemeente in MVI Companion.',
          en: 'This application is not linked to a municipality in MVI Companion.',
        });
      }
      return { clientId, tenantId: String(payload['tid']), roles, municipalities };
    },
  };
}

const authenticators = new WeakMap<Services, AppAuthenticator>();

export function appApi(
  getServices: ServicesProvider,
  handler: (ctx: AppApiContext) => Promise<HttpResponseInit>,
): HttpHandler {
  return async (request, context) => {
    try {
      const services = getServices();
      let authenticator = authenticators.get(services);
      if (!authenticator) {
        authenticator = createAppAuthenticator(services);
        authenticators.set(services, authenticator);
      }
      const app = await authenticator.authenticate(request.headers.get('authorization'));
      await services.ready();
      return await handler({ request, context, app, services, lang: languageOf(request) });
    } catch (error) {
      return errorResponse(error, request, context);
    }
  };
}
