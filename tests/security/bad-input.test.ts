/**
 * Bad input gets a clear 4xx in the caller's language, never a 500: the cases an outside
 * review found, through the real API and the real bot endpoint.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../scripts/dev/demo-data.js';
import { DIRECTORY, useNudgeWorld } from '../support/nudges.js';

const ingrid = DEMO_USERS.find((u) => u.upn.startsWith('ingrid'))!;
const eva = DIRECTORY.find((u) => u.userPrincipalName.startsWith('eva'))!;

const expectClear4xx = (response: { status: number; body: any }, message: RegExp) => {
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(response.body.error.message).toMatch(message);
};

describe('bad input gets a 4xx, not a 500', () => {
  const w = useNudgeWorld();
  const page = (title: string, body = 'Een pagina.') => ({ kind: 'page', title, body });

  it('gives a toolbox item with a title of few letters an id all the same', async () => {
    const token = await w.token(ingrid.upn);
    for (const title of ['ab!', '-- x --', '!!!!']) {
      const created = await w.api('POST', '/toolbox-items', token, page(title));
      expect(created.status).toBe(201);
      expect(created.body.title).toBe(title);
      const read = await w.api('GET', `/toolbox-items/${created.body.id}`, token);
      expect(read.status).toBe(200);
      expect(read.body.title).toBe(title);
    }
  });

  it('refuses what Table storage cannot hold with a clear message, keeping what was stored', async () => {
    const token = await w.token(ingrid.upn);
    // 20,000 quotes: within the body's limit, but twice as long once stored as JSON.
    const quotes = await w.api('POST', '/toolbox-items', token, page('Aanhalingstekens', '"'.repeat(20_000)));
    if (quotes.status !== 201) expectClear4xx(quotes, /te groot|te lang/);
    const created = await w.api('POST', '/tenders', token, {
      reference: 'BIG-1',
      title: 'Groot record',
      cpv: ['90910000'],
      commissioningManager: { upn: eva.userPrincipalName },
      kickoffDate: '2027-05-03',
      description: '\u0001'.repeat(4000),
    });
    expect(created.status).toBe(201);
    const mvi = await w.api('PUT', '/tenders/BIG-1/mvi', token, {
      appliedCriteria: [],
      socialReturn: { applied: false },
      noMviReason: 'no-market',
      results: '\u0001'.repeat(2000),
    });
    expectClear4xx(mvi, /te groot/);
    const english = await w.api(
      'PUT',
      '/tenders/BIG-1/mvi',
      token,
      {
        appliedCriteria: [],
        socialReturn: { applied: false },
        noMviReason: 'no-market',
        results: '\u0001'.repeat(2000),
      },
      { 'accept-language': 'en' },
    );
    expectClear4xx(english, /too large/);
    const after = await w.api('GET', '/tenders/BIG-1', token);
    expect(after.status).toBe(200);
    expect(after.body.tender.description).toBe('\u0001'.repeat(4000));
    expect(after.body.tender.mvi).toBeUndefined();
  });

  it('answers a percent-encoding that is not UTF-8 with 400', async () => {
    const token = await w.token(ingrid.upn);
    for (const path of ['/tenders/%FF%FE', '/sessions/%E0%A4%A', '/toolbox-items/%C0']) {
      const response = await w.api('GET', path, token);
      expectClear4xx(response, /adres/);
    }
    expectClear4xx(
      await w.api('GET', '/tenders/%FF%FE', token, undefined, { 'accept-language': 'en' }),
      /address/,
    );
  });

  it('answers malformed bot activities with 400', async () => {
    const post = (body: unknown) =>
      fetch(w.stack().urls.bot, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const base = {
      type: 'message',
      id: 'act-1',
      channelId: 'msteams',
      from: { id: '29:user', aadObjectId: '3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e74' },
      recipient: { id: '28:bot' },
      conversation: { id: 'conv-bad', conversationType: 'personal' },
      text: 'help',
    };
    for (const body of [
      base,
      { ...base, serviceUrl: 42 },
      { ...base, serviceUrl: 'http://127.0.0.1:1', type: 7 },
      { ...base, serviceUrl: 'http://127.0.0.1:1', conversation: 'conv' },
      { ...base, serviceUrl: 'http://127.0.0.1:1', from: [] },
      { ...base, serviceUrl: 'http://127.0.0.1:1', text: { nested: true } },
      [base],
    ]) {
      const response = await post(body);
      expect(response.status).toBe(400);
      const answer = (await response.json()) as any;
      expect(answer.error.message).toMatch(/activiteit/i);
    }
  });
});
