import { SignJWT, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID, DEMO_USERS } from '../scripts/dev/demo-data.js';
import { DEV_AUDIENCE } from '../scripts/dev/stack.js';
import { getJson, useStack } from './support/stack.js';

const pieter = DEMO_USERS.find((u) => u.upn.startsWith('pieter'))!;
const ingrid = DEMO_USERS.find((u) => u.upn.startsWith('ingrid'))!;
const fatma = DEMO_USERS.find((u) => u.upn.startsWith('fatma'))!;

describe('the local stack', () => {
  const stack = useStack();

  it('reports healthy storage and queues', async () => {
    const { status, body } = await getJson(`${stack().urls.api}/health`);
    expect(status).toBe(200);
    expect(body.storage).toEqual({ tables: 'ok', queues: 'ok' });
  });

  it('tells a signed-in user who they are and which municipality they belong to', async () => {
    const token = await stack().idp.issue(pieter.upn);
    const { status, body } = await getJson(`${stack().urls.api}/me`, token);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: pieter.id,
      displayName: 'Pieter Jansen',
      roles: ['employee'],
      department: 'Openbare Ruimte',
      municipality: { id: 'havendam', name: 'Gemeente Havendam' },
    });
  });

  it('shows a commissioning manager only the tenders they commission', async () => {
    const token = await stack().idp.issue(pieter.upn);
    const { body } = await getJson(`${stack().urls.api}/tenders`, token);
    const refs = body.tenders.map((t: { reference: string }) => t.reference);
    expect(refs).toEqual(['T-2026-014', 'T-2026-021']);
  });

  it('shows the MVI team the whole pipeline of its own municipality only', async () => {
    const token = await stack().idp.issue(ingrid.upn);
    const { body } = await getJson(`${stack().urls.api}/tenders`, token);
    const refs = body.tenders.map((t: { reference: string }) => t.reference).sort();
    expect(refs).toEqual(['T-2026-014', 'T-2026-021', 'T-2026-030']);
    expect(body.tenders.every((t: { municipalityId: string }) => t.municipalityId === 'havendam')).toBe(true);
  });

  it('lists upcoming sessions of the municipality and region-wide ones, soonest first', async () => {
    const token = await stack().idp.issue(fatma.upn);
    const { body } = await getJson(`${stack().urls.api}/sessions`, token);
    const ids = body.sessions.map((s: { id: string }) => s.id);
    expect(ids).toEqual(['lunch-circulair-inkopen', 'kennissessie-social-return']);
  });

  it.each([
    ['no token', () => Promise.resolve(undefined)],
    ['an expired token', () => stack().idp.issue(pieter.upn, { expiresInSeconds: -600 })],
    ['a malformed token', () => Promise.resolve('not-a-jwt')],
    [
      'a token signed by another key',
      async () => {
        const { privateKey } = await generateKeyPair('RS256');
        return new SignJWT({ oid: pieter.id, tid: DEMO_TENANT_ID, roles: ['mvi-admin'] })
          .setProtectedHeader({ alg: 'RS256', kid: 'forged' })
          .setIssuer(stack().idp.issuer)
          .setAudience(DEV_AUDIENCE)
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(privateKey);
      },
    ],
  ])('refuses a call with %s (401, Dutch message)', async (_name, token) => {
    for (const path of ['/me', '/tenders', '/sessions']) {
      const { status, body } = await getJson(`${stack().urls.api}${path}`, await token());
      expect(status).toBe(401);
      expect(body.error.message).toMatch(/aangemeld|aanmelding/i);
    }
  });

  it('answers in English when the caller prefers English', async () => {
    const { status, body } = await getJson(`${stack().urls.api}/me`, undefined, {
      'accept-language': 'en-GB,en;q=0.9',
    });
    expect(status).toBe(401);
    expect(body.error.message).toBe('You are not signed in. Please sign in again.');
  });

  it('refuses a token for another audience', async () => {
    const token = await stack().idp.issue(pieter.upn);
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    payload.aud = 'api://someone-else';
    const tampered = [h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.');
    const { status } = await getJson(`${stack().urls.api}/me`, tampered);
    expect(status).toBe(401);
  });

  it('refuses a validly signed user who is not linked to a municipality (403)', async () => {
    await stack().services.repos.members.upsert({
      tenantId: DEMO_TENANT_ID,
      userId: pieter.id,
      municipalityId: 'havendam',
      displayName: 'Pieter Jansen',
      department: 'Openbare Ruimte',
    });
    const token = await stack().idp.issue(pieter.upn);
    const table = stack().services.storage.table('Members');
    await table.deleteEntity(DEMO_TENANT_ID, pieter.id);
    try {
      const { status, body } = await getJson(`${stack().urls.api}/me`, token);
      expect(status).toBe(403);
      expect(body.error.message).toContain('MVI-team');
    } finally {
      await stack().services.repos.members.upsert({
        tenantId: DEMO_TENANT_ID,
        userId: pieter.id,
        municipalityId: 'havendam',
        displayName: 'Pieter Jansen',
        department: 'Openbare Ruimte',
      });
    }
  });

  it('gives unknown routes a 404 and wrong methods a 405', async () => {
    expect((await fetch(`${stack().urls.api}/nope`)).status).toBe(404);
    expect((await fetch(`${stack().urls.api}/health`, { method: 'DELETE' })).status).toBe(405);
  });
});
