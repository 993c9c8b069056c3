/**
 * Teams activity-feed notifications through Graph, paced to Graph's limits per app per
 * tenant: sendActivityNotification (5 requests/s; several go out together in one JSON
 * batch, each counted on its own) and sendActivityNotificationToRecipients (2 requests/s,
 * up to 100 recipients of one identical notification). Callers send one notification for
 * one person and wait for that person's outcome; the sender groups, batches, retries (429
 * after Retry-After, 5xx and timeouts with jittered back-off) and, where configured,
 * installs the app for a person who does not have it.
 */
import { BATCH_LIMIT, sendBatch, type BatchPart, type BatchResult } from './batch.js';
import type { GraphApi } from './client.js';
import { GraphCallError, graphErrorOf, kindOfStatus } from './errors.js';
import { localPace, type Pace, type PaceGrant } from './rate.js';
import { RETRYABLE_STATUS, parseRetryAfter, type RetryPolicy } from './retry.js';

export interface ActivityNotification {
  topic: { source: 'text'; value: string; webUrl: string } | { source: 'entityUrl'; value: string };
  activityType: string;
  previewText: { content: string };
  templateParameters: { name: string; value: string }[];
  /** The same chainId replaces an earlier notification instead of adding one. */
  chainId?: number;
}

export type FeedOutcome =
  | { status: 'delivered'; via: 'single' | 'batch' | 'bulk'; attempts: number; installed: boolean }
  | {
      status: 'not-installed' | 'install-blocked' | 'forbidden' | 'recipient-unknown' | 'rejected';
      httpStatus: number;
      code: string;
      message: string;
    };

export interface ActivityFeedOptions {
  graphFor(tenantId: string): GraphApi | undefined;
  retry: RetryPolicy;
  singlePerSecond: number;
  bulkPerSecond: number;
  /** Identical notifications to at least this many people go as one bulk request. */
  bulkMinRecipients: number;
  /** Catalog id of the Teams app to install for people who lack it (undefined: never install). */
  catalogAppId?: string | undefined;
  /** Origin of Graph for the odata.bind URL of an installation. */
  graphOrigin: string;
  /** Concurrent HTTP requests to Graph per tenant. */
  maxInFlight?: number;
  /**
   * The pace of one limit of a tenant. Default: this process only; the backend passes a pace
   * shared by all its instances through storage (Graph's limits are per app, not per process).
   */
  paceFor?: (tenantId: string, limit: 'single' | 'bulk', perSecond: number) => Pace;
  log?: (message: string) => void;
}

export interface ActivityFeed {
  /** Sends to one person; resolves with their outcome, throws a transient GraphCallError when Graph stays unavailable. */
  send(tenantId: string, userId: string, notification: ActivityNotification): Promise<FeedOutcome>;
  /** Graph requests made (each part of a batch counted), for the benchmark. */
  readonly stats: { requests: number; batches: number; bulk: number; retries: number; installs: number };
}

interface Item {
  userId: string;
  notification: ActivityNotification;
  key: string;
  attempts: number;
  notBefore: number;
  installed: boolean;
  noBulk: boolean;
  resolve(outcome: FeedOutcome): void;
  reject(error: GraphCallError): void;
}

const now = (): number => performance.now();

/** Everything but the recipient: notifications with the same key can share one bulk request. */
const contentKey = (n: ActivityNotification): string =>
  JSON.stringify([n.activityType, n.topic, n.previewText.content, n.templateParameters, n.chainId ?? null]);

const notFor = (
  result: { status: number; body: unknown },
  status: Exclude<FeedOutcome['status'], 'delivered'>,
): FeedOutcome => {
  const { code, message } = graphErrorOf(result.body);
  return {
    status,
    httpStatus: result.status,
    code: code || `HTTP${result.status}`,
    message: (message || `Microsoft Graph answered ${result.status}`).slice(0, 300),
  };
};

class Lane {
  readonly items: Item[] = [];
  readonly single: Pace;
  readonly bulk: Pace;
  inFlight = 0;
  running = false;
  private wake: (() => void) | undefined;

