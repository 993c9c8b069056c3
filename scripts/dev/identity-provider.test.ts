import { describe, expect, it } from 'vitest';
import { startDevIdentityProvider } from './identity-provider.js';
import { DEMO_TENANT_ID, DEMO_USERS } from './demo-data.js';

describe('the development identity provider', () => {
  it('refuses to listen on anything but loopback', async () => {
    await expect(
      startDevIdentityProvider({
        host: '0.0.0.0',
        port: 0,
        tenantId: DEMO_TENANT_ID,
        audience: 'x',
        users: DEMO_USERS,
      }),
    ).rejects.toThrow(/only listens on loopback/);
  });

  it('publishes its keys and issues tokens only for known demo users', async () => {
    const idp = await startDevIdentityProvider({
      host: '127.0.0.1',
      port: 0,
      tenantId: DEMO_TENANT_ID,
      audience: 'x',
      users: DEMO_USERS,
    });
    try {
      const jwks = (await (await fetch(idp.jwksUri)).json()) as { keys: { kty: string }[] };
      expect(jwks.keys[0]?.kty).toBe('RSA');
      const unknown = await fetch(`${idp.url}/token`, {
        method: 'POST',
        body: JSON.stringify({ user: 'nobody@example.org' }),
      });
      expect(unknown.status).toBe(400);
      await expect(idp.issue('nobody@example.org')).rejects.toThrow(/Unknown demo user/);
    } finally {
      await idp.close();
    }
  });
});
