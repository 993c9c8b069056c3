/**
 * Tenders with their ETags and all-or-nothing writes: the same entities the repository in
 * repositories.ts reads (municipality as partition, reference as row, the tender as JSON),
 * written in entity-group transactions of at most 100 per municipality.
 */
import { RestError, type TableClient, type TransactionAction } from '@azure/data-tables';
import { tender as tenderSchema, type Tender } from '../../../core/src/index.js';
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

const entityOf = (t: Tender): { partitionKey: string; rowKey: string; data: string } => {
  const value = tenderSchema.parse(t);
  return {
    partitionKey: encodeKey(value.municipalityId),
    rowKey: encodeKey(value.reference),
    data: JSON.stringify(value),
  };
};

const isStatus = (error: unknown, status: number): boolean =>
  error instanceof RestError && error.statusCode === status;

export function createTenderStore(storage: Storage): TenderStore {
  const table: TableClient = storage.table(TABLES.tenders);
  return {
    async get(municipalityId, reference) {
      try {
        const entity = await table.getEntity<{ data: string }>(
          encodeKey(municipalityId),
          encodeKey(reference),
        );
        return { value: tenderSchema.parse(JSON.parse(entity.data)), etag: entity.etag };
      } catch (error) {
        if (isStatus(error, 404)) return undefined;
        throw error;
      }
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
      try {
        const response = await table.createEntity(entityOf(t));
        return { value: t, etag: response.etag ?? '' };
      } catch (error) {
        if (isStatus(error, 409)) return undefined;
        throw error;
      }
    },
    async replace(t, etag) {
      try {
        const response = await table.updateEntity(entityOf(t), 'Replace', { etag });
        return { value: t, etag: response.etag ?? '' };
      } catch (error) {
        if (isStatus(error, 412) || isStatus(error, 404)) return undefined;
        throw error;
      }
    },
    async upsertAll(municipalityId, tenders) {
      const entities = tenders.map(entityOf);
      if (entities.some((e) => e.partitionKey !== encodeKey(municipalityId)))
        throw new Error('upsertAll takes tenders of one municipality');
      for (let i = 0; i < entities.length; i += TRANSACTION_LIMIT) {
        const actions: TransactionAction[] = entities
          .slice(i, i + TRANSACTION_LIMIT)
          .map((e) => ['upsert', e, 'Replace']);
        await table.submitTransaction(actions);
      }
    },
    async remove(municipalityId, reference) {
      try {
        await table.deleteEntity(encodeKey(municipalityId), encodeKey(reference));
      } catch (error) {
        if (!isStatus(error, 404)) throw error;
      }
    },
  };
}
