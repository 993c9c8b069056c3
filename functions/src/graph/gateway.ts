/**
 * Graph for each tenant of the installation, with app-only tokens from @azure/identity
 * (managed identity or client secret, scope {graph}/.default) or, against a simulator on
 * loopback, a fixed token. Without credentials Graph is off and callers say so.
 */
import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { BackendConfig } from '../config.js';
import { createGraphApi, type GraphApi, type TokenSource } from './client.js';
import { RetryPolicy } from './retry.js';

export interface GraphGateway {
  readonly configured: boolean;
  readonly retry: RetryPolicy;
  /** The Graph client for a tenant; undefined when Graph is not configured for it. */
  forTenant(tenantId: string): GraphApi | undefined;
}

export type GraphSettings = Pick<
  BackendConfig,
  | 'GRAPH_BASE_URL'
  | 'GRAPH_AUTH'
  | 'GRAPH_TENANT_ID'
  | 'GRAPH_CLIENT_ID'
  | 'GRAPH_CLIENT_SECRET'
  | 'GRAPH_STATIC_TOKEN'
  | 'GRAPH_TIMEOUT_MS'
  | 'GRAPH_MAX_ATTEMPTS'
  | 'GRAPH_RETRY_BASE_MS'
  | 'GRAPH_RETRY_MAX_MS'
>;

function credentialToken(credential: TokenCredential, scope: string): TokenSource {
  return async () => {
    const token = await credential.getToken(scope);
    if (!token) throw new Error('the credential returned no token');
    return token.token;
  };
}

export function createGraphGateway(
  settings: GraphSettings,
  log: (message: string) => void = () => undefined,
): GraphGateway {
  const retry = new RetryPolicy({
    maxAttempts: settings.GRAPH_MAX_ATTEMPTS,
    baseDelayMs: settings.GRAPH_RETRY_BASE_MS,
    maxDelayMs: settings.GRAPH_RETRY_MAX_MS,
  });
  const scope = `${new URL(settings.GRAPH_BASE_URL).origin}/.default`;
  const clients = new Map<string, GraphApi>();
  let managed: TokenSource | undefined;

  const tokenFor = (tenantId: string): TokenSource | undefined => {
    switch (settings.GRAPH_AUTH) {
      case 'none':
        return undefined;
      case 'static':
        return () => Promise.resolve(settings.GRAPH_STATIC_TOKEN);
      case 'managed-identity':
        if (tenantId !== settings.GRAPH_TENANT_ID) return undefined;
        managed ??= credentialToken(
          new ManagedIdentityCredential(
            settings.GRAPH_CLIENT_ID ? { clientId: settings.GRAPH_CLIENT_ID } : {},
          ),
          scope,
        );
        return managed;
      case 'client-secret':
        return credentialToken(
          new ClientSecretCredential(tenantId, settings.GRAPH_CLIENT_ID, settings.GRAPH_CLIENT_SECRET),
          scope,
        );
    }
  };

  return {
    configured: settings.GRAPH_AUTH !== 'none',
    retry,
    forTenant(tenantId) {
      let client = clients.get(tenantId);
      if (!client) {
        const token = tokenFor(tenantId);
        if (!token) return undefined;
        client = createGraphApi({
          baseUrl: settings.GRAPH_BASE_URL,
          token,
          timeoutMs: settings.GRAPH_TIMEOUT_MS,
          retry,
          log,
        });
        clients.set(tenantId, client);
      }
      return client;
    },
  };
}
