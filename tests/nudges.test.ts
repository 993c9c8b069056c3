/**
 * MVI nudges end to end: the real local stack (Azurite, backend, queue worker, bot) against
 * the Graph simulator. The timer is run by hand, the business clock is moved by hand; the
 * queue worker runs as the Functions host would run it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainIdOf, keyOf } from '../core/src/nudges/index.js';
import { DEMO_TENANT_ID, DEMO_USERS } from '../scripts/dev/demo-data.js';
import { encodeMessage } from '../functions/src/nudges/messages.js';
import { cardProblems, cardText } from './support/adaptive-cards.js';
import { startConnector, type Connector } from './support/connector.js';
import { DIRECTORY, useNudgeWorld } from './support/nudges.js';

const ingrid = DEMO_USERS.find((u) => u.upn.startsWith('ingrid'))!;
const pieter = DEMO_USERS.find((u) => u.upn.startsWith('pieter'))!;
const eva = DIRECTORY.find((u) => u.userPrincipalName.startsWith('eva'))!;
const sem = DIRECTORY.find((u) => u.userPrincipalName.startsWith('sem'))!;

const tender = (reference: string, kickoffDate: string, manager = eva.userPrincipalName) => ({
  reference,
  title: `Schoonmaak ${reference}`,
  description: 'Dagelijkse schoonmaak en glasbewassing van kantoren.',
  cpv: ['90910000'],
  estimatedValueEur: 400_000,
  commissioningManager: { upn: manager },
  kickoffDate,
});

describe('MVI nudges through Microsoft Graph', () => {
  const w = useNudgeWorld({
    graph: { installedFor: DIRECTORY.filter((u) => u.id !== sem.id).map((u) => u.id) },
  });
  let admin: string;
  const create = async (body: ReturnType<typeof tender>) => {
    const response = await w.api('POST', '/tenders', admin, body);
    expect(response.status).toBe(201);
    return response.body;
  };
  const runTimer = () => w.stack().host!.runTimer('nudges-dispatch');
  const sendsFor = (reference: string) =>
    w
      .graph()
      .requests.filter(
        (r) =>
          r.path.endsWith('/sendActivityNotification') &&
          (r.body as any)?.topic?.value?.startsWith(reference),
      );

  beforeAll(async () => {
    admin = await w.token(ingrid.upn);
  });

  it('sends the due nudge to the manager’s activity feed, shaped as Graph documents it', async () => {
    w.clock.set('2027-03-02T09:30:00Z');
    await create(tender('N-001', '2027-03-30'));
    await runTimer();
    await w.queueDrained();

    expect(await w.nudge('N-001', 'prepare')).toMatchObject({
      status: 'delivered',
      channels: { feed: { status: 'delivered' } },
    });
    expect(await w.nudge('N-001', 'criteria')).toMatchObject({
      status: 'scheduled',
      dueAt: '2027-03-16T08:00:00.000Z',
    });
    const [request] = sendsFor('N-001');
    expect(request).toMatchObject({
      method: 'POST',
      path: `/users/${eva.id}/teamwork/sendActivityNotification`,
      status: 204,
    });
    // Sent alone or as a part of a JSON $batch (other due nudges may go out at the same
    // moment): the bearer travels on the HTTP request that carried it.
    const carrier = request!.batch ? w.graph().requests.find((r) => r.seq === request!.batch!.seq) : request;
    expect(carrier!.headers['authorization']).toBe('Bearer simulated-graph-token');
    const contentType = Object.entries(request!.headers).find(
      ([k]) => k.toLowerCase() === 'content-type',
    )?.[1];
    expect(contentType).toMatch(/^application\/json/);
    expect(request!.body).toEqual({
      topic: {
        source: 'text',
        value: 'N-001 · Schoonmaak N-001',
        webUrl: `${w.stack().backendSettings['TAB_BASE_URL']}/tenders/N-001`,
      },
      activityType: 'tenderNudgePrepare',
      previewText: {
        content:
          'De kick-off van “Schoonmaak N-001” is op 30 maart 2027. Plan nu een Ambitieweb-sessie en betrek het MVI-team.',
      },
      templateParameters: [{ name: 'tenderTitle', value: 'Schoonmaak N-001' }],
      chainId: chainIdOf({ municipalityId: 'havendam', reference: 'N-001', stage: 'prepare' }),
    });
  });

  it('sends the next stage on its day, at the start of office hours and not before', async () => {
    w.clock.set('2027-03-16T07:55:00Z'); // 08:55 in Amsterdam
    await runTimer();
    await w.queueDrained();
    expect(await w.nudge('N-001', 'criteria')).toMatchObject({ status: 'scheduled' });

    w.clock.set('2027-03-16T08:00:00Z');
    await runTimer();
    await w.queueDrained();
    expect(await w.nudge('N-001', 'criteria')).toMatchObject({ status: 'delivered' });
    expect(sendsFor('N-001').map((r) => (r.body as any).activityType)).toEqual([
      'tenderNudgePrepare',
      'tenderNudgeCriteria',
    ]);
  });

  it('never notifies twice when the queue delivers a message again', async () => {
    const delivered = await w.nudge('N-001', 'criteria');
    const before = sendsFor('N-001').length;
    const queue = w.stack().services.storage.queue('nudges');
    await queue.sendMessage(
      encodeMessage({
        v: 1,
        municipalityId: 'havendam',
        key: keyOf(delivered!),
        dispatchId: delivered!.dispatchId!,
      }),
    );
    await queue.sendMessage(
      encodeMessage({
        v: 1,
        municipalityId: 'havendam',
        key: keyOf(delivered!),
        dispatchId: delivered!.dispatchId!,
      }),
    );
    await w.queueDrained();
    expect(sendsFor('N-001')).toHaveLength(before);
    expect((await w.nudge('N-001', 'criteria'))!.attempts).toBe(1);
  });

  it('queues a due nudge once when two timer runs overlap', async () => {
    w.clock.set('2027-03-03T10:00:00Z');
    await create(tender('N-002', '2027-03-29'));
    const reports = await Promise.all([
      w.stack().services.nudges.runTimer(),
      w.stack().services.nudges.runTimer(),
    ]);
    await w.queueDrained();
    expect(reports.reduce((n, r) => n + r.queued, 0)).toBeGreaterThanOrEqual(1);
    expect(sendsFor('N-002')).toHaveLength(1);
    expect(
      w
        .graph()
        .feedOf(eva.id)
        .filter((n) => n.topic.value.startsWith('N-002')),
    ).toHaveLength(1);
  });

  it('takes over a delivery whose worker stopped, and Teams still shows the notification once', async () => {
    // A worker sent N-002's notification and stopped before confirming it: the record says
    // "sending" with a lease that has run out.
    const store = w.stack().services.nudges.store;
    const [versioned] = (await store.listForTender('havendam', 'N-002')).filter(
      (v) => v.value.stage === 'prepare',
    );
    const { deliveredAt: _d, ...sent } = versioned!.value;
    await store.replace(
      {
        ...sent,
        status: 'sending',
        channels: {},
        lease: { id: 'dead-worker', until: '2027-03-03T10:01:00Z' },
      },
      versioned!.etag,
    );

    w.clock.set('2027-03-03T10:30:00Z');
    await runTimer();
    await w.queueDrained();
    const record = await w.nudge('N-002', 'prepare');
    expect(record).toMatchObject({ status: 'delivered' });
    expect(record!.history.map((h) => h.event)).toContain('requeued');
    // Graph got it twice, with the same chainId: the second replaces the first in the feed.
    expect(sendsFor('N-002')).toHaveLength(2);
    expect(
      w
        .graph()
        .feedOf(eva.id)
        .filter((n) => n.topic.value.startsWith('N-002')),
    ).toHaveLength(1);
  });

  it('waits as long as Graph’s Retry-After says on a 429', async () => {
    w.clock.set('2027-03-04T10:00:00Z');
    w.graph().inject({
      path: new RegExp(`/users/${eva.id}/teamwork/sendActivityNotification`),
      status: 429,
      retryAfterSeconds: 1,
    });
    await create(tender('N-003', '2027-03-26'));
    await runTimer();
    await w.queueDrained();
    expect(await w.nudge('N-003', 'prepare')).toMatchObject({ status: 'delivered' });
    const [throttled, retried] = sendsFor('N-003');
    expect(throttled!.status).toBe(429);
    expect(retried!.status).toBe(204);
    expect(retried!.at - throttled!.at).toBeGreaterThanOrEqual(1000);
  });

  it('re-plans a nudge when Graph asks for a longer pause than one attempt may wait', async () => {
    w.clock.set('2027-03-04T11:00:00Z');
    w.graph().inject({
      path: new RegExp(`/users/${eva.id}/teamwork/sendActivityNotification`),
      status: 429,
      retryAfterSeconds: 10,
    });
    await create(tender('N-03B', '2027-03-26'));
    await runTimer();
    await w.queueDrained();
    expect(await w.nudge('N-03B', 'prepare')).toMatchObject({
      status: 'scheduled',
      deferredUntil: '2027-03-04T11:00:10.000Z',
      attempts: 1,
      lastError: { code: 'TooManyRequests', status: 429 },
    });
    expect(await w.poisonCount()).toBe(0);

    w.clock.set('2027-03-04T11:00:05Z');
    await runTimer();
    await w.queueDrained();
    expect(sendsFor('N-03B')).toHaveLength(1);

    w.clock.set('2027-03-04T11:00:10Z');
    await runTimer();
    await w.queueDrained();
    expect(await w.nudge('N-03B', 'prepare')).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(sendsFor('N-03B').map((r) => r.status)).toEqual([429, 204]);
  });

  it('retries a 503 and a request that times out, and delivers once', async () => {
    w.clock.set('2027-03-05T10:00:00Z');
    const path = new RegExp(`/users/${eva.id}/teamwork/sendActivityNotification`);
    w.graph().inject({ path, status: 503 });
    w.graph().inject({ path, hang: true });
    await create(tender('N-004', '2027-03-31'));
    await runTimer();
    await w.queueDrained();
    w.graph().reset();
    expect(await w.nudge('N-004', 'prepare')).toMatchObject({ status: 'delivered' });
    expect(sendsFor('N-004').map((r) => r.status)).toEqual([503, 0, 204]);
    expect(w.graph().notifications.filter((n) => n.topic.value.startsWith('N-004'))).toHaveLength(1);
  });

  it('after five failed attempts moves the message to the poison queue and shows the MVI team why', async () => {
    w.clock.set('2027-03-08T10:00:00Z');
    w.graph().inject({
      path: new RegExp(`/users/${eva.id}/teamwork/sendActivityNotification`),
      status: 503,
      times: Infinity,
      message: 'Teams is down.',
    });
    await create(tender('N-005', '2027-04-02'));
    const poisonBefore = await w.poisonCount();
    await runTimer();
    await w.queueDrained();
    w.graph().clearFaults();

    const record = await w.nudge('N-005', 'prepare');
    expect(record).toMatchObject({
      status: 'failed',
      reason: 'gave-up',
      attempts: 5,
      lastError: { code: 'ServiceUnavailable', status: 503 },
    });
    expect(await w.poisonCount()).toBe(poisonBefore + 1);
    // Three tries per delivery attempt, five attempts.
    expect(sendsFor('N-005')).toHaveLength(15);

    const status = await w.api('GET', '/nudges/status', admin);
    expect(status.status).toBe(200);
    expect(status.body.failed).toContainEqual(
      expect.objectContaining({
        reference: 'N-005',
        stage: 'prepare',
        status: 'failed',
        reason: 'gave-up',
        lastError: expect.objectContaining({ message: expect.stringContaining('Teams is down.') }),
      }),
    );
  });

  it('records that the app is not installed for the recipient', async () => {
    w.clock.set('2027-03-09T10:00:00Z');
    await create(tender('N-006', '2027-04-05', sem.userPrincipalName));
    await runTimer();
    await w.queueDrained();
    expect(await w.nudge('N-006', 'prepare')).toMatchObject({
      status: 'failed',
      reason: 'not-installed',
      channels: { feed: { status: 'not-installed' } },
    });
    expect(w.graph().notifications.filter((n) => n.userId === sem.id)).toEqual([]);
  });

  it('does not nudge someone who opted out, and resumes after they opt in again', async () => {
    w.clock.set('2027-03-10T10:00:00Z');
    const pieterToken = await w.token(pieter.upn);
    expect((await w.api('PUT', '/me/nudge-preferences', pieterToken, { optedOut: true })).body).toEqual({
      optedOut: true,
    });
    expect((await w.api('GET', '/me/nudge-preferences', pieterToken)).body).toEqual({ optedOut: true });
    await create(tender('N-007', '2027-04-05', pieter.upn));
    await runTimer();
    await w.queueDrained();
    expect(await w.nudge('N-007', 'prepare')).toMatchObject({ status: 'suppressed', reason: 'opted-out' });

    await w.api('PUT', '/me/nudge-preferences', pieterToken, { optedOut: false });
    w.clock.set('2027-03-22T08:00:00Z'); // criteria day: 14 days before Monday 5 April
    await runTimer();
    await w.queueDrained();
    expect(await w.nudge('N-007', 'criteria')).toMatchObject({ status: 'delivered' });
    expect(sendsFor('N-007').map((r) => (r.body as any).activityType)).toEqual(['tenderNudgeCriteria']);
  });

  it('holds a snoozed tender’s nudges and then sends only the latest due stage', async () => {
    w.clock.set('2027-03-11T10:00:00Z');
    const evaTenderRef = 'N-008';
    await create(tender(evaTenderRef, '2027-04-12'));
    // The manager is Eva; the MVI team snoozes on her behalf until 30 March.
    const snoozed = await w.api('PUT', `/tenders/${evaTenderRef}/snooze`, admin, { until: '2027-03-30' });
    expect(snoozed.body).toEqual({ snoozedUntil: '2027-03-30' });
    await runTimer();
    await w.queueDrained();
    expect(await w.nudge(evaTenderRef, 'prepare')).toMatchObject({ status: 'scheduled' });

    w.clock.set('2027-03-30T08:00:00Z'); // both prepare (12 March) and criteria (29 March) are due now
    await runTimer();
    await w.queueDrained();
    expect(await w.nudge(evaTenderRef, 'prepare')).toMatchObject({ status: 'skipped', reason: 'superseded' });
    expect(await w.nudge(evaTenderRef, 'criteria')).toMatchObject({ status: 'delivered' });
    expect(sendsFor(evaTenderRef).map((r) => (r.body as any).activityType)).toEqual(['tenderNudgeCriteria']);
  });

  it('lets only the commissioning manager or the MVI team snooze, and only into the future', async () => {
    const fatma = await w.token('fatma.yilmaz@rietmond.example');
    expect((await w.api('PUT', '/tenders/N-008/snooze', fatma, { until: '2027-04-10' })).status).toBe(404);
    const past = await w.api('PUT', '/tenders/N-008/snooze', admin, { until: '2027-03-01' });
    expect(past.status).toBe(400);
    expect(past.body.error.message).toMatch(/na vandaag/);
  });

  it('shows delivery details to the MVI team only', async () => {
    const pieterToken = await w.token(pieter.upn);
    expect((await w.api('GET', '/nudges/status', pieterToken)).status).toBe(403);
    const own = await w.api('GET', '/tenders/N-007', pieterToken);
    expect(own.status).toBe(200);
    expect(own.body.nudges.map((n: any) => [n.stage, n.status])).toEqual([
      ['prepare', 'suppressed'],
      ['criteria', 'delivered'],
      ['kickoff', 'scheduled'],
    ]);
    expect(own.body.nudges[1]).not.toHaveProperty('channels');
    expect(own.body.nudges[1]).not.toHaveProperty('lastError');
    expect(own.body.permissions).toEqual({ edit: false, snooze: true, seeDelivery: false, recordMvi: true });

    const asAdmin = await w.api('GET', '/tenders/N-007', admin);
    expect(asAdmin.body.nudges[1]).toMatchObject({
      channels: { feed: { status: 'delivered' } },
      attempts: 1,
    });
    const overview = await w.api('GET', '/nudges/status', admin);
    const row = overview.body.tenders.find((t: any) => t.reference === 'N-006');
    expect(row.nudges.find((n: any) => n.stage === 'prepare')).toMatchObject({
      status: 'failed',
      reason: 'not-installed',
    });
    expect(overview.body.summary.delivered).toBeGreaterThan(0);
  });

  it('lets the MVI team send a failed nudge again', async () => {
    w.clock.set('2027-04-07T09:00:00Z');
    const retried = await w.api('POST', '/tenders/N-005/nudges/prepare/retry', admin);
    expect(retried.body).toEqual({ retried: 1 });
    await runTimer();
    await w.queueDrained();
    // Its kickoff (2 April) has passed by now: the nudge is skipped, not sent late.
    expect(await w.nudge('N-005', 'prepare')).toMatchObject({ status: 'skipped', reason: 'kickoff-passed' });
  });
});

describe('the advice card from the bot', () => {
  const w = useNudgeWorld({ start: '2027-03-02T09:30:00Z' });
  let connector: Connector;
  beforeAll(async () => {
    connector = await startConnector();
  });
  afterAll(async () => {
    await connector.close();
  });
  /** Eva installs the bot in a personal chat: the bot keeps the conversation reference. */
  const installFor = (id: string, conversationId: string) =>
    fetch(w.stack().urls.bot, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'installationUpdate',
        action: 'add',
        id,
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        from: { id: '29:eva', name: eva.displayName, aadObjectId: eva.id },
        recipient: { id: '28:bot', name: 'MVI Companion' },
        conversation: { id: conversationId, conversationType: 'personal', tenantId: DEMO_TENANT_ID },
        channelData: { tenant: { id: DEMO_TENANT_ID } },
        locale: 'nl-NL',
      }),
    });

  it('posts the advice card proactively when the manager has the bot, next to the feed notification', async () => {
    // Eva installs the bot: the bot keeps the conversation reference.
    expect((await installFor('install-eva', 'c-eva')).status).toBe(200);
    const admin = await w.token(ingrid.upn);
    expect((await w.api('POST', '/tenders', admin, tender('B-001', '2027-03-15'))).status).toBe(201);
    await w.stack().host!.runTimer('nudges-dispatch');
    await w.queueDrained();

    const record = await w.nudge('B-001', 'criteria');
    expect(record).toMatchObject({
      status: 'delivered',
      channels: { feed: { status: 'delivered' }, bot: { status: 'delivered' } },
    });
    const [reply] = await connector.waitFor('c-eva', 1);
    const card = reply!.activity.attachments[0].content;
    expect(cardProblems(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('Deze MVI-criteria passen bij uw aanbesteding');
    expect(text).toContain('B-001 · Schoonmaak B-001');
    expect(text).toContain('Schoonmaak en glasbewassing');
    expect(text).toMatch(/De kick-off is op 15 maart 2027/);
  });

  it('gives the nudge card each theme at the level of the tender’s settled Ambitieweb', async () => {
    expect((await installFor('install-eva-web', 'c-eva-web')).status).toBe(200);
    const admin = await w.token(ingrid.upn);
    expect((await w.api('POST', '/tenders', admin, tender('B-WEB', '2027-03-15'))).status).toBe(201);
    // The tender's web: climate not chosen (0), every other theme basic; settled and closed.
    const web = await w.api('POST', '/ambitiewebs', admin, { owner: { kind: 'tender', reference: 'B-WEB' } });
    expect(web.status).toBe(201);
    const id = web.body.web.id as string;
    for (const axisId of [
      'climate',
      'environment',
      'circular',
      'supply-chain',
      'diversity-inclusion',
      'social-return',
    ])
      expect(
        (
          await w.api('POST', `/ambitiewebs/${id}/scores`, admin, {
            axisId,
            score: axisId === 'climate' ? 0 : 1,
            ...(axisId === 'climate' ? { reason: 'Al elektrisch' } : {}),
          })
        ).status,
      ).toBe(200);
    expect((await w.api('POST', `/ambitiewebs/${id}/close`, admin, {})).status).toBe(200);

    await w.stack().host!.runTimer('nudges-dispatch');
    await w.queueDrained();
    expect(await w.nudge('B-WEB', 'criteria')).toMatchObject({ status: 'delivered' });
    const [reply] = await connector.waitFor('c-eva-web', 1);
    const text = cardText(reply!.activity.attachments[0].content);
    expect(text).toContain('B-WEB');
    expect(text).toMatch(/niet gekozen in het Ambitieweb van B-WEB/);
  });

  it('never posts the card twice when an attempt stopped while posting it', async () => {
    const store = w.stack().services.nudges.store;
    const [versioned] = (await store.listForTender('havendam', 'B-001')).filter(
      (v) => v.value.stage === 'criteria',
    );
    const { deliveredAt: _d, ...rest } = versioned!.value;
    await store.replace(
      {
        ...rest,
        status: 'sending',
        channels: { bot: { status: 'sending', at: rest.updatedAt } },
        lease: { id: 'dead', until: '2027-03-02T09:00:00Z' },
      },
      versioned!.etag,
    );
    await w.stack().host!.runTimer('nudges-dispatch');
    await w.queueDrained();
    const record = await w.nudge('B-001', 'criteria');
    expect(record).toMatchObject({
      status: 'delivered',
      channels: { bot: { status: 'unknown' }, feed: { status: 'delivered' } },
    });
    expect(connector.replies.filter((r) => r.conversationId === 'c-eva')).toHaveLength(1);
  });
});

