/**
 * Tenders with their ETags and all-or-nothing writes: the same entities the repository in
 * repositories.ts reads (municipality as partition, the case-folded reference as row, the
 * tender as JSON with its reference as first written), written in entity-group transactions
 * of at most 100 per municipality.
 *
 * Rows written before references were case-folded are keyed by the reference as typed
 * ("legacy" rows): they are still found, and move to their folded key on their next write.
 */
import { RestError, type TableClient, type TransactionAction } from '@azure/data-tables';
import { referenceKey, tender as tenderSchema, type Tender } from '../../../core/src/index.js';
import type { Versioned } from '../../../core/src/nudges/index.js';
import { encodeKey } from './json-table.js';
import { TABLES, type Storage } from './storage.js';

export const TRANSACTION_LIMIT = 100;

export interface TenderStore {
  get(municipalityId: string, reference: string): Promise<Versioned<Tender> | undefined>;
  list(municipalityId: string): Promise<Versioned<Tender>[]>;
  /** Inserts; undefined when the reference exists already. */
  create(tender: Tender): Promise<Versioned<Tender> | undefined>;
  /** Replaces when unchanged since `etag`; undefined when someone else changed it. */
  replace(tender: Tender, etag: string): Promise<Versioned<Tender> | undefined>;
  /** Upserts tenders of one municipality in transactions of at most 100: each chunk all or nothing. */
  upsertAll(municipalityId: string, tenders: readonly Tender[]): Promise<void>;
  /** Removes a tender (only to undo an import that failed halfway). */
  remove(municipalityId: string, reference: string): Promise<void>;
}

/** The row key of a reference: one row whatever the case it is written in. */
export const tenderRowKey = (reference: string): string => encodeKey(referenceKey(reference));

const entityOf = (t: Tender): { partitionKey: string; rowKey: string; data: string } => {
  const value = tenderSchema.parse(t);
  return {
    partitionKey: encodeKey(value.municipalityId),
    rowKey: tenderRowKey(value.reference),
    data: JSON.stringify(value),
  };
};

/** The folded key of a stored row key (a legacy row's differs from its own). */
const foldedOf = (rowKey: string): string => {
  try {
    return tenderRowKey(decodeURIComponent(rowKey));
  } catch {
    return rowKey;
  }
};

const isStatus = (error: unknown, status: number): boolean =>
  error instanceof RestError && error.statusCode === status;

export function createTenderStore(storage: Storage): TenderStore {
  const table: TableClient = storage.table(TABLES.tenders);

  const read = async (municipalityId: string, rowKey: string): Promise<Versioned<Tender> | undefined> => {
    try {
      const entity = await table.getEntity<{ data: string }>(encodeKey(municipalityId), rowKey);
      return { value: tenderSchema.parse(JSON.parse(entity.data)), etag: entity.etag };
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  };

  /**
   * Legacy row keys of these references (folded key → stored key). Only row keys are read,
   * and only when a reference has a letter whose case could differ.
   */
  const legacyRowKeys = async (
    municipalityId: string,
    references: readonly string[],
  ): Promise<Map<string, string>> => {
    const wanted = new Set(references.filter((r) => /[a-z]/i.test(r)).map(tenderRowKey));
    const out = new Map<string, string>();
    if (wanted.size === 0) return out;
    const filter = `PartitionKey eq '${encodeKey(municipalityId).replace(/'/g, "''")}'`;
    for await (const entity of table.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) {
      const rowKey = entity.rowKey ?? '';
      const folded = foldedOf(rowKey);
      if (folded !== rowKey && wanted.has(folded)) out.set(folded, rowKey);
    }
    return out;
  };

  return {
    async get(municipalityId, reference) {
      const found = await read(municipalityId, tenderRowKey(reference));
      if (found) return found;
      const legacy = await legacyRowKeys(municipalityId, [reference]);
      const rowKey = legacy.get(tenderRowKey(reference));
      return rowKey ? read(municipalityId, rowKey) : undefined;
    },
    async list(municipalityId) {
      const out: Versioned<Tender>[] = [];
      const filter = `PartitionKey eq '${encodeKey(municipalityId).replace(/'/g, "''")}'`;
      for await (const entity of table.listEntities<{ data: string }>({ queryOptions: { filter } })) {
        out.push({ value: tenderSchema.parse(JSON.parse(entity.data)), etag: entity.etag });
      }
      return out;
    },
    async create(t) {
      // An older row of the same reference in another case is the same tender.
      if ((await legacyRowKeys(t.municipalityId, [t.reference])).size > 0) return undefined;
      try {
        const response = await table.createEntity(entityOf(t));
        return { value: t, etag: response.etag ?? '' };
      } catch (error) {
        if (isStatus(error, 409)) return undefined;
        throw error;
      }
    },
    async replace(t, etag) {
      const entity = entityOf(t);
      try {
        const response = await table.updateEntity(entity, 'Replace', { etag });
        return { value: t, etag: response.etag ?? '' };
      } catch (error) {
        if (isStatus(error, 412)) return undefined;
        if (!isStatus(error, 404)) throw error;
      }
      // Not under its folded key: a legacy row moves there, guarded by the ETag it was read with.
      const legacy = (await legacyRowKeys(t.municipalityId, [t.reference])).get(entity.rowKey);
      if (!legacy) return undefined;
      let created: string | undefined;
      try {
        created = (await table.createEntity(entity)).etag ?? '';
        // The ETag guards the old row: changed meanwhile, and the move is undone.
        await table.deleteEntity(entity.partitionKey, legacy, { etag });
        return { value: t, etag: created };
      } catch (error) {
        if (created !== undefined)
          await table.deleteEntity(entity.partitionKey, entity.rowKey).catch(() => undefined);
        if (isStatus(error, 412) || isStatus(error, 404) || isStatus(error, 409)) return undefined;
        throw error;
      }
    },
    async upsertAll(municipalityId, tenders) {
      const entities = tenders.map(entityOf);
      if (entities.some((e) => e.partitionKey !== encodeKey(municipalityId)))
        throw new Error('upsertAll takes tenders of one municipality');
      // Legacy rows of these references are removed in the same transaction as their new row.
      const legacy = await legacyRowKeys(
        municipalityId,
        tenders.map((t) => t.reference),
      );
      const chunks: TransactionAction[][] = [[]];
      for (const e of entities) {
        const actions: TransactionAction[] = [['upsert', e, 'Replace']];
        const old = legacy.get(e.rowKey);
        if (old) actions.push(['delete', { partitionKey: e.partitionKey, rowKey: old }]);
        if (chunks.at(-1)!.length + actions.length > TRANSACTION_LIMIT) chunks.push([]);
        chunks.at(-1)!.push(...actions);
      }
      for (const actions of chunks) if (actions.length) await table.submitTransaction(actions);
    },
    async remove(municipalityId, reference) {
      try {
        await table.deleteEntity(encodeKey(municipalityId), tenderRowKey(reference));
      } catch (error) {
        if (!isStatus(error, 404)) throw error;
      }
    },
  };
}
