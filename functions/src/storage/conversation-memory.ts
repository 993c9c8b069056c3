/**
 * What the bot remembers of a conversation, in Table storage: one row per conversation
 * (personal chat, group chat, channel thread), forgotten CONTEXT_TTL_HOURS after its last
 * change. Azure Tables have no time to live of their own: an expired row is never returned
 * (and deleted when read), and `purgeExpired` removes the rest (the daily retention timer).
 */
import { z } from 'zod';
import type { ConversationMemory, ConversationMemoryState } from '../../../bot/src/ports.js';
import { ambitionLevel } from '../../../core/src/content/schema.js';
import { CONTEXT_TTL_HOURS, conversationContext } from '../../../core/src/conversation/context.js';
import type { Clock } from '../../../core/src/index.js';
import { LANGUAGES } from '../../../core/src/kernel/language.js';
import { JsonTable } from './json-table.js';
import { TABLES, type Storage } from './storage.js';

const memoryState = z.object({
  conversationId: z.string().min(1).max(500),
  language: z.enum(LANGUAGES).optional(),
  languageChosen: z.boolean().optional(),
  context: conversationContext.optional(),
  shownAmbition: ambitionLevel.optional(),
  updatedAt: z.iso.datetime(),
});

const ROW = 'memory';
const TTL_MS = CONTEXT_TTL_HOURS * 3_600_000;

export interface ConversationMemoryStore extends ConversationMemory {
  /** Deletes every conversation memory older than its time to live; returns how many. */
  purgeExpired(): Promise<number>;
}

export function createConversationMemory(storage: Storage, clock: Clock): ConversationMemoryStore {
  const client = storage.table(TABLES.conversationMemory);
  const table = new JsonTable<ConversationMemoryState>(client, memoryState);
  const expired = (state: ConversationMemoryState): boolean =>
    clock.now().getTime() - Date.parse(state.updatedAt) > TTL_MS;
  return {
    async get(conversationId) {
      const state = await table.get(conversationId, ROW);
      if (!state) return undefined;
      if (expired(state)) {
        await table.delete(conversationId, ROW);
        return undefined;
      }
      return state;
    },
    save: (state) => table.upsert(state.conversationId, ROW, state),
    async purgeExpired() {
      let count = 0;
      for await (const row of client.listEntities<{ data: string }>()) {
        const state = memoryState.safeParse(JSON.parse(row.data));
        // A row that no longer reads is of no use to anyone either.
        if (state.success && !expired(state.data)) continue;
        await table.delete(decodeURIComponent(row.partitionKey!), ROW);
        count++;
      }
      return count;
    },
  };
}
