/**
 * The region's recorded tenders for "ga kijken bij de buren", kept as a maintained summary:
 * one partition per region and product group (so an advice reads one partition, never every
 * tender), one row per recorded tender of that group, with the year as a column to filter on.
 * And each municipality's sharing choice, one partition per region (one read gives them all).
 */
import { RestError, type TableClient, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { referenceKey } from '../../../core/src/index.js';
import {
  neighbourRecord,
  sharingSettings,
  type NeighbourRecord,
  type SharingSettings,
} from '../../../core/src/neighbours/neighbours.js';
import { encodeKey } from './../storage/json-table.js';
import { TABLES, type Storage } from './../storage/storage.js';

/** A sharing choice as stored: who made it and when. */
export const storedSharing = z.object({
  settings: sharingSettings,
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
});
export type StoredSharing = z.infer<typeof storedSharing>;

export interface NeighbourStore {
  /** The region's recorded tenders of one product group, of `sinceYear` or later. */
  listGroup(regionId: string, productGroupId: string, sinceYear: number): Promise<NeighbourRecord[]>;
  /** Every product group's records of the region (the monitoring's region view). */
  listRegion(regionId: string, sinceYear: number): Promise<NeighbourRecord[]>;
  /** Writes the record under each of its product groups. */
  put(regionId: string, record: NeighbourRecord): Promise<void>;
  /** Writes many records of one product group in transactions of 100 (demo data, benchmarks). */
  putMany(regionId: string, productGroupId: string, records: readonly NeighbourRecord[]): Promise<void>;
  remove(regionId: string, productGroupId: string, municipalityId: string, reference: string): Promise<void>;
  sharingOf(regionId: string): Promise<Map<string, StoredSharing>>;
  setSharing(regionId: string, municipalityId: string, value: StoredSharing): Promise<void>;
}

/** Region ids and product group ids are lower-case words with hyphens, so `|` separates them. */
const groupPartition = (regionId: string, productGroupId: string): string =>
  encodeKey(`${regionId}|${productGroupId}`);
const recordRow = (municipalityId: string, reference: string): string =>
  encodeKey(`${municipalityId}|${referenceKey(reference)}`);

const isStatus = (error: unknown, status: number): boolean =>
  error instanceof RestError && error.statusCode === status;

const quote = (value: string): string => `'${value.replace(/'/g, "''")}'`;

export function createNeighbourStore(storage: Storage): NeighbourStore {
  const records: TableClient = storage.table(TABLES.neighbourRecords);
  const sharing: TableClient = storage.table(TABLES.neighbourSharing);
  const entityOf = (regionId: string, productGroupId: string, r: NeighbourRecord) => ({
    partitionKey: groupPartition(regionId, productGroupId),
    rowKey: recordRow(r.municipalityId, r.reference),
    year: r.year,
    data: JSON.stringify(neighbourRecord.parse(r)),
  });
  async function read(filter: string): Promise<NeighbourRecord[]> {
    const out: NeighbourRecord[] = [];
    const seen = new Set<string>();
    for await (const entity of records.listEntities<{ data: string }>({
      queryOptions: { filter, select: ['RowKey', 'data'] },
    })) {
      const parsed = neighbourRecord.safeParse(JSON.parse(entity.data));
      // A row that no longer fits the schema is left out rather than failing every advice.
      if (!parsed.success) continue;
      // A record of several groups is in several partitions; the region view counts it once.
      const key = `${parsed.data.municipalityId}|${referenceKey(parsed.data.reference)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(parsed.data);
    }
    return out;
  }
  return {
    listGroup: (regionId, productGroupId, sinceYear) =>
      read(`PartitionKey eq ${quote(groupPartition(regionId, productGroupId))} and year ge ${sinceYear}`),
    // The region's partitions are one key range ("region|" up to "region}"): no scan of other regions.
    listRegion: (regionId, sinceYear) =>
      read(
        `PartitionKey ge ${quote(encodeKey(`${regionId}|`))} and PartitionKey lt ${quote(encodeKey(`${regionId}}`))} and year ge ${sinceYear}`,
      ),
    async put(regionId, record) {
      await Promise.all(
        record.productGroupIds.map((g) => records.upsertEntity(entityOf(regionId, g, record), 'Replace')),
      );
    },
    async putMany(regionId, productGroupId, list) {
      for (let i = 0; i < list.length; i += 100) {
        const actions: TransactionAction[] = list
          .slice(i, i + 100)
          .map((r) => ['upsert', entityOf(regionId, productGroupId, r), 'Replace']);
        await records.submitTransaction(actions);
      }
    },
    async remove(regionId, productGroupId, municipalityId, reference) {
      try {
        await records.deleteEntity(
          groupPartition(regionId, productGroupId),
          recordRow(municipalityId, reference),
        );
      } catch (error) {
        if (!isStatus(error, 404)) throw error;
      }
    },
    async sharingOf(regionId) {
      const out = new Map<string, StoredSharing>();
      for await (const entity of sharing.listEntities<{ data: string }>({
        queryOptions: { filter: `PartitionKey eq ${quote(encodeKey(regionId))}` },
      })) {
        const parsed = storedSharing.safeParse(JSON.parse(entity.data));
        if (parsed.success) out.set(decodeURIComponent(entity.rowKey ?? ''), parsed.data);
      }
      return out;
    },
    async setSharing(regionId, municipalityId, value) {
      await sharing.upsertEntity(
        {
          partitionKey: encodeKey(regionId),
          rowKey: encodeKey(municipalityId),
          data: JSON.stringify(storedSharing.parse(value)),
        },
        'Replace',
      );
    },
  };
}

export type { SharingSettings };