  constructor(tenantId: string, options: ActivityFeedOptions) {
    const paceFor = options.paceFor ?? ((_tenant, _limit, perSecond) => localPace(perSecond));
    this.single = paceFor(tenantId, 'single', Math.max(1, options.singlePerSecond));
    this.bulk = paceFor(tenantId, 'bulk', Math.max(1, options.bulkPerSecond));
  }

  poke(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => {
          this.wake = undefined;
          resolve();
        },
        Math.max(1, ms),
      );
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

export function createActivityFeed(options: ActivityFeedOptions): ActivityFeed {
  const lanes = new Map<string, Lane>();
  const stats = { requests: 0, batches: 0, bulk: 0, retries: 0, installs: 0 };
  const log = options.log ?? (() => undefined);
  const maxInFlight = options.maxInFlight ?? 4;

  function laneOf(tenantId: string): Lane {
    let lane = lanes.get(tenantId);
    if (!lane) {
      lane = new Lane(tenantId, options);
      lanes.set(tenantId, lane);
    }
    return lane;
  }

  /** Hands the places of a grant back; a pace that cannot be written frees them after its timeout. */
  async function answer(pace: Pace, grant: PaceGrant): Promise<void> {
    await pace.answer(grant).catch((error: unknown) => log(`graph: pacing not updated: ${String(error)}`));
  }

  /** Graph said 429: every instance waits for Retry-After on this limit, not only this request. */
  async function pause(pace: Pace, retryAfterMs: number | undefined): Promise<void> {
    if (retryAfterMs === undefined) return;
    await pace
      .throttle(Date.now() + retryAfterMs)
      .catch((error: unknown) => log(`graph: pause not shared: ${String(error)}`));
  }

  /** A failed attempt: try again after Retry-After or a back-off, or give up to the queue. */
  function again(lane: Lane, item: Item, failure: GraphCallError): void {
    item.attempts++;
    const delay = options.retry.delayMs(item.attempts, failure.retryAfterMs);
    if (options.retry.shouldRetry(item.attempts, delay)) {
      stats.retries++;
      item.notBefore = now() + delay;
      lane.items.push(item);
      return;
    }
    item.reject(
      delay > options.retry.maxDelayMs && failure.retryAfterMs !== undefined
        ? new GraphCallError(failure.kind, failure.status, failure.code, failure.message, {
            retryAfterMs: failure.retryAfterMs,
          })
        : failure,
    );
  }

  async function install(api: GraphApi, item: Item): Promise<'installed' | 'blocked' | GraphCallError> {
    stats.installs++;
    const response = await api.request(
      'POST',
      `/users/${encodeURIComponent(item.userId)}/teamwork/installedApps`,
      {
        'teamsApp@odata.bind': `${options.graphOrigin}/v1.0/appCatalogs/teamsApps/${options.catalogAppId ?? ''}`,
      },
    );
    if (response.status === 201 || response.status === 409) return 'installed';
    if (response.status === 403) return 'blocked';
    const { code, message } = graphErrorOf(response.body);
    return new GraphCallError(
      kindOfStatus(response.status),
      response.status,
      code || `HTTP${response.status}`,
      message || `installing the app answered ${response.status}`,
    );
  }

  async function settle(
    lane: Lane,
    api: GraphApi,
    item: Item,
    result: { status: number; body: unknown; retryAfterMs: number | undefined },
    via: 'single' | 'batch',
  ): Promise<void> {
    if (result.status >= 200 && result.status < 300) {
      item.resolve({ status: 'delivered', via, attempts: item.attempts + 1, installed: item.installed });
      return;
    }
    if (RETRYABLE_STATUS.has(result.status)) {
      const { code, message } = graphErrorOf(result.body);
      again(
        lane,
        item,
        new GraphCallError(
          kindOfStatus(result.status),
          result.status,
          code || `HTTP${result.status}`,
          message || `HTTP ${result.status}`,
          { retryAfterMs: result.retryAfterMs },
        ),
      );
      return;
    }
    if (result.status === 403) {
      if (!options.catalogAppId) return item.resolve(notFor(result, 'not-installed'));
      if (item.installed) return item.resolve(notFor(result, 'forbidden'));
      const installed = await install(api, item).catch((error: unknown) =>
        error instanceof GraphCallError
          ? error
          : new GraphCallError('network', 0, 'InstallFailed', String(error)),
      );
      if (installed === 'installed') {
        item.installed = true;
        item.notBefore = now();
        lane.items.push(item);
        return;
      }
      if (installed === 'blocked') return item.resolve(notFor(result, 'install-blocked'));
      if (installed.transient) return again(lane, item, installed);
      return item.resolve({
        status: 'install-blocked',
        httpStatus: installed.status,
        code: installed.code,
        message: installed.message,
      });
    }
    if (result.status === 404) return item.resolve(notFor(result, 'recipient-unknown'));
    item.resolve(notFor(result, 'rejected'));
  }

  async function sendSingles(lane: Lane, api: GraphApi, chosen: Item[], grant: PaceGrant): Promise<void> {
    stats.requests += chosen.length;
    const path = (i: Item): string =>
      `/users/${encodeURIComponent(i.userId)}/teamwork/sendActivityNotification`;
    try {
      if (chosen.length === 1) {
        const item = chosen[0]!;
        const response = await api
          .request('POST', path(item), item.notification, { retry: false })
          .finally(() => answer(lane.single, grant));
        if (response.status === 429)
          await pause(lane.single, parseRetryAfter(response.headers.get('retry-after')));
        await settle(
          lane,
          api,
          item,
          {
            status: response.status,
            body: response.body,
            retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
          },
          'single',
        );
        return;
      }
      stats.batches++;
      const parts: BatchPart[] = chosen.map((item, n) => ({
        id: String(n + 1),
        method: 'POST',
        url: path(item),
        body: item.notification,
      }));
      const results: Map<string, BatchResult> = await sendBatch(api, parts, { retry: false }).finally(() =>
        answer(lane.single, grant),
      );
      const waits = [...results.values()]
        .filter((r) => r.status === 429 && r.retryAfterMs !== undefined)
        .map((r) => r.retryAfterMs!);
      if (waits.length > 0) await pause(lane.single, Math.max(...waits));
      await Promise.all(
        chosen.map((item, n) => settle(lane, api, item, results.get(String(n + 1))!, 'batch')),
      );
    } catch (error) {
      const failure =
        error instanceof GraphCallError
          ? error
          : new GraphCallError('network', 0, 'SendFailed', String(error), { cause: error });
      if (failure.kind === 'throttled') await pause(lane.single, failure.retryAfterMs);
      for (const item of chosen) {
        if (failure.transient) again(lane, item, failure);
        else item.reject(failure);
      }
    }
  }

  async function sendBulk(lane: Lane, api: GraphApi, group: Item[], grant: PaceGrant): Promise<void> {
    stats.requests++;
    stats.bulk++;
    const n = group[0]!.notification;
    try {
      const response = await api
        .request(
          'POST',
          '/teamwork/sendActivityNotificationToRecipients',
          {
            ...n,
            recipients: group.map((i) => ({
              '@odata.type': 'microsoft.graph.aadUserNotificationRecipient',
              userId: i.userId,
            })),
          },
          { retry: false },
        )
        .finally(() => answer(lane.bulk, grant));
      if (response.status >= 200 && response.status < 300) {
        for (const item of group)
          item.resolve({
            status: 'delivered',
            via: 'bulk',
            attempts: item.attempts + 1,
            installed: item.installed,
          });
        return;
      }
      if (RETRYABLE_STATUS.has(response.status)) {
        const { code, message } = graphErrorOf(response.body);
        const failure = new GraphCallError(
          kindOfStatus(response.status),
          response.status,
          code || `HTTP${response.status}`,
          message || `HTTP ${response.status}`,
          {
            retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
          },
        );
        if (failure.kind === 'throttled') await pause(lane.bulk, failure.retryAfterMs);
        for (const item of group) again(lane, item, failure);
        return;
      }
      // 412 (token too close to expiry), 403 or 400: one at a time tells each person's outcome.
      log(`graph: bulk notification answered ${response.status}; sending one by one`);
      for (const item of group) {
        item.noBulk = true;
        lane.items.push(item);
      }
    } catch (error) {
      const failure =
        error instanceof GraphCallError
          ? error
          : new GraphCallError('network', 0, 'SendFailed', String(error), { cause: error });
      for (const item of group) again(lane, item, failure);
    }
  }

  function launch(lane: Lane, work: Promise<void>): void {
    lane.inFlight++;
    void work
      .catch((error: unknown) => log(`graph: activity feed send failed unexpectedly: ${String(error)}`))
      .finally(() => {
        lane.inFlight--;
        lane.poke();
      });
  }

  async function pump(tenantId: string, lane: Lane): Promise<void> {
    const api = options.graphFor(tenantId);
    // Let notifications sent in the same turn gather first, so they can share a batch or a bulk request.
    await new Promise((resolve) => setImmediate(resolve));
    while (lane.items.length > 0 || lane.inFlight > 0) {
      if (!api) {
        for (const item of lane.items.splice(0))
          item.reject(
            new GraphCallError(
              'unauthorized',
              0,
              'NotConfigured',
              'Microsoft Graph is not configured for this tenant.',
            ),
          );
        break;
      }
      const t = now();
      const ready = lane.items.filter((i) => i.notBefore <= t);
      if (ready.length === 0 || lane.inFlight >= maxInFlight) {
        const next = lane.items.reduce((min, i) => Math.min(min, i.notBefore), Infinity);
        await lane.idle(lane.inFlight >= maxInFlight || !Number.isFinite(next) ? 1000 : next - t);
        continue;
      }
      const take = (chosen: Item[]): void => {
        for (const item of chosen) lane.items.splice(lane.items.indexOf(item), 1);
      };
      let progressed = false;
      /** How long until a pace may give a place again (when it gave none). */
      let paceWaitMs: number | undefined;
      const waited = (ms: number): void => {
        paceWaitMs = Math.min(paceWaitMs ?? Infinity, ms);
      };

      const groups = new Map<string, Item[]>();
      for (const item of ready) {
        if (item.noBulk) continue;
        const group = groups.get(item.key) ?? [];
        group.push(item);
        groups.set(item.key, group);
      }
      for (const group of groups.values()) {
        if (group.length < options.bulkMinRecipients || lane.inFlight >= maxInFlight) continue;
        const grant = await lane.bulk.take(1);
        if (grant.count === 0) {
          waited(grant.waitMs);
          break;
        }
        const chosen = group.slice(0, 100);
        take(chosen);
        launch(lane, sendBulk(lane, api, chosen, grant));
        progressed = true;
      }

      const singles = lane.items.filter((i) => i.notBefore <= t);
      if (singles.length > 0 && lane.inFlight < maxInFlight) {
        // Every token available now is used: one request, or one JSON batch when several are ready.
        const grant = await lane.single.take(Math.min(singles.length, BATCH_LIMIT));
        if (grant.count > 0) {
          const chosen = singles.slice(0, grant.count);
          take(chosen);
          launch(lane, sendSingles(lane, api, chosen, grant));
          progressed = true;
        } else waited(grant.waitMs);
      }
      // With every place waiting for an answer, the answer's arrival wakes the loop.
      if (!progressed) await lane.idle(paceWaitMs ?? 1000);
    }
    lane.running = false;
  }

  return {
    stats,
    send(tenantId, userId, notification) {
      return new Promise<FeedOutcome>((resolve, reject) => {
        const lane = laneOf(tenantId);
        lane.items.push({
          userId,
          notification,
          key: contentKey(notification),
          attempts: 0,
          notBefore: now(),
          installed: false,
          noBulk: false,
          resolve,
          reject,
        });
        if (!lane.running) {
          lane.running = true;
          void pump(tenantId, lane).catch((error: unknown) => {
            lane.running = false;
            log(`graph: activity feed pump stopped: ${String(error)}`);
            for (const item of lane.items.splice(0))
              item.reject(new GraphCallError('network', 0, 'SenderFailed', String(error)));
          });
        } else lane.poke();
      });
    },
  };
}
