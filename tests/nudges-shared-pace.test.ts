/**
 * Graph's activity-feed limit (5 requests per second per app per tenant) holds for the app,
 * not for one process: two backend instances sharing one storage account deliver nudges
 * from one queue and together never send Graph more than its limit in any second, and a
 * 429 that one of them gets pauses the other as well. Each nudge reaches its manager once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tender as tenderSchema, type Tender } from '../core/src/index.js';
import { loadBackendConfig } from '../functions/src/config.js';
import { startLocalHost, type LocalHost } from '../functions/src/local-host.js';
import { buildFunctions } from '../functions/src/registry.js';
import { createServices, type Services } from '../functions/src/services.js';
import { DEMO_TENANT_ID } from '../scripts/dev/demo-data.js';
import { startStack, type Stack } from '../scripts/dev/stack.js';
import {
  startGraphSimulator,
  type GraphSimulator,
  type LoggedRequest,
  type SimUser,
} from './support/graph-simulator.js';
import { GRAPH_TOKEN, TestClock } from './support/nudges.js';

const MUNICIPALITY = 'gedeeldstad';
const TENDERS = 30;
const LIMIT = 5;
const users: SimUser[] = Array.from({ length: TENDERS }, (_, i) => ({
  id: `c0000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
  userPrincipalName: `manager${i + 1}@gedeeldstad.example`,
  displayName: `Manager ${i + 1}`,
}));
/** A 30 June kickoff: "prepare" is due 31 May, "criteria" 16 June (10:00 in Amsterdam). */
const PLANNED_AT = '2027-05-25T08:00:00Z';
const PREPARE_AT = '2027-05-31T08:00:00Z';
const CRITERIA_AT = '2027-06-16T08:00:00Z';

describe('two backend instances sharing one storage account', () => {
  let graph: GraphSimulator;
  let stack: Stack;
  let second: Services;
  let secondHost: LocalHost;
  const clock = new TestClock(new Date(PLANNED_AT));

  beforeAll(async () => {
    graph = await startGraphSimulator({ token: GRAPH_TOKEN, users, rates: { single: LIMIT, bulk: 2 } });
    const env = {
      GRAPH_BASE_URL: graph.url,
      GRAPH_AUTH: 'static',
      GRAPH_STATIC_TOKEN: GRAPH_TOKEN,
      GRAPH_TIMEOUT_MS: '2000',
      GRAPH_RETRY_BASE_MS: '50',
      GRAPH_RETRY_MAX_MS: '5000',
      GRAPH_RATE_SINGLE_PER_SECOND: String(LIMIT),
      GRAPH_RATE_BULK_PER_SECOND: '2',
    };
    stack = await startStack({
      ports: { blob: 0, queue: 0, table: 0, idp: 0, functions: 0, bot: 0, tab: 0 },
      tab: false,
      timers: false,
      seed: false,
      clock,
      env,
    });
    // The second instance: its own process state (Graph client, pacing), the same storage and queue.
    second = createServices(loadBackendConfig(stack.backendSettings), clock);
    await second.ready();
    secondHost = await startLocalHost({
      functions: buildFunctions(() => second).filter((f) => f.kind === 'queue'),
      listeners: [],
      queue: (name) => second.storage.queue(name),
      timers: false,
    });
    await stack.services.repos.municipalities.upsert({
      id: MUNICIPALITY,
      name: 'Gemeente Gedeeldstad',
      regionId: 'regio-gedeeld',
      tenantId: DEMO_TENANT_ID,
    });
    const tenders: Tender[] = users.map((user, i) =>
      tenderSchema.parse({
        municipalityId: MUNICIPALITY,
        reference: `G-${String(i + 1).padStart(3, '0')}`,
        title: `Aanbesteding ${i + 1}`,
        cpv: ['90910000'],
        commissioningManager: { userId: user.id, upn: user.userPrincipalName, displayName: user.displayName },
        kickoffDate: '2027-06-30',
      }),
    );
    await stack.services.nudges.tenders.upsertAll(MUNICIPALITY, tenders);
    await stack.services.nudges.runTimer();
  }, 60_000);

  afterAll(async () => {
    await secondHost?.close();
    await stack?.stop();
    await graph?.close();
  });

  const isNotification = (r: LoggedRequest) => r.path.endsWith('/teamwork/sendActivityNotification');
  const notificationRequests = () => graph.requests.filter(isNotification);

  const deliverStage = async (at: string, stage: string): Promise<void> => {
    clock.set(at);
    const report = await stack.services.nudges.runTimer();
    expect(report.queued).toBe(TENDERS);
    await expect
      .poll(
        async () =>
          (await stack.services.nudges.store.listForMunicipality(MUNICIPALITY)).filter(
            (r) => r.value.stage === stage && r.value.status === 'delivered',
          ).length,
        { timeout: 60_000, interval: 200 },
      )
      .toBe(TENDERS);
  };

  it('stays within Graph’s limit in every second together, each nudge delivered once, both instances sending', async () => {
    await deliverStage(PREPARE_AT, 'prepare');

    expect(notificationRequests().length).toBeGreaterThanOrEqual(TENDERS);
    expect(graph.maxPerSecond(isNotification)).toBeLessThanOrEqual(LIMIT);
    expect(graph.overLimit.single).toBe(0);
    const delivered = graph.notifications.map((n) => `${n.userId}|${n.chainId}`);
    expect(delivered).toHaveLength(TENDERS);
    expect(new Set(delivered).size).toBe(TENDERS);
    expect(stack.services.nudges.feed!.stats.requests).toBeGreaterThan(0);
    expect(second.nudges.feed!.stats.requests).toBeGreaterThan(0);
  }, 90_000);

  it('pauses both instances when Graph answers one of them 429 with Retry-After', async () => {
    const before = notificationRequests().length;
    graph.inject({ path: /\/teamwork\/sendActivityNotification$/, status: 429, retryAfterSeconds: 3 });
    await deliverStage(CRITERIA_AT, 'criteria');

    const sent = notificationRequests().slice(before);
    const throttled = sent.find((r) => r.status === 429)!;
    expect(throttled).toBeDefined();
    // Requests already on their way may still arrive in the first second (a busy machine is
    // slow to write the pause); after that, nobody sends until Graph's three seconds are over.
    const during = sent.filter((r) => r.at > throttled.at + 1000 && r.at < throttled.at + 2900);
    expect(during).toEqual([]);
    expect(graph.maxPerSecond(isNotification)).toBeLessThanOrEqual(LIMIT);
    const delivered = graph.notifications.map((n) => `${n.userId}|${n.chainId}`);
    expect(delivered).toHaveLength(2 * TENDERS);
    expect(new Set(delivered).size).toBe(2 * TENDERS);
  }, 90_000);
});
