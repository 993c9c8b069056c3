/**
 * Registrations in Table storage: one partition per session holding a row per person and one
 * counters row. Every change writes the counters (with their ETag) and the people it touches
 * in one entity-group transaction, so a full session never takes one more, and the first on
 * the waiting list moves up exactly once, however many people click at the same moment.
 */
import { randomInt } from 'node:crypto';
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { DomainError } from '../../../core/src/index.js';
import {
  EMPTY_ROSTER,
  decideCancellation,
  decideRegistration,
  promotionsFor,
  registration as registrationSchema,
  roster as rosterSchema,
  type Registration,
  type Roster,
} from '../../../core/src/sessions/index.js';
import { getRow, isStatus, listRows, odata, prefixFilter } from './session-store.js';
import { TABLES, type Storage } from './storage.js';

const ROSTER_ROW = '~roster';

interface RegistrationRow {
  partitionKey: string;
  rowKey: string;
  data: string;
  status: string;
  seq: number;
}

interface RosterRow {
  data: string;
}

export interface PersonForRegistration {
  userId: string;
  tenantId: string;
  municipalityId: string;
  displayName: string;
  department?: string | undefined;
}

export interface RegistrationResult {
  registration: Registration;
  /** Someone who moved up from the waiting list because of this change. */
  promoted: Registration[];
}

/** A session as the registrations see it: its partition key, id and capacity. */
export interface SessionRef {
  key: string;
  id: string;
  capacity: number | undefined;
}

export interface RegistrationStore {
  roster(sessionKey: string): Promise<Roster>;
  get(sessionKey: string, userId: string): Promise<Registration | undefined>;
  /** Everyone of a session (cancelled included), in order of arrival. */
  list(sessionKey: string): Promise<Registration[]>;
  /** A person's registrations in the sessions of some partitions (prefixes of session keys). */
  forPerson(
    userId: string,
    partitions: readonly string[],
  ): Promise<{ sessionKey: string; registration: Registration }[]>;
  /** Every registration of a person, anywhere (privacy export and erase). */
  everywhere(userId: string): Promise<{ sessionKey: string; registration: Registration }[]>;
  register(
    ref: SessionRef,
    person: PersonForRegistration,
    now: Date,
  ): Promise<RegistrationResult & { changed: boolean }>;
  cancel(ref: SessionRef, userId: string, now: Date): Promise<RegistrationResult | undefined>;
  /** Moves people up after the capacity grew. */
  fill(ref: SessionRef, now: Date): Promise<Registration[]>;
  /** Removes a person's registration for good (erase); the waiting list moves up. */
  erase(ref: SessionRef, userId: string, now: Date): Promise<boolean>;
  /** Deletes every registration of a session (retention). */
  purge(sessionKey: string): Promise<number>;
}

const busy = (): DomainError =>
  new DomainError('unavailable', {
    nl: 'Het is erg druk met aanmeldingen voor deze sessie. Probeer het over een paar seconden opnieuw.',
    en: 'Many people are registering for this session right now. Try again in a few seconds.',
  });

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs changes of one key one after another within this process. Correctness never depends on
 * it (the ETag decides between processes); it only keeps a crowd on one instance from racing
 * itself, which would cost a round of reads for every lost race.
 */
export function serialised<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}

/** How long one change may keep losing races before the caller is told to try again. */
const MAX_WAIT_MS = 15_000;

/**
 * Optimistic concurrency: read, decide, write with the ETag; on a lost race read again after
 * a random pause that grows with each loss ("full jitter", at most 250 ms), so a crowd of
 * writers spreads out instead of colliding again.
 */
export async function withRetries<T>(attempt: () => Promise<T | 'retry'>): Promise<T> {
  const started = performance.now();
  for (let i = 0; ; i++) {
    const result = await attempt();
    if (result !== 'retry') return result;
    if (performance.now() - started > MAX_WAIT_MS) throw busy();
    await new Promise((resolve) =>
      setTimeout(resolve, randomInt(1, Math.min(250, 4 * 2 ** Math.min(i, 6)) + 1)),
    );
  }
}

/**
 * Read, fold, write back with the ETag (or create): one JSON row (`data`) changed safely under
 * concurrency. A lost race (409, 412, 404) reads again (`withRetries`). `fold` returning the
 * stored value unchanged writes nothing.
 */
