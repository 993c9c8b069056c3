/** Each municipality's privacy settings for sessions, and the audit trail of exports, erasures and retention runs. */
import { randomBytes } from 'node:crypto';
import {
  auditEntry,
  privacySettings,
  type AuditEntry,
  type PrivacySettings,
} from '../../../core/src/sessions/index.js';
import { getRow, listRows, odata } from './session-store.js';
import { TABLES, type Storage } from './storage.js';

export interface PrivacyStore {
  settings(municipalityId: string): Promise<PrivacySettings | undefined>;
  saveSettings(municipalityId: string, value: PrivacySettings): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  auditTrail(municipalityId: string, limit?: number): Promise<AuditEntry[]>;
}

const inverted = (ms: number): string => String(9_999_999_999_999 - ms).padStart(13, '0');
/** Row keys that sort newest first (by the entry's time, then by when it was written). */
const newestFirst = (at: string): string =>
  `${inverted(Date.parse(at))}_${inverted(Date.now())}_${randomBytes(4).toString('hex')}`;

export function createPrivacyStore(storage: Storage): PrivacyStore {
  const settings = storage.table(TABLES.sessionSettings);
  const audit = storage.table(TABLES.privacyAudit);
  return {
    async settings(municipalityId) {
      const row = await getRow<{ data: string }>(settings, 'privacy', municipalityId);
      return row ? privacySettings.parse(JSON.parse(row.data)) : undefined;
    },
    async saveSettings(municipalityId, value) {
      await settings.upsertEntity(
        {
          partitionKey: 'privacy',
          rowKey: municipalityId,
          data: JSON.stringify(privacySettings.parse(value)),
        },
        'Replace',
      );
    },
    async audit(entry) {
      const value = auditEntry.parse(entry);
      await audit.createEntity({
        partitionKey: value.municipalityId,
        rowKey: newestFirst(value.at),
        data: JSON.stringify(value),
      });
    },
    async auditTrail(municipalityId, limit = 200) {
      const rows = await listRows<{ data: string }>(audit, `PartitionKey eq ${odata(municipalityId)}`);
      return rows
        .sort((a, b) => a.rowKey.localeCompare(b.rowKey))
        .slice(0, limit)
        .map((row) => auditEntry.parse(JSON.parse(row.data)));
    },
  };
}
