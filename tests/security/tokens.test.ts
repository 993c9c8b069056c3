import { describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '../../scripts/dev/demo-data.js';
import { useStack } from '../support/stack.js';
import { protectedRoutes } from './support/routes.js';
import { checkTokens } from './support/tokens.js';

const APP = '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('the token matrix over every route of the registry', () => {
  const stack = useStack({ seed: true, env: { TENDER_API_CLIENTS: `${APP}=havendam` } });

  it('covers the routes of the registry, the integration API included', () => {
    const names = protectedRoutes().map((r) => r.name);
    expect(names).toContain('integrations-tenders');
    expect(names).toContain('tenders-get');
    expect(names).not.toContain('health');
  });

  it('refuses every bad, expired, future, long-lived, foreign or role-less token on every route', async () => {
    const result = await checkTokens({
      api: stack().urls.api,
      idp: stack().idp,
      user: 'pieter.jansen@havendam.example',
      appClientId: APP,
      appRole: 'Tenders.ReadWrite.All',
      tenantId: DEMO_TENANT_ID,
    });
    expect(result.failures).toEqual([]);
    expect(result.correct).toBe(result.tried);
  }, 120_000);
});
