/**
 * Questions for the MVI team in Table storage: one row per question (partition: the
 * municipality), changed with the row's ETag so two experts claiming at once end with one
 * claim; the channel each municipality chose; the teams the app is installed in.
 */
import { RestError } from '@azure/data-tables';
import { z } from 'zod';
import type {
  ExpertChannel,
  ExpertChannelStore,
  ExpertQuestionRecord,
  ExpertQuestionStore,
  TeamInstallation,
  TeamInstallationStore,
} from '../../../bot/src/ports.js';
import { expertQuestion } from '../../../core/src/experts/question.js';
import { encodeKey, JsonTable } from './json-table.js';
import { TABLES, type Storage } from './storage.js';

const target = { serviceUrl: z.string(), reference: z.record(z.string(), z.unknown()) };

const questionRecord = z.object({
  question: expertQuestion,
  askedIn: z.object(target),
  channelActivityId: z.string().max(300).optional(),
});

const channel = z.object({
  municipalityId: z.string(),
  tenantId: z.string(),
  teamId: z.string(),
  teamName: z.string().optional(),
  channelId: z.string(),
  channelName: z.string(),
  ...target,
  chosenBy: z.object({ userId: z.string(), displayName: z.string() }),
  chosenAt: z.string(),
});

const installation = z.object({
  tenantId: z.string(),
  teamId: z.string(),
  teamName: z.string().optional(),
  municipalityId: z.string().optional(),
  ...target,
  channels: z.array(z.object({ id: z.string(), name: z.string() })).max(500),
  installedAt: z.string(),
});

export function createExpertQuestionStore(storage: Storage): ExpertQuestionStore {
  const client = storage.table(TABLES.expertQuestions);
  const table = new JsonTable<ExpertQuestionRecord>(client, questionRecord);
  return {
    async create(record) {
      const q = record.question;
      await client.createEntity({
        partitionKey: encodeKey(q.municipalityId),
        rowKey: encodeKey(q.id),
        data: JSON.stringify(questionRecord.parse(record)),
      });
    },
    get: (municipalityId, id) => table.get(municipalityId, id),
    async update(municipalityId, id, change) {
      for (let attempt = 0; attempt < 5; attempt++) {
        let entity;
        try {
          entity = await client.getEntity<{ data: string }>(encodeKey(municipalityId), encodeKey(id));
        } catch (error) {
          if (error instanceof RestError && error.statusCode === 404) return undefined;
          throw error;
        }
        const next = questionRecord.parse(change(questionRecord.parse(JSON.parse(entity.data))));
        try {
          await client.updateEntity(
            { partitionKey: entity.partitionKey!, rowKey: entity.rowKey!, data: JSON.stringify(next) },
            'Replace',
            { etag: entity.etag },
          );
          return next;
        } catch (error) {
          if (!(error instanceof RestError && error.statusCode === 412)) throw error;
        }
      }
      throw new Error(`expert question ${id}: changed by others five times in a row`);
    },
    list: (municipalityId) => table.list(municipalityId),
    async delete(municipalityId, id) {
      await table.delete(municipalityId, id);
    },
  };
}

export function createExpertChannelStore(storage: Storage): ExpertChannelStore {
  const table = new JsonTable<ExpertChannel>(storage.table(TABLES.expertChannels), channel);
  return {
    get: (municipalityId) => table.get(municipalityId, 'channel'),
    save: (value) => table.upsert(value.municipalityId, 'channel', value),
  };
}

export function createTeamInstallationStore(storage: Storage): TeamInstallationStore {
  const table = new JsonTable<TeamInstallation>(storage.table(TABLES.teamInstallations), installation);
  return {
    save: (value) => table.upsert(value.tenantId, value.teamId, value),
    get: (tenantId, teamId) => table.get(tenantId, teamId),
    list: (tenantId) => table.list(tenantId),
    async remove(tenantId, teamId) {
      await table.delete(tenantId, teamId);
    },
  };
}
