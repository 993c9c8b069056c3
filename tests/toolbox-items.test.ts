import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../scripts/dev/demo-data.js';
import { useStack } from './support/stack.js';

const ingrid = DEMO_USERS.find((u) => u.upn.startsWith('ingrid'))!; // mvi-admin, Havendam
const pieter = DEMO_USERS.find((u) => u.upn.startsWith('pieter'))!; // employee, Havendam
const fatma = DEMO_USERS.find((u) => u.upn.startsWith('fatma'))!; // employee, Rietmond

describe('examples and pages of the toolbox', () => {
  const stack = useStack();
  const call = async (
    method: string,
    path: string,
    upn: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${stack().urls.api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await stack().idp.issue(upn)}`,
        'content-type': 'application/json',
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      etag: response.headers.get('etag'),
      body: (await response.json()) as any,
    };
  };

  it("shows a municipality its own items on top of the region's shared ones", async () => {
    const rietmond = await call('GET', '/toolbox-items', fatma.upn);
    expect(rietmond.body.items.map((i: { id: string }) => i.id)).toEqual([
      'social-return-in-het-groenonderhoud',
    ]);
    const havendam = await call('GET', '/toolbox-items', pieter.upn);
    expect(havendam.body.items.map((i: { id: string }) => i.id).sort()).toEqual([
      'circulair-kantoormeubilair-stadskantoor',
      'social-return-in-het-groenonderhoud',
      'zo-werkt-mvi-in-havendam',
    ]);
  });

  it('lets only the MVI team add items', async () => {
    const item = {
      kind: 'example',
      title: 'Elektrische veegwagens',
      body: 'Twee **elektrische** veegwagens sinds 2026.',
      themes: ['climate'],
    };
    const denied = await call('POST', '/toolbox-items', pieter.upn, item);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain('mvi-admin');
    const created = await call('POST', '/toolbox-items', ingrid.upn, item);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'elektrische-veegwagens',
      version: 1,
      municipalityId: 'havendam',
      updatedBy: { displayName: 'Ingrid Bakker' },
    });
    expect((await call('POST', '/toolbox-items', ingrid.upn, item)).status).toBe(409);
  });

  it('keeps every version with who changed it, and refuses an edit of a stale version', async () => {
    const created = await call('POST', '/toolbox-items', ingrid.upn, {
      kind: 'page',
      title: 'Contact MVI-team',
      body: 'Bel ons.',
    });
    expect(created.status).toBe(201);
    const read = await call('GET', '/toolbox-items/contact-mvi-team', pieter.upn);
    const edit = { kind: 'page', title: 'Contact MVI-team', body: 'Mail ons via de servicedesk.' };
    const saved = await call('PUT', '/toolbox-items/contact-mvi-team', ingrid.upn, edit, {
      'if-match': read.etag!,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    const stale = await call(
      'PUT',
      '/toolbox-items/contact-mvi-team',
      ingrid.upn,
      { ...edit, body: 'Oud' },
      { 'if-match': read.etag! },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/Iemand anders heeft dit intussen gewijzigd/);
    const versions = await call('GET', '/toolbox-items/contact-mvi-team/versions', pieter.upn);
    expect(versions.body.versions.map((v: { version: number; body: string }) => [v.version, v.body])).toEqual(
      [
        [2, 'Mail ons via de servicedesk.'],
        [1, 'Bel ons.'],
      ],
    );
    expect((await call('PUT', '/toolbox-items/contact-mvi-team', ingrid.upn, edit)).status).toBe(400);
  });

  it('explains what is missing in a bad item, and stores nothing', async () => {
    const bad = await call('POST', '/toolbox-items', ingrid.upn, { kind: 'poster', title: 'x', body: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: string) => d.split(':')[0]).sort()).toEqual([
      'body',
      'kind',
      'title',
    ]);
    const unknownGroup = await call('POST', '/toolbox-items', ingrid.upn, {
      kind: 'example',
      title: 'Iets',
      body: 'x',
      productGroupIds: ['ufo-parts'],
    });
    expect(unknownGroup.status).toBe(400);
    const list = await call('GET', '/toolbox-items', ingrid.upn);
    expect(list.body.items.some((i: { title: string }) => i.title === 'Iets' || i.title === 'x')).toBe(false);
  });
});
