import { describe, expect, it } from 'vitest';
import { ACTIVITY_TEMPLATE_PARAMETERS, ACTIVITY_TYPES } from '../../../manifest/activity-types.js';
import {
  NUDGE_ACTIVITY_TYPES,
  NUDGE_STAGES,
  NUDGE_TEMPLATE_PARAMETERS,
} from '../../../core/src/nudges/index.js';
import { batchBody, readBatchResponse } from './batch.js';
import { SendWindow } from './rate.js';
import { RetryPolicy, parseRetryAfter } from './retry.js';

describe('JSON batches', () => {
  it('puts a Content-Type header on every part with a body, as Graph requires', () => {
    expect(
      batchBody([
        { id: '1', method: 'POST', url: '/users/u/teamwork/sendActivityNotification', body: { a: 1 } },
        { id: '2', method: 'GET', url: '/users/x' },
      ]),
    ).toEqual({
      requests: [
        {
          id: '1',
          method: 'POST',
          url: '/users/u/teamwork/sendActivityNotification',
          headers: { 'Content-Type': 'application/json' },
          body: { a: 1 },
        },
        { id: '2', method: 'GET', url: '/users/x' },
      ],
    });
    expect(() => batchBody([])).toThrow(RangeError);
    expect(() =>
      batchBody(
        Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET' as const, url: '/users/x' })),
      ),
    ).toThrow(RangeError);
  });

  it('reads part bodies whatever the case of their content-type header, and Retry-After per part', () => {
    const parts = [1, 2, 3].map((n) => ({ id: String(n), method: 'GET' as const, url: `/users/${n}` }));
    const results = readBatchResponse(parts, {
      responses: [
        { id: '1', status: 200, headers: { 'content-type': 'application/json' }, body: { id: 'u1' } },
        {
          id: '2',
          status: 429,
          headers: { 'Retry-After': '7', 'Content-Type': 'application/json' },
          body: '{"error":{"code":"TooManyRequests"}}',
        },
      ],
    });
    expect(results.get('1')).toMatchObject({ status: 200, body: { id: 'u1' } });
    expect(results.get('2')).toMatchObject({
      status: 429,
      retryAfterMs: 7000,
      body: { error: { code: 'TooManyRequests' } },
    });
    // A part the response forgot is answered as a server error, so it is retried, never lost.
    expect(results.get('3')).toMatchObject({ status: 500 });
  });
});

describe('retries', () => {
  it('honours Retry-After exactly, in seconds or as a date', () => {
    const policy = new RetryPolicy({
      maxAttempts: 4,
      baseDelayMs: 500,
      maxDelayMs: 30_000,
      random: () => 0.5,
    });
    expect(policy.delayMs(1, parseRetryAfter('3'))).toBe(3000);
    expect(
      parseRetryAfter('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT')),
    ).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('backs off exponentially with jitter between half and the whole step', () => {
    const low = new RetryPolicy({ maxAttempts: 5, baseDelayMs: 400, maxDelayMs: 30_000, random: () => 0 });
    const high = new RetryPolicy({
      maxAttempts: 5,
      baseDelayMs: 400,
      maxDelayMs: 30_000,
      random: () => 0.999999,
    });
    expect([1, 2, 3].map((a) => low.delayMs(a))).toEqual([200, 400, 800]);
    expect([1, 2, 3].map((a) => high.delayMs(a))).toEqual([400, 800, 1600]);
  });

  it('stops after the last attempt, and when Graph asks for a longer pause than one attempt may wait', () => {
    const policy = new RetryPolicy({ maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 10_000 });
    expect(policy.shouldRetry(2, 100)).toBe(true);
    expect(policy.shouldRetry(3, 100)).toBe(false);
    expect(policy.shouldRetry(1, 60_000)).toBe(false);
  });
});

describe('pacing', () => {
  it('lets N requests go at once, then holds each place until one second after its answer', () => {
    let t = 0;
    const window = new SendWindow(5, () => t);
    expect(window.take(20)).toBe(5);
    expect(window.take(1)).toBe(0);
    // Nothing is answered yet: only an answer can free a place.
    expect(window.waitMs()).toBeUndefined();
    t += 300;
    window.answer(5);
    expect(window.available()).toBe(0);
    expect(window.waitMs()).toBe(1000);
    t += 999;
    expect(window.take(1)).toBe(0);
    t += 1;
    expect(window.take(2)).toBe(2);
  });

  it('never lets more than N requests reach Graph within a second, however late the answers come', () => {
    // Whatever the latency, each request reaches Graph between being sent and being answered.
    let t = 0;
    const window = new SendWindow(5, () => t);
    const arrivals: number[] = [];
    const latencies = [5, 400, 30, 900, 10, 250, 700, 20, 60, 1200];
    const pending: { at: number; n: number }[] = [];
    for (let step = 0; step < 4000; step++) {
      t = step * 5;
      for (const p of pending.filter((p) => p.at <= t)) {
        window.answer(p.n);
        pending.splice(pending.indexOf(p), 1);
      }
      const n = window.take(3);
      if (n === 0) continue;
      const latency = latencies[step % latencies.length]!;
      // Worst case for the limit: they arrive just before their answer.
      for (let i = 0; i < n; i++) arrivals.push(t + latency);
      pending.push({ at: t + latency, n });
    }
    arrivals.sort((a, b) => a - b);
    for (let i = 5; i < arrivals.length; i++)
      expect(arrivals[i]! - arrivals[i - 5]!).toBeGreaterThanOrEqual(1000);
    expect(arrivals.length).toBeGreaterThan(50);
  });
});

describe('the nudges and the app manifest', () => {
  it('sends only activity types the manifest declares, with exactly its template parameters', () => {
    for (const stage of NUDGE_STAGES) {
      const type = NUDGE_ACTIVITY_TYPES[stage];
      expect(ACTIVITY_TYPES).toContain(type);
      expect([...NUDGE_TEMPLATE_PARAMETERS[stage]].sort()).toEqual(
        [...ACTIVITY_TEMPLATE_PARAMETERS[type]].sort(),
      );
    }
  });
});
