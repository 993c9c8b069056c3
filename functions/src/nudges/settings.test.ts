import { describe, expect, it } from 'vitest';
import { ConfigError, loadBackendConfig } from '../config.js';

const base = {
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
  AUTH_ISSUER: 'https://login.microsoftonline.com/{tenantid}/v2.0',
  AUTH_AUDIENCE: 'api://mvi',
  AUTH_JWKS_URI: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
  AUTH_ALLOWED_TENANTS: '5f1b6c2e-8d4a-4c1e-9a7b-3e2d1c0b9a88',
  TAB_BASE_URL: 'https://mvi.example',
};

const problems = (env: Record<string, string>): string[] => {
  try {
    loadBackendConfig({ ...base, ...env });
    return [];
  } catch (error) {
    return error instanceof ConfigError ? [...error.problems] : [String(error)];
  }
};

describe('nudge and Graph settings', () => {
  it('runs without any: Graph off, Graph’s documented limits, five queue attempts', () => {
    const config = loadBackendConfig(base);
    expect(config).toMatchObject({
      GRAPH_AUTH: 'none',
      GRAPH_RATE_SINGLE_PER_SECOND: 5,
      GRAPH_RATE_BULK_PER_SECOND: 2,
      NUDGE_MAX_DEQUEUE_COUNT: 5,
      NUDGE_DISPATCH_SCHEDULE: '0 */5 * * * *',
      TENDER_API_ROLE: 'Tenders.ReadWrite.All',
    });
    expect(config.TENDER_API_CLIENTS.size).toBe(0);
  });

  it('names what a Graph credential needs', () => {
    expect(problems({ GRAPH_AUTH: 'client-secret' })).toEqual([
      'GRAPH_CLIENT_ID: required when GRAPH_AUTH=client-secret',
      'GRAPH_CLIENT_SECRET: required when GRAPH_AUTH=client-secret',
    ]);
    expect(problems({ GRAPH_AUTH: 'managed-identity' })).toEqual([
      'GRAPH_TENANT_ID: required when GRAPH_AUTH=managed-identity',
    ]);
  });

  it('allows a fixed Graph token only for a simulator on loopback', () => {
    expect(
      problems({ GRAPH_AUTH: 'static', GRAPH_STATIC_TOKEN: 't', GRAPH_BASE_URL: 'http://127.0.0.1:9999' }),
    ).toEqual([]);
    expect(problems({ GRAPH_AUTH: 'static', GRAPH_STATIC_TOKEN: 't' })).toEqual([
      'GRAPH_AUTH: static tokens are only for a Graph simulator on loopback',
    ]);
  });

  it('reads which apps may write tenders for which municipalities', () => {
    const config = loadBackendConfig({
      ...base,
      TENDER_API_CLIENTS:
        '1C9E4F2A-7B3D-4E5F-8A6B-9C0D1E2F3A4B=havendam, 2d0f5a3b-8c4e-4f60-9b7c-0d1e2f3a4b5c=havendam|rietmond',
    });
    expect([...config.TENDER_API_CLIENTS]).toEqual([
      ['1c9e4f2a-7b3d-4e5f-8a6b-9c0d1e2f3a4b', ['havendam']],
      ['2d0f5a3b-8c4e-4f60-9b7c-0d1e2f3a4b5c', ['havendam', 'rietmond']],
    ]);
    expect(problems({ TENDER_API_CLIENTS: 'not-an-id=havendam' })[0]).toMatch(/TENDER_API_CLIENTS/);
  });
});
