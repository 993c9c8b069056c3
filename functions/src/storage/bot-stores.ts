/** Azure Table adapters for the bot's ports: advice records, feedback, conversation references. */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type {
  AdviceRecord,
  AdviceRecords,
  ConversationReferences,
  Feedback,
  FeedbackStore,
  StoredConversationReference,
} from '../../../bot/src/ports.js';
import { adviceRequest } from '../../../core/src/engine/advise.js';
import type { Clock } from '../../../core/src/index.js';
import { JsonTable } from './json-table.js';
import { TABLES, type Storage } from './storage.js';

const adviceRecord = z.object({
  id: z.string(),
  conversationId: z.string(),
  userId: z.string(),
  municipalityId: z.string().optional(),
  request: adviceRequest,
  tenderReference: z.string().optional(),
  createdAt: z.string(),
});

const feedback = z.object({
  adviceId: z.string(),
  userId: z.string(),
  municipalityId: z.string().optional(),
  helpful: z.boolean(),
  productGroupIds: z.array(z.string()),
  at: z.string(),
});

const conversationReference = z.object({
  tenantId: z.string(),
  userId: z.string(),
  conversationId: z.string(),
  serviceUrl: z.string(),
  channelId: z.string(),
  botId: z.string(),
  reference: z.record(z.string(), z.unknown()),
  installedAt: z.string(),
});

export function createAdviceRecords(storage: Storage, clock: Clock): AdviceRecords {
  const records = new JsonTable<AdviceRecord>(storage.table(TABLES.advice), adviceRecord);
  // The advice a conversation is about is in the conversation's memory (conversation-memory.ts).
  return {
    async create(input) {
      const record: AdviceRecord = {
        ...input,
        id: randomBytes(18).toString('base64url'),
        createdAt: clock.now().toISOString(),
      };
      await records.upsert('advice', record.id, record);
      return record;
    },
    get: (id) => records.get('advice', id),
    update: (record) => records.upsert('advice', record.id, record),
  };
}

export function createFeedbackStore(storage: Storage): FeedbackStore {
  const table = new JsonTable<Feedback>(storage.table(TABLES.feedback), feedback);
  return {
    // One answer per person per advice: a second click replaces the first.
    save: (f) => table.upsert(f.municipalityId ?? 'unknown', `${f.adviceId}_${f.userId}`, f),
  };
}

export function createConversationReferences(storage: Storage): ConversationReferences {
  const table = new JsonTable<StoredConversationReference>(
    storage.table(TABLES.conversations),
    conversationReference,
  );
  return {
    save: (r) => table.upsert(r.tenantId, r.userId, r),
    remove: async (tenantId, userId) => {
      await table.delete(tenantId, userId);
    },
    get: (tenantId, userId) => table.get(tenantId, userId),
  };
}