describe('installing the app for a recipient who lacks it', () => {
  const CATALOG_ID = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
  const w = useNudgeWorld({
    env: { TEAMS_CATALOG_APP_ID: CATALOG_ID },
    graph: { catalogAppId: CATALOG_ID, installedFor: [], installBlockedFor: [sem.id] },
  });

  it('installs the app through Graph first, then notifies', async () => {
    const admin = await w.token(ingrid.upn);
    await w.api('POST', '/tenders', admin, tender('I-001', '2027-03-30'));
    await w.stack().host!.runTimer('nudges-dispatch');
    await w.queueDrained();
    expect(await w.nudge('I-001', 'prepare')).toMatchObject({
      status: 'delivered',
      channels: { feed: { status: 'delivered', installed: true } },
    });
    const install = w.graph().requests.find((r) => r.path === `/users/${eva.id}/teamwork/installedApps`);
    expect(install).toMatchObject({
      method: 'POST',
      status: 201,
      body: {
        'teamsApp@odata.bind': `${new URL(w.graph().url).origin}/v1.0/appCatalogs/teamsApps/${CATALOG_ID}`,
      },
    });
    expect(w.graph().installs).toContain(eva.id);
  });

  it('records a blocked installation as such', async () => {
    const admin = await w.token(ingrid.upn);
    await w.api('POST', '/tenders', admin, tender('I-002', '2027-03-30', sem.userPrincipalName));
    await w.stack().host!.runTimer('nudges-dispatch');
    await w.queueDrained();
    expect(await w.nudge('I-002', 'prepare')).toMatchObject({ status: 'failed', reason: 'install-blocked' });
  });
});

