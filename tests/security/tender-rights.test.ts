import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../scripts/dev/demo-data.js';
import { useStack } from '../support/stack.js';

const pieter = DEMO_USERS.find((u) => u.upn === 'pieter.jansen@havendam.example')!;
const ingrid = DEMO_USERS.find((u) => u.upn === 'ingrid.bakker@havendam.example')!;

describe("tender rights follow the Entra object id, not the user's name", () => {
  const stack = useStack({ seed: true });
  const api = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${stack().urls.api}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it("a colleague holding the manager's preferred_username can neither read nor snooze the tender", async () => {
    // An employee of the same municipality whose token carries Pieter's name, not his object id.
    const impostor = await stack().idp.issue(ingrid.id, {
      roles: ['employee'],
      preferredUsername: pieter.upn,
    });
    expect((await api('GET', '/tenders/T-2026-014', impostor)).status).toBe(404);
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    expect((await api('PUT', '/tenders/T-2026-014/snooze', impostor, { until })).status).toBe(404);
    const list = await api('GET', '/tenders', impostor);
    expect(list.body.tenders.map((t: { reference: string }) => t.reference)).not.toContain('T-2026-014');
    // The manager himself, by object id, still can.
    expect((await api('GET', '/tenders/T-2026-014', await stack().idp.issue(pieter.id))).status).toBe(200);
  });

  it('resolves a manager given by e-mail to their object id once, from the membership register', async () => {
    const admin = await stack().idp.issue(ingrid.id);
    const created = await api('POST', '/tenders', admin, {
      reference: 'OID-001',
      title: 'Schoonmaak sporthal',
      kickoffDate: new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10),
      commissioningManager: { upn: pieter.upn.toUpperCase() },
    });
    expect(created.status).toBe(201);
    expect(created.body.tender.commissioningManager.userId).toBe(pieter.id);
    expect((await api('GET', '/tenders/OID-001', await stack().idp.issue(pieter.id))).status).toBe(200);
  });
});
