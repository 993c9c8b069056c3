/**
 * The tender a conversation is about: what the bot remembers between messages (per personal
 * chat, group chat or channel thread), so that a follow-up changes one thing of it. Kept
 * for a while (CONTEXT_TTL_HOURS) and then forgotten: it may hold what a person typed.
 */
import { z } from 'zod';
import { ambitionLevel, type LocalizedText } from '../content/schema.js';
import { formatEur, formatLongDate } from '../format.js';
import { LANGUAGES, type Language } from '../kernel/language.js';
import type { ContextChange } from './followup.js';

/** A conversation context is forgotten this long after its last change. */
export const CONTEXT_TTL_HOURS = 72;

export const conversationContext = z.object({
  conversationId: z.string().min(1).max(500),
  /** The person who last spoke about it (Entra object id, or the channel's user id). */
  userId: z.string().min(1).max(200),
  municipalityId: z.string().max(100).optional(),
  title: z.string().min(1).max(500),
  description: z.string().max(10_000).optional(),
  estimatedValueEur: z.number().nonnegative().max(1e11).optional(),
  date: z.iso.date().optional(),
  ambition: ambitionLevel.optional(),
  productGroupId: z.string().max(60).optional(),
  tenderReference: z.string().max(40).optional(),
  /** The language the conversation is held in (detected or asked for). */
  language: z.enum(LANGUAGES).optional(),
  /** The advice last given on it (for card actions and the download). */
  adviceId: z.string().max(100).optional(),
  updatedAt: z.iso.datetime(),
});
export type ConversationContext = z.infer<typeof conversationContext>;

export function isExpired(context: ConversationContext, now: Date): boolean {
  return now.getTime() - Date.parse(context.updatedAt) > CONTEXT_TTL_HOURS * 3_600_000;
}

/**
 * The context after a follow-up. `groupOf` finds the product group a person names ("nee, ik
 * bedoel leerlingenvervoer"); when it finds none, the text becomes what the tender is about.
 */
export function applyChange(
  context: ConversationContext,
  change: ContextChange,
  groupOf: (text: string) => string | undefined,
  now: Date,
): ConversationContext {
  const next: ConversationContext = { ...context, updatedAt: now.toISOString() };
  if (change.estimatedValueEur !== undefined) next.estimatedValueEur = change.estimatedValueEur;
  if (change.ambition) next.ambition = change.ambition;
  if (change.date) next.date = change.date;
  if (change.groupText) {
    const group = groupOf(change.groupText);
    if (group) next.productGroupId = group;
    else {
      next.title = change.groupText.slice(0, 500);
      delete next.productGroupId;
      delete next.description;
    }
  }
  return next;
}

/** One line that says which context an answer uses: "Schoonmaak gemeentehuis · € 150.000 · start 1 maart 2027". */
export function contextLine(
  context: Pick<ConversationContext, 'title' | 'estimatedValueEur' | 'date' | 'tenderReference'>,
  lang: Language,
  groupName?: string,
): string {
  const parts = [context.tenderReference ? `${context.tenderReference} · ${context.title}` : context.title];
  if (groupName) parts.push(groupName);
  if (context.estimatedValueEur !== undefined) parts.push(formatEur(context.estimatedValueEur, lang));
  if (context.date) parts.push(`${LABELS.start[lang]} ${formatLongDate(context.date, lang)}`);
  return parts.join(' · ');
}

const LABELS: Record<'start', LocalizedText> = {
  start: { nl: 'start', en: 'start' },
};