export function foldJsonRow<T>(
  table: TableClient,
  key: { partitionKey: string; rowKey: string },
  schema: { parse(value: unknown): T },
  fold: (existing: T | undefined) => T,
): Promise<T> {
  return withRetries(async () => {
    const row = await getRow<{ data: string }>(table, key.partitionKey, key.rowKey);
    const existing = row ? schema.parse(JSON.parse(row.data)) : undefined;
    const next = fold(existing);
    if (existing !== undefined && next === existing) return existing;
    const entity = { ...key, data: JSON.stringify(schema.parse(next)) };
    try {
      if (row) await table.updateEntity(entity, 'Replace', { etag: row.etag });
      else await table.createEntity(entity);
      return next;
    } catch (error) {
      if (isStatus(error, 409, 412, 404)) return 'retry';
      throw error;
    }
  });
}

export interface StoreOptions {
  /** Queue changes of one key within this process (default); off, every writer races on the ETag alone, as separate instances do. */
  inProcessQueue?: boolean;
}

export const queueFor = (options: StoreOptions): (<T>(key: string, fn: () => Promise<T>) => Promise<T>) =>
  options.inProcessQueue === false ? (_key, fn) => fn() : serialised;

export function createRegistrationStore(storage: Storage, options: StoreOptions = {}): RegistrationStore {
  const queue = queueFor(options);
  const table: TableClient = storage.table(TABLES.sessionRegistrations);
  const parse = (row: { data: string }): Registration => registrationSchema.parse(JSON.parse(row.data));
  const entity = (sessionKey: string, r: Registration) => ({
    partitionKey: sessionKey,
    rowKey: r.userId,
    data: JSON.stringify(registrationSchema.parse(r)),
    status: r.status,
    seq: r.seq,
  });

  async function readRoster(sessionKey: string): Promise<{ roster: Roster; etag: string | undefined }> {
    const row = await getRow<RosterRow>(table, sessionKey, ROSTER_ROW);
    return row
      ? { roster: rosterSchema.parse(JSON.parse(row.data)), etag: row.etag }
      : { roster: EMPTY_ROSTER, etag: undefined };
  }

  const rosterAction = (sessionKey: string, value: Roster, etag: string | undefined): TransactionAction =>
    etag
      ? [
          'update',
          { partitionKey: sessionKey, rowKey: ROSTER_ROW, data: JSON.stringify(value) },
          'Replace',
          { etag },
        ]
      : ['create', { partitionKey: sessionKey, rowKey: ROSTER_ROW, data: JSON.stringify(value) }];

  async function firstWaiting(
    sessionKey: string,
    count = 1,
  ): Promise<{ registration: Registration; etag: string }[]> {
    const rows = await listRows<RegistrationRow>(
      table,
      `PartitionKey eq ${odata(sessionKey)} and status eq 'waitlisted'`,
    );
    return rows
      .map((row) => ({ registration: parse(row), etag: row.etag }))
      .sort((a, b) => a.registration.seq - b.registration.seq)
      .slice(0, count);
  }

  /** Submits one transaction; a lost race (412, 409) asks for another round. */
  async function submit(actions: TransactionAction[]): Promise<boolean> {
    try {
      await table.submitTransaction(actions);
      return true;
    } catch (error) {
      if (isStatus(error, 409, 412, 404)) return false;
      throw error;
    }
  }

  const promoteAction = (
    sessionKey: string,
    r: { registration: Registration; etag: string },
    now: Date,
  ): [TransactionAction, Registration] => {
    const moved: Registration = { ...r.registration, status: 'registered', updatedAt: now.toISOString() };
    return [['update', entity(sessionKey, moved), 'Replace', { etag: r.etag }], moved];
  };

  async function removeOrCancel(
    { key: sessionKey, capacity }: SessionRef,
    userId: string,
    now: Date,
    erase: boolean,
  ): Promise<RegistrationResult | undefined> {
    return queue(sessionKey, () =>
      withRetries(async () => {
        const [{ roster, etag }, row] = await Promise.all([
          readRoster(sessionKey),
          getRow<RegistrationRow>(table, sessionKey, userId),
        ]);
        const existing = row ? parse(row) : undefined;
        if (!row || !existing) return undefined;
        const waiting = existing.status === 'registered' ? await firstWaiting(sessionKey) : [];
        const decision = decideCancellation(roster, capacity, existing, waiting[0]?.registration);
        const cancelled: Registration = { ...existing, status: 'cancelled', updatedAt: now.toISOString() };
        if (decision.kind === 'unchanged') {
          if (!erase) return { registration: existing, promoted: [] };
          return (await submit([['delete', { partitionKey: sessionKey, rowKey: userId }]]))
            ? { registration: cancelled, promoted: [] }
            : 'retry';
        }
        const actions: TransactionAction[] = [
          rosterAction(sessionKey, decision.roster, etag),
          erase
            ? ['delete', { partitionKey: sessionKey, rowKey: userId }]
            : ['update', entity(sessionKey, cancelled), 'Replace', { etag: row.etag }],
        ];
        const promoted: Registration[] = [];
        if (decision.promote && waiting[0]) {
          const [action, moved] = promoteAction(sessionKey, waiting[0], now);
          actions.push(action);
          promoted.push(moved);
        }
        return (await submit(actions)) ? { registration: cancelled, promoted } : 'retry';
      }),
    );
  }

  return {
    async roster(sessionKey) {
      return (await readRoster(sessionKey)).roster;
    },
    async get(sessionKey, userId) {
      const row = await getRow<RegistrationRow>(table, sessionKey, userId);
      return row ? parse(row) : undefined;
    },
    async list(sessionKey) {
      const rows = await listRows<RegistrationRow>(
        table,
        `PartitionKey eq ${odata(sessionKey)} and RowKey ne ${odata(ROSTER_ROW)}`,
      );
      return rows.map(parse).sort((a, b) => a.seq - b.seq);
    },
    async forPerson(userId, partitions) {
      const lists = await Promise.all(
        partitions.map((p) =>
          listRows<RegistrationRow>(table, `${prefixFilter(`${p}_`)} and RowKey eq ${odata(userId)}`),
        ),
      );
      return lists.flat().map((row) => ({ sessionKey: row.partitionKey, registration: parse(row) }));
    },
    async everywhere(userId) {
      const rows = await listRows<RegistrationRow>(table, `RowKey eq ${odata(userId)}`);
      return rows.map((row) => ({ sessionKey: row.partitionKey, registration: parse(row) }));
    },
    register({ key: sessionKey, id, capacity }, person, now) {
      return queue(sessionKey, () =>
        withRetries(async () => {
          const [{ roster, etag }, row] = await Promise.all([
            readRoster(sessionKey),
            getRow<RegistrationRow>(table, sessionKey, person.userId),
          ]);
          const existing = row ? parse(row) : undefined;
          const decision = decideRegistration(roster, capacity, existing);
          if (decision.kind === 'unchanged')
            return { registration: decision.registration, promoted: [], changed: false };
          const value: Registration = {
            sessionId: id,
            userId: person.userId,
            tenantId: person.tenantId,
            municipalityId: person.municipalityId,
            displayName: person.displayName,
            ...(person.department ? { department: person.department } : {}),
            status: decision.status,
            seq: decision.seq,
            registeredAt: now.toISOString(),
            updatedAt: now.toISOString(),
          };
          const actions: TransactionAction[] = [
            rosterAction(sessionKey, decision.roster, etag),
            row
              ? ['update', entity(sessionKey, value), 'Replace', { etag: row.etag }]
              : ['create', entity(sessionKey, value)],
          ];
          return (await submit(actions)) ? { registration: value, promoted: [], changed: true } : 'retry';
        }),
      );
    },
    cancel(ref, userId, now) {
      return removeOrCancel(ref, userId, now, false);
    },
    async erase(ref, userId, now) {
      return (await removeOrCancel(ref, userId, now, true)) !== undefined;
    },
    fill({ key: sessionKey, capacity }, now) {
      return queue(sessionKey, () =>
        withRetries(async () => {
          const { roster, etag } = await readRoster(sessionKey);
          // A transaction holds at most 100 operations: move up to 99 people per round.
          const count = Math.min(99, promotionsFor(roster, capacity));
          if (count === 0) return [];
          const waiting = await firstWaiting(sessionKey, count);
          if (waiting.length === 0) return [];
          const actions: TransactionAction[] = [
            rosterAction(
              sessionKey,
              {
                ...roster,
                registered: roster.registered + waiting.length,
                waitlisted: roster.waitlisted - waiting.length,
              },
              etag,
            ),
          ];
          const moved: Registration[] = [];
          for (const w of waiting) {
            const [action, r] = promoteAction(sessionKey, w, now);
            actions.push(action);
            moved.push(r);
          }
          return (await submit(actions)) ? moved : 'retry';
        }),
      );
    },
    async purge(sessionKey) {
      const rows = await listRows<RegistrationRow>(table, `PartitionKey eq ${odata(sessionKey)}`);
      for (let i = 0; i < rows.length; i += 100) {
        await table.submitTransaction(
          rows
            .slice(i, i + 100)
            .map((r): TransactionAction => ['delete', { partitionKey: r.partitionKey, rowKey: r.rowKey }]),
        );
      }
      return rows.filter((r) => r.rowKey !== ROSTER_ROW).length;
    },
  };
}
