/**
 * Nudges in Azure Table storage, one entity per (tender, stage, recipient) with the record as
 * JSON plus `status` and `dueAt` columns for queries. Every change is a conditional replace
 * on the entity's ETag: the record doubles as the idempotency record of its delivery.
 */
import { RestError, type TableClient, type TableEntityResult } from '@azure/data-tables';
import {
  keyOf,
  nudgePlan,
  nudgePreferences,
  nudgeRecord,
  snooze,
  type NudgePlan,
  type NudgeRecord,
  type NudgeRepository,
  type NudgeSettingsRepository,
  type Versioned,
} from '../../../core/src/nudges/index.js';
import { JsonTable, encodeKey } from './json-table.js';
import { TABLES, type Storage } from './storage.js';

interface NudgeEntity {
  data: string;
  status: string;
  dueAt: string;
}

const isStatus = (error: unknown, status: number): boolean =>
  error instanceof RestError && error.statusCode === status;

function toEntity(record: NudgeRecord): { partitionKey: string; rowKey: string } & NudgeEntity {
  const value = nudgeRecord.parse(record);
  return {
    partitionKey: encodeKey(value.municipalityId),
    rowKey: encodeKey(keyOf(value)),
    data: JSON.stringify(value),
    status: value.status,
    dueAt: value.dueAt,
  };
}

function fromEntity(entity: TableEntityResult<NudgeEntity>): Versioned<NudgeRecord> {
  return { value: nudgeRecord.parse(JSON.parse(entity.data)), etag: entity.etag };
}

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export function createNudgeRepository(storage: Storage): NudgeRepository {
  const table: TableClient = storage.table(TABLES.nudges);

  async function list(filter: string): Promise<Versioned<NudgeRecord>[]> {
    const out: Versioned<NudgeRecord>[] = [];
    for await (const entity of table.listEntities<NudgeEntity>({ queryOptions: { filter } }))
      out.push(fromEntity(entity));
    return out;
  }

  return {
    listForMunicipality: (municipalityId) => list(`PartitionKey eq ${quote(encodeKey(municipalityId))}`),
    listForTender(municipalityId, reference) {
      // Row keys of one tender share the encoded prefix "<reference>|"; the next character is a stage name.
      const prefix = encodeKey(`${reference}|`);
      return list(
        `PartitionKey eq ${quote(encodeKey(municipalityId))} and RowKey ge ${quote(prefix)} and RowKey lt ${quote(`${prefix}~`)}`,
      );
    },
    async get(municipalityId, key) {
      try {
        return fromEntity(await table.getEntity<NudgeEntity>(encodeKey(municipalityId), encodeKey(key)));
      } catch (error) {
        if (isStatus(error, 404)) return undefined;
        throw error;
      }
    },
    async create(record) {
      try {
        const response = await table.createEntity(toEntity(record));
        return { value: record, etag: response.etag ?? '' };
      } catch (error) {
        if (isStatus(error, 409)) return undefined;
        throw error;
      }
    },
    async replace(record, etag) {
      try {
        const response = await table.updateEntity(toEntity(record), 'Replace', { etag });
        return { value: record, etag: response.etag ?? '' };
      } catch (error) {
        if (isStatus(error, 412) || isStatus(error, 404)) return undefined;
        throw error;
      }
    },
  };
}

const PLAN = 'plan';
const snoozePartition = (municipalityId: string): string => `snooze-${municipalityId}`;
const preferencesPartition = (tenantId: string): string => `preferences-${tenantId}`;

export function createNudgeSettings(storage: Storage): NudgeSettingsRepository {
  const plans = new JsonTable<NudgePlan>(storage.table(TABLES.nudgeSettings), nudgePlan);
  const snoozes = new JsonTable(storage.table(TABLES.nudgeSettings), snooze);
  const preferences = new JsonTable(storage.table(TABLES.nudgeSettings), nudgePreferences);
  return {
    getPlan: (municipalityId) => plans.get(PLAN, municipalityId),
    savePlan: (municipalityId, plan) => plans.upsert(PLAN, municipalityId, plan),
    listSnoozes: (municipalityId) => snoozes.list(snoozePartition(municipalityId)),
    getSnooze: (municipalityId, reference) => snoozes.get(snoozePartition(municipalityId), reference),
    saveSnooze: (s) => snoozes.upsert(snoozePartition(s.municipalityId), s.reference, s),
    removeSnooze: async (municipalityId, reference) => {
      await snoozes.delete(snoozePartition(municipalityId), reference);
    },
    getPreferences: (tenantId, userId) => preferences.get(preferencesPartition(tenantId), userId),
    savePreferences: (p) => preferences.upsert(preferencesPartition(p.tenantId), p.userId, p),
    async listOptedOut(tenantId) {
      return new Set(
        (await preferences.list(preferencesPartition(tenantId)))
          .filter((p) => p.optedOut)
          .map((p) => p.userId),
      );
    },
  };
}
