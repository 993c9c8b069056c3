/**
 * Graph's limits hold per app per tenant, not per process: this pace is shared by every
 * instance of the backend through one Table storage row per tenant and limit.
 *
 * The row holds one place per request allowed in a window (5 for the activity feed) and a
 * "throttled until" set from a 429's Retry-After. A sender takes free places with an
 * ETag-conditional update (two instances never take the same place), holds them while its
 * requests are on their way, and on the answer marks them free again one window later
 * (Graph counts a request somewhere between sending and answering, so a place is only
 * reused a full window after its answer came back; the margin covers clocks of different
 * machines). A place held by an instance that died frees itself after the request timeout.
 */
import { randomUUID } from 'node:crypto';
import { RestError, type TableClient } from '@azure/data-tables';
import type { Pace, PaceGrant } from '../graph/rate.js';
import { encodeKey } from './json-table.js';

export interface SharedPaceOptions {
  table: TableClient;
  tenantId: string;
  /** Which limit of the tenant ('single', 'bulk'). */
  name: string;
  perSecond: number;
  /** Added to every window, for clock differences between instances. */
  marginMs: number;
  /** The longest a request waits for its answer (GRAPH_TIMEOUT_MS). */
  requestTimeoutMs: number;
  now?: () => number;
  /** How often to look again while every place waits for an answer of another instance. */
  pollMs?: number;
}

interface Place {
  /** Free from this moment (epoch ms). */
  f: number;
  /** The grant holding it while its request is on its way. */
  h?: string;
}

interface PaceRow {
  places: Place[];
  throttledUntil: number;
}

interface Entity {
  partitionKey: string;
  rowKey: string;
  places: string;
  throttledUntil: number;
}

const MAX_CONFLICTS = 20;

export function createSharedPace(options: SharedPaceOptions): Pace {
  const now = options.now ?? (() => Date.now());
  const size = Math.max(1, Math.floor(options.perSecond));
  /** A window in which `size` requests keep to `perSecond` (1 s for whole numbers). */
  const windowMs = Math.round((1000 * size) / options.perSecond) + options.marginMs;
  const pollMs = options.pollMs ?? 25;
  const partitionKey = encodeKey(options.tenantId);
  const rowKey = encodeKey(options.name);
  /** Answers not yet written: grant id → when its answer came back. */
  const answered = new Map<string, number>();
  /** One storage round trip at a time per process: our own writes never race each other. */
  let chain: Promise<unknown> = Promise.resolve();

  const fresh = (): PaceRow => ({
    places: Array.from({ length: size }, () => ({ f: 0 })),
    throttledUntil: 0,
  });

  const read = async (): Promise<{ row: PaceRow; etag: string | undefined }> => {
    try {
      const entity = await options.table.getEntity<Entity>(partitionKey, rowKey);
      const places = JSON.parse(entity.places) as Place[];
      const row: PaceRow = { places, throttledUntil: Number(entity.throttledUntil) || 0 };
      // The limit was changed in the configuration: keep what is held, fit the number of places.
      while (row.places.length < size) row.places.push({ f: 0 });
      row.places.length = size;
      return { row, etag: entity.etag };
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return { row: fresh(), etag: undefined };
      throw error;
    }
  };

  /** Read, change, write on the ETag; again on a conflict. `change` says whether it changed anything. */
  const mutate = <T>(change: (row: PaceRow, t: number) => { result: T; changed: boolean }): Promise<T> => {
    const run = async (): Promise<T> => {
      for (let conflicts = 0; ; conflicts++) {
        const { row, etag } = await read();
        const t = now();
        const applied = [...answered.entries()];
        let changed = false;
        for (const place of row.places) {
          const at = place.h === undefined ? undefined : answered.get(place.h);
          if (at !== undefined) {
            place.f = at + windowMs;
            delete place.h;
            changed = true;
          }
        }
        const out = change(row, t);
        if (!changed && !out.changed) return out.result;
        const entity: Entity = {
          partitionKey,
          rowKey,
          places: JSON.stringify(row.places),
          throttledUntil: row.throttledUntil,
        };
        try {
          if (etag === undefined) await options.table.createEntity(entity);
          else await options.table.updateEntity(entity, 'Replace', { etag });
          for (const [id] of applied) answered.delete(id);
          return out.result;
        } catch (error) {
          const conflict =
            error instanceof RestError && (error.statusCode === 412 || error.statusCode === 409);
          if (!conflict || conflicts >= MAX_CONFLICTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        }
      }
    };
    const next = chain.then(run, run);
    chain = next.catch(() => undefined);
    return next;
  };

  return {
    perSecond: options.perSecond,
    take(n) {
      return mutate<PaceGrant>((row, t) => {
        if (row.throttledUntil > t)
          return { result: { count: 0, waitMs: row.throttledUntil - t }, changed: false };
        const free = row.places.filter((p) => p.f <= t);
        const count = Math.min(n, free.length);
        if (count === 0) {
          const waits = row.places.map((p) => (p.h === undefined ? p.f - t : pollMs));
          return { result: { count: 0, waitMs: Math.max(1, Math.min(...waits)) }, changed: false };
        }
        const id = randomUUID();
        for (const place of free.slice(0, count)) {
          place.h = id;
          place.f = t + options.requestTimeoutMs + windowMs;
        }
        return { result: { count, waitMs: 0, id }, changed: true };
      });
    },
    async answer(grant) {
      if (grant.count === 0 || grant.id === undefined) return;
      answered.set(grant.id, now());
      await mutate(() => ({ result: undefined, changed: false }));
    },
    throttle(until) {
      return mutate((row) => {
        if (until <= row.throttledUntil) return { result: undefined, changed: false };
        row.throttledUntil = until;
        return { result: undefined, changed: true };
      });
    },
  };
}
