/**
 * The Graph simulator is only worth something if it is as strict as Graph: these tests show
 * it refuses what Graph refuses, answers the way Graph answers, throttles like Graph, and
 * that our client passes where the SDK's default authentication trips over http://.
 */
import { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivityFeed, type ActivityNotification } from '../functions/src/graph/activity-feed.js';
import { createGraphApi } from '../functions/src/graph/client.js';
import { RetryPolicy } from '../functions/src/graph/retry.js';
import { startGraphSimulator, type GraphSimulator } from './support/graph-simulator.js';

const TOKEN = 'sim-token';
const USER = {
  id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c18',
  userPrincipalName: 'eva.dekker@havendam.example',
  displayName: 'Eva Dekker',
};
const notification: ActivityNotification = {
  topic: { source: 'text', value: 'T-1 · Schoonmaak', webUrl: 'https://mvi.example/tenders/T-1' },
  activityType: 'tenderNudgeCriteria',
  previewText: { content: 'Bekijk welke MVI-criteria passen.' },
  templateParameters: [{ name: 'tenderTitle', value: 'Schoonmaak' }],
  chainId: 42,
};

describe('the Graph simulator', () => {
  let sim: GraphSimulator;
  beforeAll(async () => {
    sim = await startGraphSimulator({ token: TOKEN, users: [USER], rates: { single: 5, bulk: 2 } });
  });
  afterAll(async () => {
    await sim.close();
  });

  const call = async (
    path: string,
    body?: unknown,
    headers: Record<string, string> = {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
    },
  ) => {
    const response = await fetch(`${sim.url}/v1.0${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
  const send = (body: unknown) => call(`/users/${USER.id}/teamwork/sendActivityNotification`, body);

  it('answers without a bearer token, or with another one, as Graph does', async () => {
    const none = await call(`/users/${USER.id}`, undefined, {});
    expect(none.status).toBe(401);
    expect(none.body.error).toMatchObject({
      code: 'InvalidAuthenticationToken',
      message: 'Access token is empty.',
      innerError: { 'request-id': expect.any(String) },
    });
    expect((await call(`/users/${USER.id}`, undefined, { authorization: 'Bearer other' })).status).toBe(401);
  });

  it('shows why our own bearer middleware is needed: the SDK’s handler sends no token to http://', async () => {
    const sdk = Client.init({ baseUrl: sim.url, authProvider: (done) => done(null, TOKEN) });
    await expect(sdk.api(`/users/${USER.id}`).get()).rejects.toMatchObject({ statusCode: 401 });
    const ours = createGraphApi({
      baseUrl: sim.url,
      token: () => Promise.resolve(TOKEN),
      timeoutMs: 2000,
      retry: new RetryPolicy({ maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 }),
    });
    const user = await ours.request(
      'GET',
      `/users/${encodeURIComponent(USER.userPrincipalName)}?$select=id,displayName`,
    );
    expect(user).toMatchObject({ status: 200, body: { id: USER.id, displayName: 'Eva Dekker' } });
    expect(user.body).not.toHaveProperty('userPrincipalName');
  });

  it.each([
    ['a text topic without webUrl', { ...notification, topic: { source: 'text', value: 'T-1' } }, /topic/],
    [
      'an activity type the manifest does not declare',
      { ...notification, activityType: 'somethingElse' },
      /not declared/,
    ],
    [
      'template parameters that do not match the template',
      { ...notification, templateParameters: [{ name: 'title', value: 'x' }] },
      /do not match/,
    ],
    [
      'a property Graph does not know',
      { ...notification, recipient: { userId: USER.id } },
      /Unrecognized key/,
    ],
    ['a preview text that is not an itemBody', { ...notification, previewText: 'hallo' }, /previewText/],
  ])('refuses a notification with %s (400, Graph-style)', async (_name, body, message) => {
    const response = await send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BadRequest');
    expect(response.body.error.message).toMatch(message);
  });

  it('refuses a body without Content-Type application/json', async () => {
    const response = await call(`/users/${USER.id}/teamwork/sendActivityNotification`, notification, {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'text/plain',
    });
    expect(response.status).toBe(415);
  });

  it('refuses bulk notifications to more than 100 people or to recipients of another type', async () => {
    const recipients = (n: number) =>
      Array.from({ length: n }, () => ({
        '@odata.type': 'microsoft.graph.aadUserNotificationRecipient',
        userId: USER.id,
      }));
    expect(
      (
        await call('/teamwork/sendActivityNotificationToRecipients', {
          ...notification,
          recipients: recipients(101),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call('/teamwork/sendActivityNotificationToRecipients', {
          ...notification,
          recipients: [{ '@odata.type': 'microsoft.graph.teamMembersNotificationRecipient', teamId: 'x' }],
        })
      ).status,
    ).toBe(400);
  });

  it('evaluates each part of a JSON batch on its own and names the header exactly Content-Type', async () => {
    const response = await call('/$batch', {
      requests: [
        {
          id: '1',
          method: 'POST',
          url: `/users/${USER.id}/teamwork/sendActivityNotification`,
          headers: { 'Content-Type': 'application/json' },
          body: notification,
        },
        {
          id: '2',
          method: 'POST',
          url: `/users/${USER.id}/teamwork/sendActivityNotification`,
          body: notification,
        },
        { id: '3', method: 'GET', url: '/users/nobody@havendam.example' },
      ],
    });
    expect(response.status).toBe(200);
    const byId = Object.fromEntries(response.body.responses.map((r: any) => [r.id, r]));
    expect(byId['1'].status).toBe(204);
    expect(byId['2']).toMatchObject({
      status: 400,
      headers: { 'Content-Type': 'application/json' },
      body: { error: { message: expect.stringMatching(/Content-Type/) } },
    });
    expect(byId['3'].status).toBe(404);
  });

  it('refuses batches of more than 20 requests or with duplicate ids', async () => {
    const part = (id: string) => ({ id, method: 'GET', url: `/users/${USER.id}` });
    expect(
      (await call('/$batch', { requests: Array.from({ length: 21 }, (_, i) => part(String(i))) })).status,
    ).toBe(400);
    expect((await call('/$batch', { requests: [part('a'), part('A')] })).status).toBe(400);
  });

  it('throttles activity notifications at 5 per second with 429 and Retry-After', async () => {
    // A fresh simulator: its buckets start full, whatever the tests above used.
    const fresh = await startGraphSimulator({ token: TOKEN, users: [USER], rates: { single: 5, bulk: 2 } });
    try {
      const answers = await Promise.all(
        Array.from({ length: 12 }, () =>
          fetch(`${fresh.url}/v1.0/users/${USER.id}/teamwork/sendActivityNotification`, {
            method: 'POST',
            headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
            body: JSON.stringify(notification),
          }),
        ),
      );
      // A full bucket of 5, plus one more for every 200 ms the requests took to arrive (on a busy machine they spread out).
      const arrivals = fresh.requests.map((r) => r.at);
      const refilled = Math.floor(((Math.max(...arrivals) - Math.min(...arrivals)) / 1000) * 5);
      const accepted = answers.filter((a) => a.status === 204).length;
      expect(accepted).toBeGreaterThanOrEqual(5);
      expect(accepted).toBeLessThanOrEqual(5 + refilled + 1);
      const throttled = answers.filter((a) => a.status === 429);
      expect(throttled).toHaveLength(12 - accepted);
      expect(throttled.length).toBeGreaterThan(0);
      expect(Number(throttled[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await fresh.close();
    }
  });

  describe('our activity-feed sender against it', () => {
    const people = Array.from({ length: 6 }, (_, i) => ({
      id: `00000000-0000-4000-8000-00000000000${i}`,
      userPrincipalName: `p${i}@havendam.example`,
      displayName: `P ${i}`,
    }));
    const feedFor = (graph: GraphSimulator, bulkMinRecipients: number) =>
      createActivityFeed({
        graphFor: () =>
          createGraphApi({
            baseUrl: graph.url,
            token: () => Promise.resolve(TOKEN),
            timeoutMs: 2000,
            retry: new RetryPolicy({ maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 5000 }),
          }),
        retry: new RetryPolicy({ maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 5000 }),
        singlePerSecond: 5,
        bulkPerSecond: 2,
        bulkMinRecipients,
        graphOrigin: new URL(graph.url).origin,
      });

    it('sends notifications that are ready together as one JSON batch, within the 5 per second', async () => {
      const graph = await startGraphSimulator({ token: TOKEN, users: people, rates: { single: 5, bulk: 2 } });
      try {
        const feed = feedFor(graph, 100);
        const outcomes = await Promise.all(
          people.map((p, i) => feed.send('t', p.id, { ...notification, chainId: i + 1 })),
        );
        expect(outcomes.every((o) => o.status === 'delivered')).toBe(true);
        // The ones ready together went as one batch, each part counted against the limit…
        const [batch] = graph.requests.filter((r) => r.path === '/$batch');
        expect(graph.requests.filter((r) => r.batch?.seq === batch!.seq).length).toBeGreaterThanOrEqual(4);
        // …and the rest waited for the next token instead of provoking a 429 from the limiter.
        expect(graph.requests.filter((r) => r.status === 429)).toEqual([]);
        expect(graph.notifications).toHaveLength(6);
      } finally {
        await graph.close();
      }
    });

    it('sends one identical notification to many people as one bulk request', async () => {
      const graph = await startGraphSimulator({ token: TOKEN, users: people, rates: { single: 5, bulk: 2 } });
      try {
        const feed = feedFor(graph, 5);
        const outcomes = await Promise.all(people.map((p) => feed.send('t', p.id, notification)));
        expect(outcomes.map((o) => o.status === 'delivered' && o.via)).toEqual(Array(6).fill('bulk'));
        const [bulk] = graph.requests.filter(
          (r) => r.path === '/teamwork/sendActivityNotificationToRecipients',
        );
        expect(bulk).toMatchObject({ status: 202 });
        expect((bulk!.body as any).recipients).toEqual(
          people.map((p) => ({
            '@odata.type': 'microsoft.graph.aadUserNotificationRecipient',
            userId: p.id,
          })),
        );
      } finally {
        await graph.close();
      }
    });
  });
});
