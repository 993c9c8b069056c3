/**
 * Attendance, feedback and Teams imports in Table storage. Attendance has one row per person
 * per session (partition: the session, row: the person's id), so a second record cannot
 * exist; every change is read, folded and written back with the row's ETag (or created once),
 * and a lost race reads again: concurrent check-ins, imports and retries all end in one
 * record holding all their evidence.
 */
import type { TableClient, TransactionAction } from '@azure/data-tables';
import {
  attendance as attendanceSchema,
  attendanceImport,
  sessionFeedback,
  type Attendance,
  type AttendanceImport,
  type SessionFeedback,
} from '../../../core/src/sessions/index.js';
import { foldJsonRow, queueFor, type StoreOptions } from './session-registrations.js';
import { getRow, isStatus, listRows, odata, prefixFilter } from './session-store.js';
import { TABLES, type Storage } from './storage.js';

interface DataRow {
  partitionKey: string;
  rowKey: string;
  data: string;
}

export interface AttendanceStore {
  get(sessionKey: string, userId: string): Promise<Attendance | undefined>;
  list(sessionKey: string): Promise<Attendance[]>;
  /** Every record of the sessions whose keys start with one of the partitions. */
  listUnder(partitions: readonly string[]): Promise<{ sessionKey: string; record: Attendance }[]>;
  everywhere(userId: string): Promise<{ sessionKey: string; record: Attendance }[]>;
  /**
   * Applies `fold` to the stored record (or to nothing) and stores the result, with the ETag;
   * returns what is stored. `fold` returning its input unchanged writes nothing.
   */
  change(
    sessionKey: string,
    userId: string,
    fold: (existing: Attendance | undefined) => Attendance,
  ): Promise<Attendance>;
  /** Swaps a record for its anonymous version (a new row key) in one transaction. */
  replace(sessionKey: string, oldUserId: string, value: Attendance): Promise<void>;
}

export interface FeedbackStore {
  get(sessionKey: string, userId: string): Promise<SessionFeedback | undefined>;
  /** One answer per person per session: a second one replaces the first. */
  save(sessionKey: string, value: SessionFeedback): Promise<void>;
  list(sessionKey: string): Promise<SessionFeedback[]>;
  listUnder(partitions: readonly string[]): Promise<{ sessionKey: string; feedback: SessionFeedback }[]>;
  everywhere(userId: string): Promise<{ sessionKey: string; feedback: SessionFeedback }[]>;
  replace(sessionKey: string, oldUserId: string, value: SessionFeedback): Promise<void>;
}

export interface ImportStore {
  latest(sessionKey: string): Promise<AttendanceImport | undefined>;
  save(sessionKey: string, value: AttendanceImport): Promise<void>;
  everywhere(): Promise<{ sessionKey: string; value: AttendanceImport }[]>;
}

const underFilter = (partitions: readonly string[]): string =>
  partitions.map((p) => `(${prefixFilter(`${p}_`)})`).join(' or ');

async function swap(
  table: TableClient,
  sessionKey: string,
  oldRowKey: string,
  newRowKey: string,
  data: string,
): Promise<void> {
  const actions: TransactionAction[] = [
    ['delete', { partitionKey: sessionKey, rowKey: oldRowKey }],
    ['upsert', { partitionKey: sessionKey, rowKey: newRowKey, data }, 'Replace'],
  ];
  try {
    await table.submitTransaction(actions);
  } catch (error) {
    // Already swapped by an earlier run: the old row is gone.
    if (!isStatus(error, 404)) throw error;
    await table.upsertEntity({ partitionKey: sessionKey, rowKey: newRowKey, data }, 'Replace');
  }
}

export function createAttendanceStore(storage: Storage, options: StoreOptions = {}): AttendanceStore {
  const queue = queueFor(options);
  const table = storage.table(TABLES.sessionAttendance);
  const parse = (row: { data: string }): Attendance => attendanceSchema.parse(JSON.parse(row.data));
  return {
    async get(sessionKey, userId) {
      const row = await getRow<DataRow>(table, sessionKey, userId);
      return row ? parse(row) : undefined;
    },
    async list(sessionKey) {
      return (await listRows<DataRow>(table, `PartitionKey eq ${odata(sessionKey)}`)).map(parse);
    },
    async listUnder(partitions) {
      if (partitions.length === 0) return [];
      return (await listRows<DataRow>(table, underFilter(partitions))).map((row) => ({
        sessionKey: row.partitionKey,
        record: parse(row),
      }));
    },
    async everywhere(userId) {
      return (await listRows<DataRow>(table, `RowKey eq ${odata(userId)}`)).map((row) => ({
        sessionKey: row.partitionKey,
        record: parse(row),
      }));
    },
    change(sessionKey, userId, fold) {
      return queue(`${sessionKey}/${userId}`, () =>
        foldJsonRow(table, { partitionKey: sessionKey, rowKey: userId }, attendanceSchema, fold),
      );
    },
    replace: (sessionKey, oldUserId, value) =>
      swap(table, sessionKey, oldUserId, value.userId, JSON.stringify(attendanceSchema.parse(value))),
  };
}

export function createSessionFeedbackStore(storage: Storage): FeedbackStore {
  const table = storage.table(TABLES.sessionFeedback);
  const parse = (row: { data: string }): SessionFeedback => sessionFeedback.parse(JSON.parse(row.data));
  return {
    async get(sessionKey, userId) {
      const row = await getRow<DataRow>(table, sessionKey, userId);
      return row ? parse(row) : undefined;
    },
    async save(sessionKey, value) {
      await table.upsertEntity(
        {
          partitionKey: sessionKey,
          rowKey: value.userId,
          data: JSON.stringify(sessionFeedback.parse(value)),
        },
        'Replace',
      );
    },
    async list(sessionKey) {
      return (await listRows<DataRow>(table, `PartitionKey eq ${odata(sessionKey)}`)).map(parse);
    },
    async listUnder(partitions) {
      if (partitions.length === 0) return [];
      return (await listRows<DataRow>(table, underFilter(partitions))).map((row) => ({
        sessionKey: row.partitionKey,
        feedback: parse(row),
      }));
    },
    async everywhere(userId) {
      return (await listRows<DataRow>(table, `RowKey eq ${odata(userId)}`)).map((row) => ({
        sessionKey: row.partitionKey,
        feedback: parse(row),
      }));
    },
    replace: (sessionKey, oldUserId, value) =>
      swap(table, sessionKey, oldUserId, value.userId, JSON.stringify(sessionFeedback.parse(value))),
  };
}

export function createImportStore(storage: Storage): ImportStore {
  const table = storage.table(TABLES.sessionImports);
  const parse = (row: { data: string }): AttendanceImport => attendanceImport.parse(JSON.parse(row.data));
  return {
    async latest(sessionKey) {
      const row = await getRow<DataRow>(table, sessionKey, 'latest');
      return row ? parse(row) : undefined;
    },
    async save(sessionKey, value) {
      await table.upsertEntity(
        { partitionKey: sessionKey, rowKey: 'latest', data: JSON.stringify(attendanceImport.parse(value)) },
        'Replace',
      );
    },
    async everywhere() {
      return (await listRows<DataRow>(table, `RowKey eq 'latest'`)).map((row) => ({
        sessionKey: row.partitionKey,
        value: parse(row),
      }));
    },
  };
}
