/**
 * Wrong check-in codes per person in Table storage, so the limit holds across Functions
 * instances. One row per person (partition: the Entra object id, row: `check-in`) holding only
 * the times of their recent wrong codes. Every change is read, folded and written back with the
 * row's ETag (or created once); a lost race reads again, so failures that happen at the same
 * moment all count. Rows with no failure inside the window are deleted by `purge` (the daily
 * retention timer) and by erase.
 */
import { checkInFailures, type CheckInFailures } from '../../../core/src/sessions/index.js';
import { encodeKey } from './json-table.js';
import { foldJsonRow, queueFor, type StoreOptions } from './session-registrations.js';
import { getRow, isStatus, listRows } from './session-store.js';
import { TABLES, type Storage } from './storage.js';

const ROW = 'check-in';

interface Row {
  partitionKey: string;
  rowKey: string;
  data: string;
}

export interface CheckInAttemptStore {
  get(userId: string): Promise<CheckInFailures | undefined>;
  /** Applies `fold` to the stored record (or to nothing) and stores the result, with the ETag. */
  change(
    userId: string,
    fold: (existing: CheckInFailures | undefined) => CheckInFailures,
  ): Promise<CheckInFailures>;
  /** Deletes the person's row (erase); false when there was none. */
  erase(userId: string): Promise<boolean>;
  /** Deletes every row `expired` says holds nothing that counts (a row changed meanwhile stays). */
  purge(expired: (value: CheckInFailures) => boolean): Promise<number>;
}

export function createCheckInAttemptStore(storage: Storage, options: StoreOptions = {}): CheckInAttemptStore {
  const queue = queueFor(options);
  const table = storage.table(TABLES.sessionCheckInAttempts);
  const parse = (row: { data: string }): CheckInFailures => checkInFailures.parse(JSON.parse(row.data));
  return {
    async get(userId) {
      const row = await getRow<Row>(table, encodeKey(userId), ROW);
      return row ? parse(row) : undefined;
    },
    change(userId, fold) {
      const partitionKey = encodeKey(userId);
      return queue(`check-in-attempts/${partitionKey}`, () =>
        foldJsonRow(table, { partitionKey, rowKey: ROW }, checkInFailures, fold),
      );
    },
    async erase(userId) {
      try {
        await table.deleteEntity(encodeKey(userId), ROW);
        return true;
      } catch (error) {
        if (isStatus(error, 404)) return false;
        throw error;
      }
    },
    async purge(expired) {
      let deleted = 0;
      for (const row of await listRows<Row>(table, `RowKey eq '${ROW}'`)) {
        if (!expired(parse(row))) continue;
        try {
          await table.deleteEntity(row.partitionKey, row.rowKey, { etag: row.etag });
          deleted++;
        } catch (error) {
          // Gone already, or a new failure came in: nothing to do.
          if (!isStatus(error, 404, 412)) throw error;
        }
      }
      return deleted;
    },
  };
}
