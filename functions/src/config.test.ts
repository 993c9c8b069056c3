import { describe, expect, it } from 'vitest';
import { ConfigError, loadBackendConfig } from './config.js';

describe('backend configuration', () => {
  it('lists every missing key at once', () => {
    try {
      loadBackendConfig({});
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const keys = (error as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(keys).toEqual(
        expect.arrayContaining([
          'AzureWebJobsStorage',
          'AUTH_ISSUER',
          'AUTH_AUDIENCE',
          'AUTH_JWKS_URI',
          'AUTH_ALLOWED_TENANTS',
          'TAB_BASE_URL',
        ]),
      );
    }
  });

  it('reads lists and defaults', () => {
    const config = loadBackendConfig({
      AzureWebJobsStorage: 'UseDevelopmentStorage=true',
      AUTH_ISSUER: 'https://login.microsoftonline.com/{tenantid}/v2.0',
      AUTH_AUDIENCE: 'api://mvi, 11111111-2222-4333-8444-555555555555',
      AUTH_JWKS_URI: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
      AUTH_ALLOWED_TENANTS: '5f1b6c2e-8d4a-4c1e-9a7b-3e2d1c0b9a88',
      TAB_BASE_URL: 'https://mvi.example',
    });
    expect(config.AUTH_AUDIENCE).toEqual(['api://mvi', '11111111-2222-4333-8444-555555555555']);
    expect(config.GRAPH_BASE_URL).toBe('https://graph.microsoft.com');
    expect(config.SESSION_CHECKIN_MAX_FAILURES).toBe(10);
    expect(config.SESSION_CHECKIN_WINDOW_MINUTES).toBe(15);
  });

  it('refuses a bot id without its tenant', () => {
    expect(() =>
      loadBackendConfig({
        AzureWebJobsStorage: 'UseDevelopmentStorage=true',
        AUTH_ISSUER: 'https://login.microsoftonline.com/{tenantid}/v2.0',
        AUTH_AUDIENCE: 'api://mvi',
        AUTH_JWKS_URI: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
        AUTH_ALLOWED_TENANTS: '5f1b6c2e-8d4a-4c1e-9a7b-3e2d1c0b9a88',
        TAB_BASE_URL: 'https://mvi.example',
        BOT_ID: 'abc',
      }),
    ).toThrow(/BOT_TENANT_ID/);
  });
});