describe('without Microsoft Graph (as `npm start` runs)', () => {
  const w = useNudgeWorld({ env: { GRAPH_AUTH: 'none' } });
  let connector: Connector;
  beforeAll(async () => {
    connector = await startConnector();
  });
  afterAll(async () => {
    await connector.close();
  });

  it('still reaches a manager who has the bot, and tells the MVI team why others were not reached', async () => {
    await fetch(w.stack().urls.bot, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'installationUpdate',
        action: 'add',
        id: 'install-eva-2',
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        from: { id: '29:eva', aadObjectId: eva.id },
        recipient: { id: '28:bot' },
        conversation: { id: 'c-eva-2', conversationType: 'personal', tenantId: DEMO_TENANT_ID },
        channelData: { tenant: { id: DEMO_TENANT_ID } },
      }),
    });
    const admin = await w.token(ingrid.upn);
    expect(
      (
        await w.api('POST', '/tenders', admin, {
          ...tender('G-001', '2027-03-30'),
          commissioningManager: { userId: eva.id, displayName: 'Eva Dekker' },
        })
      ).status,
    ).toBe(201);
    expect(
      (await w.api('POST', '/tenders', admin, tender('G-002', '2027-03-30', sem.userPrincipalName))).status,
    ).toBe(201);
    await w.stack().host!.runTimer('nudges-dispatch');
    await w.queueDrained();

    expect(await w.nudge('G-001', 'prepare')).toMatchObject({
      status: 'delivered',
      channels: { feed: { status: 'not-configured' }, bot: { status: 'delivered' } },
    });
    expect(await connector.waitFor('c-eva-2', 1)).toHaveLength(1);
    expect(await w.nudge('G-002', 'prepare')).toMatchObject({
      status: 'failed',
      reason: 'no-channel',
      recipient: { key: `upn:${sem.userPrincipalName}` },
    });
    expect(w.graph().requests).toEqual([]);
  });
});
