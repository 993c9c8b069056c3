/**
 * Sessions in Table storage, in the table the repositories read (partition: the municipality,
 * or `region-<regionId>` for region-wide sessions), with ETag-guarded edits; and each
 * session's check-in code, kept apart from the session so it never leaks into a listing.
 */
import { RestError, type TableClient } from '@azure/data-tables';
import { conflict, session, type Session } from '../../../core/src/index.js';
import { encodeKey } from './json-table.js';
import { TABLES, type Storage } from './storage.js';

interface Row {
  partitionKey: string;
  rowKey: string;
  data: string;
  etag?: string;
}

export const regionPartition = (regionId: string): string => `region-${regionId}`;
export const sessionPartition = (s: Pick<Session, 'regionWide' | 'regionId' | 'municipalityId'>): string =>
  s.regionWide ? regionPartition(s.regionId) : s.municipalityId;
/** The partition of everything that belongs to one session (registrations, attendance, feedback). */
export const sessionKey = (s: Pick<Session, 'regionWide' | 'regionId' | 'municipalityId' | 'id'>): string =>
  `${sessionPartition(s)}_${s.id}`;

export const isStatus = (error: unknown, ...statuses: number[]): boolean =>
  error instanceof RestError && statuses.includes(error.statusCode ?? 0);

export async function getRow<T extends object>(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<(T & { etag: string }) | undefined> {
  try {
    const entity = await table.getEntity<T>(partitionKey, rowKey);
    return { ...(entity as T), etag: entity.etag };
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}

export async function listRows<T extends object>(
  table: TableClient,
  filter: string,
): Promise<(T & { partitionKey: string; rowKey: string; etag: string })[]> {
  const out: (T & { partitionKey: string; rowKey: string; etag: string })[] = [];
  for await (const entity of table.listEntities<T>({ queryOptions: { filter } })) {
    out.push(entity as T & { partitionKey: string; rowKey: string; etag: string });
  }
  return out;
}

/** An OData string literal. */
export const odata = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** Every key of one partition-prefix: `PartitionKey` from `prefix` up to the next character. */
export const prefixFilter = (prefix: string): string => {
  const upper = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return `PartitionKey ge ${odata(prefix)} and PartitionKey lt ${odata(upper)}`;
};

export interface StoredSession {
  session: Session;
  etag: string;
}

export interface SessionStore {
  /** The session with this id among the given partitions (own municipality first). */
  find(partitions: readonly string[], id: string): Promise<StoredSession | undefined>;
  list(partition: string): Promise<Session[]>;
  /** Conflict when the id is taken. */
  create(value: Session): Promise<void>;
  /** Saves if the stored session still has `etag`; conflict otherwise. */
  update(value: Session, etag: string): Promise<void>;
  /** The session's check-in code (created with the session). */
  codeOf(
    value: Pick<Session, 'regionWide' | 'regionId' | 'municipalityId' | 'id'>,
  ): Promise<string | undefined>;
  /** Reserves a code for a session; false when another session holds it. */
  reserveCode(
    value: Pick<Session, 'regionWide' | 'regionId' | 'municipalityId' | 'id'>,
    code: string,
  ): Promise<boolean>;
  /** The session a code belongs to. */
  sessionOfCode(code: string): Promise<{ partition: string; id: string } | undefined>;
}

export function createSessionStore(storage: Storage): SessionStore {
  const table = storage.table(TABLES.sessions);
  const codes = storage.table(TABLES.sessionCodes);
  const parse = (row: { data: string }): Session => session.parse(JSON.parse(row.data));
  const stale = conflict({
    nl: 'Iemand anders heeft deze sessie intussen gewijzigd. Laad de sessie opnieuw en breng uw wijziging opnieuw aan.',
    en: 'Someone else changed this session in the meantime. Reload it and make your change again.',
  });

  return {
    async find(partitions, id) {
      for (const partition of partitions) {
        const row = await getRow<Row>(table, encodeKey(partition), encodeKey(id));
        if (row) return { session: parse(row), etag: row.etag };
      }
      return undefined;
    },
    async list(partition) {
      const rows = await listRows<Row>(table, `PartitionKey eq ${odata(encodeKey(partition))}`);
      return rows.map(parse);
    },
    async create(value) {
      try {
        await table.createEntity({
          partitionKey: encodeKey(sessionPartition(value)),
          rowKey: encodeKey(value.id),
          data: JSON.stringify(session.parse(value)),
        });
      } catch (error) {
        if (isStatus(error, 409))
          throw conflict({
            nl: 'Er bestaat al een sessie met deze naam en datum.',
            en: 'A session with this name and date already exists.',
          });
        throw error;
      }
    },
    async update(value, etag) {
      try {
        await table.updateEntity(
          {
            partitionKey: encodeKey(sessionPartition(value)),
            rowKey: encodeKey(value.id),
            data: JSON.stringify(session.parse(value)),
          },
          'Replace',
          { etag },
        );
      } catch (error) {
        if (isStatus(error, 412, 404)) throw stale;
        throw error;
      }
    },
    async codeOf(value) {
      return (await getRow<{ code: string }>(codes, 'session', sessionKey(value)))?.code;
    },
    async reserveCode(value, code) {
      try {
        await codes.createEntity({
          partitionKey: 'code',
          rowKey: code,
          partition: sessionPartition(value),
          sessionId: value.id,
        });
      } catch (error) {
        if (isStatus(error, 409)) return false;
        throw error;
      }
      await codes.upsertEntity({ partitionKey: 'session', rowKey: sessionKey(value), code }, 'Replace');
      return true;
    },
    async sessionOfCode(code) {
      const row = await getRow<{ partition: string; sessionId: string }>(codes, 'code', code);
      return row ? { partition: row.partition, id: row.sessionId } : undefined;
    },
  };
}
