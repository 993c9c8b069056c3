/**
 * Storage outages as a person notices them: while the storage account is unreachable every
 * call answers 503 at once with a message to read (and Retry-After), not a generic 500 after
 * seconds of retries; when storage comes back empty (an in-memory Azurite restarted) the
 * backend creates its tables and queues again by itself, calls work and nudges flow again,
 * and the queue worker does not fill the log meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../scripts/dev/demo-data.js';
import { seedDemoData } from '../scripts/dev/seed.js';
import { startStack, type Stack } from '../scripts/dev/stack.js';
import { startGraphSimulator, type GraphSimulator } from './support/graph-simulator.js';
import { DIRECTORY, GRAPH_TOKEN, TestClock } from './support/nudges.js';

const ingrid = DEMO_USERS.find((u) => u.upn.startsWith('ingrid'))!;
const eva = DIRECTORY.find((u) => u.userPrincipalName.startsWith('eva'))!;

describe('a storage outage', () => {
  let stack: Stack;
  let graph: GraphSimulator;
  const logs: string[] = [];
  const clock = new TestClock(new Date('2027-03-02T09:30:00Z'));

  beforeAll(async () => {
    graph = await startGraphSimulator({ token: GRAPH_TOKEN, users: DIRECTORY, rates: false });
    stack = await startStack({
      ports: { blob: 0, queue: 0, table: 0, idp: 0, functions: 0, bot: 0, tab: 0 },
      tab: false,
      timers: false,
      clock,
      env: { GRAPH_BASE_URL: graph.url, GRAPH_AUTH: 'static', GRAPH_STATIC_TOKEN: GRAPH_TOKEN },
      log: (level, message) => logs.push(`${level} ${message}`),
    });
  }, 60_000);
  afterAll(async () => {
    if (process.env['SHOW_LOGS']) console.log(logs.join('\n'));
    await stack?.stop();
    await graph?.close();
  });

  const call = async (method: string, path: string, token: string, body?: unknown, lang = 'nl') => {
    const response = await fetch(`${stack.urls.api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'accept-language': lang,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
  /** Log lines of the queue worker about the nudges queue failing or missing. */
  const queueComplaints = () =>
    logs.filter((l) => /nudges/.test(l) && /(fail|not exist|missing|unreachable)/i.test(l)).length;

  it('answers 503 with a message to read and Retry-After while storage is down', async () => {
    const token = await stack.idp.issue(ingrid.upn);
    expect((await call('GET', '/me', token)).status).toBe(200);

    await stack.storage.stop();
    const me = await call('GET', '/me', token);
    expect(me.status).toBe(503);
    expect(me.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(me.body.error.message).toMatch(/opslag.*niet bereikbaar/i);

    const create = await call(
      'POST',
      '/tenders',
      token,
      { reference: 'OUT-1', title: 'Schoonmaak', cpv: ['90910000'], kickoffDate: '2027-04-30' },
      'en',
    );
    expect(create.status).toBe(503);
    expect(create.body.error.message).toMatch(/storage.*unreachable/i);
    // Let the queue worker poll the unreachable queue for a while.
    await new Promise((resolve) => setTimeout(resolve, 4000));
  }, 60_000);

  it('works again when a fresh, empty storage comes back: tables and queues are created again', async () => {
    await stack.storage.restart();
    // The data of an in-memory store is gone; the people and municipalities are put back.
    await seedDemoData(
      { ...stack.services.repos, createToolboxItemIfMissing: () => Promise.resolve() },
      stack.services.clock,
    );
    const token = await stack.idp.issue(ingrid.upn);
    const me = await call('GET', '/me', token);
    expect(me.status).toBe(200);

    const created = await call('POST', '/tenders', token, {
      reference: 'BACK-1',
      title: 'Schoonmaak na de storing',
      description: 'Dagelijkse schoonmaak van kantoren.',
      cpv: ['90910000'],
      estimatedValueEur: 400_000,
      commissioningManager: { upn: eva.userPrincipalName },
      kickoffDate: '2027-03-30',
    });
    expect(created.status).toBe(201);
    await stack.host!.runTimer('nudges-dispatch');
    await expect
      .poll(() => graph.notifications.filter((n) => n.userId === eva.id).length, {
        timeout: 20_000,
        interval: 100,
      })
      .toBe(1);

    // About 5 s of outage and recovery: a few lines about the queue, not one per poll.
    expect(queueComplaints()).toBeGreaterThan(0);
    expect(queueComplaints()).toBeLessThanOrEqual(3);
  }, 60_000);
});
