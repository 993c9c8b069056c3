/**
 * Delivers one queued nudge: the Teams activity feed through Graph and, when the person has
 * the bot, the advice card as a proactive message. The record is the idempotency record:
 * taken with its ETag before sending (a lease), each channel confirmed after it succeeded,
 * so a redelivered message, a second worker or a restarted host never notifies twice.
 */
import { randomUUID } from 'node:crypto';
import type { Activity } from '@microsoft/agents-activity';
import { CardFactory, MessageFactory } from '@microsoft/agents-hosting';
import type { AdviceRecords, BotLinks, ConversationReferences } from '../../../bot/src/ports.js';
import { nudgeCard } from '../../../bot/src/nudge-card.js';
import type { Advice, AdviceEngine, AdviceRequest } from '../../../core/src/engine/advise.js';
import type { NeighboursBlock } from '../../../core/src/neighbours/view.js';
import { adviceRequestFor, type Tender } from '../../../core/src/index.js';
import {
  beginAttempt,
  dateIn,
  deliveryAction,
  markDeferred,
  markDelivered,
  markFailed,
  markRetry,
  setChannel,
  without,
  zonedInstant,
  type ChannelStatus,
  type NudgePlan,
  type NudgeReason,
  type NudgeRecord,
  type NudgeRepository,
  type NudgeSettingsRepository,
  type UserDirectory,
} from '../../../core/src/nudges/index.js';
import type { ActivityFeed, FeedOutcome } from '../graph/activity-feed.js';
import { GraphCallError } from '../graph/errors.js';
import type { TenderStore } from '../storage/tender-store.js';
import { nudgeMessage } from './messages.js';
import { nudgeNotification, tenderPath } from './notification.js';
import type { ProactiveSender } from './proactive.js';

export interface DelivererDeps {
  store: NudgeRepository;
  settings: NudgeSettingsRepository;
  tenders: TenderStore;
  /** Undefined when Graph is not configured: the feed channel is then skipped. */
  feed: ActivityFeed | undefined;
  /** Whether Graph has credentials for a tenant. */
  graphFor(tenantId: string): boolean;
  directory: UserDirectory | undefined;
  conversations: ConversationReferences;
  adviceRecords: AdviceRecords;
  /** What the region did in similar tenders, for the advice card (absent: no such block). */
  neighbours?: (
    municipalityId: string,
    advice: Advice,
    estimatedValueEur: number | undefined,
    lang: 'nl' | 'en',
  ) => Promise<NeighboursBlock | null>;
  /** Each theme's level from the Ambitieweb that applies to the tender (absent: the single level). */
  themeAmbition?: (
    tender: Tender,
    lang: 'nl' | 'en',
  ) => Promise<Pick<AdviceRequest, 'themeAmbition' | 'themeAmbitionSource'>>;
  proactive: ProactiveSender;
  engine: AdviceEngine;
  links: BotLinks;
  planFor(municipalityId: string): Promise<NudgePlan>;
  now(): Date;
  leaseSeconds: number;
  maxDequeueCount: number;
  /** The longest Retry-After waited for inside one attempt (GRAPH_RETRY_MAX_MS); a longer one re-plans the nudge. */
  maxInProcessDelayMs: number;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

export type DeliveryResult =
  | 'delivered'
  | 'failed'
  | 'deferred'
  | 'cancelled'
  | 'suppressed'
  | 'already-done'
  | 'stale'
  | 'in-progress'
  | 'conflict';

/** A failure worth another attempt through the queue. */
export class TransientDeliveryError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TransientDeliveryError';
  }
}

const FEED_FAILURE: Record<Exclude<FeedOutcome['status'], 'delivered'>, NudgeReason> = {
  'not-installed': 'not-installed',
  'install-blocked': 'install-blocked',
  forbidden: 'forbidden',
  'recipient-unknown': 'recipient-unknown',
  rejected: 'rejected',
};

/** Channel states that end a channel for this nudge: it is never tried again. */
const CHANNEL_DONE: readonly ChannelStatus[] = [
  'delivered',
  'unknown',
  'not-installed',
  'install-blocked',
  'forbidden',
  'recipient-unknown',
  'rejected',
  'not-configured',
  'no-reference',
  'failed',
];

const todayIn = (now: Date): string => dateIn(now, 'Europe/Amsterdam');

export async function deliverNudge(
  deps: DelivererDeps,
  rawMessage: unknown,
  meta: { dequeueCount: number },
): Promise<DeliveryResult> {
  const parsed = nudgeMessage.safeParse(rawMessage);
  if (!parsed.success) {
    // A message we cannot read never succeeds: let the host move it to the poison queue.
    throw new Error(`not a nudge message: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  const message = parsed.data;
  let current = await deps.store.get(message.municipalityId, message.key);
  const now = deps.now();
  const action = deliveryAction(current?.value, message.dispatchId, now);
  if (action !== 'deliver') return action;
  if (!current) return 'stale';

  /** Writes `next` if nobody changed the record since we read it (its ETag). */
  const save = async (next: NudgeRecord): Promise<boolean> => {
    const written = await deps.store.replace(next, current!.etag);
    if (!written) return false;
    current = written;
    return true;
  };

  // The world may have changed since the timer queued it: read what decides, at once.
  const { recipient, tenantId } = current.value;
  const botOpen =
    !CHANNEL_DONE.includes(current.value.channels.bot?.status ?? 'sending') &&
    current.value.channels.bot?.status !== 'sending';
  const [versionedTender, preferences, snooze, reference] = await Promise.all([
    deps.tenders.get(message.municipalityId, current.value.reference),
    recipient.userId ? deps.settings.getPreferences(tenantId, recipient.userId) : Promise.resolve(undefined),
    deps.settings.getSnooze(message.municipalityId, current.value.reference),
    recipient.userId && botOpen
      ? deps.conversations.get(tenantId, recipient.userId)
      : Promise.resolve(undefined),
  ]);
  const tender = versionedTender?.value;
  if (!tender || tender.status === 'archived') {
    return (await save({
      ...without(current.value, 'dispatchId', 'lease'),
      status: 'cancelled',
      reason: 'archived',
      updatedAt: now.toISOString(),
    }))
      ? 'cancelled'
      : 'conflict';
  }
  if (preferences?.optedOut) {
    return (await save({
      ...without(current.value, 'dispatchId', 'lease'),
      status: 'suppressed',
      reason: 'opted-out',
      updatedAt: now.toISOString(),
    }))
      ? 'suppressed'
      : 'conflict';
  }
  if (snooze && todayIn(now) < snooze.until) {
    const plan = await deps.planFor(message.municipalityId);
    const until = zonedInstant(snooze.until, plan.officeHours.start, plan.timeZone);
    return (await save(
      markDeferred(current.value, until, { code: 'Snoozed', message: `snoozed until ${snooze.until}` }, now),
    ))
      ? 'deferred'
      : 'conflict';
  }

  // Take the nudge (written before sending): from here on this worker holds it until the lease ends.
  if (!(await save(beginAttempt(current.value, now, { id: randomUUID(), seconds: deps.leaseSeconds }))))
    return 'conflict';
  /** The record as it stands in this attempt; written at the confirmations and at the end. */
  let work = current.value;

  let transient: GraphCallError | TransientDeliveryError | undefined;
  let feedFailure: Extract<FeedOutcome, { status: Exclude<FeedOutcome['status'], 'delivered'> }> | undefined;

  // Channel 1: the activity feed.
  if (!CHANNEL_DONE.includes(work.channels.feed?.status ?? 'sending')) {
    const sent = await sendFeed(deps, work, tender).catch((error: unknown) => {
      if (error instanceof GraphCallError && (error.transient || error.kind === 'unauthorized')) return error;
      throw error;
    });
    if (sent instanceof GraphCallError) {
      transient = sent;
    } else {
      const { outcome, userId } = sent;
      if (outcome.status !== 'delivered' && outcome.status !== 'not-configured') feedFailure = outcome;
      const state =
        outcome.status === 'delivered'
          ? { status: 'delivered' as const, installed: outcome.installed, detail: `via ${outcome.via}` }
          : outcome.status === 'not-configured'
            ? { status: 'not-configured' as const }
            : { status: outcome.status, detail: `${outcome.httpStatus} ${outcome.code}: ${outcome.message}` };
      work = setChannel(work, 'feed', state, deps.now());
      // A manager known by e-mail only is now known by Entra object id as well.
      if (userId && !work.recipient.userId) work = { ...work, recipient: { ...work.recipient, userId } };
    }
  }

  // Channel 2: the bot's advice card, when the person has a conversation with the bot.
  const botState = work.channels.bot?.status;
  if (botState === 'sending') {
    // A previous attempt stopped while posting: it may have arrived, so never post it twice.
    work = setChannel(
      work,
      'bot',
      { status: 'unknown', detail: 'an earlier attempt was interrupted while posting' },
      deps.now(),
    );
  } else if (!CHANNEL_DONE.includes(botState ?? 'sending')) {
    if (!reference) {
      work = setChannel(work, 'bot', { status: 'no-reference' }, deps.now());
    } else {
      // Confirm the feed and mark the post as under way before posting.
      if (!(await save(setChannel(work, 'bot', { status: 'sending' }, deps.now())))) return 'conflict';
      work = current.value;
      try {
        const activity = await botActivity(
          deps,
          work,
          tender,
          reference.conversationId,
          languageOf(reference.reference),
        );
        const id = await deps.proactive.send(reference, activity);
        work = setChannel(
          work,
          'bot',
          { status: 'delivered', ...(id ? { detail: `activity ${id}` } : {}) },
          deps.now(),
        );
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        const status = statusOf(error);
        if (status !== undefined && status >= 400 && status < 500 && status !== 429) {
          // The conversation is gone (uninstalled, blocked): this channel is done.
          work = setChannel(work, 'bot', { status: 'failed', detail }, deps.now());
        } else {
          // Not posted (the connector refused or was unreachable): it may be tried again.
          work = { ...work, channels: without(work.channels, 'bot'), updatedAt: deps.now().toISOString() };
          transient ??= new TransientDeliveryError(`bot: ${detail}`, { cause: error });
        }
      }
    }
  }

  const done = deps.now();
  const channels = work.channels;
  if (channels.feed?.status === 'delivered' || channels.bot?.status === 'delivered') {
    return (await save(markDelivered(work, done))) ? 'delivered' : 'conflict';
  }
  if (transient) {
    const error = errorOf(transient);
    const retryAfterMs = transient instanceof GraphCallError ? transient.retryAfterMs : undefined;
    if (
      retryAfterMs !== undefined &&
      retryAfterMs > deps.maxInProcessDelayMs &&
      transient instanceof GraphCallError &&
      transient.kind === 'throttled'
    ) {
      // Graph asked for a longer pause than one attempt may wait: plan it again for then.
      const until = new Date(done.getTime() + retryAfterMs);
      return (await save(markDeferred(work, until, error, done))) ? 'deferred' : 'conflict';
    }
    if (meta.dequeueCount >= deps.maxDequeueCount) {
      await save(
        markFailed(
          work,
          'gave-up',
          { ...error, message: `${meta.dequeueCount} attempts: ${error.message}` },
          done,
        ),
      );
      deps.log(
        'error',
        `nudge ${message.key} in ${message.municipalityId} failed after ${meta.dequeueCount} attempts: ${error.message}`,
      );
    } else {
      await save(markRetry(work, error, done));
    }
    // The queue retries (and after the last attempt moves the message to the poison queue).
    throw transient;
  }
  const reason: NudgeReason = feedFailure ? FEED_FAILURE[feedFailure.status] : 'no-channel';
  const error = feedFailure
    ? { code: feedFailure.code, message: feedFailure.message, status: feedFailure.httpStatus }
    : {
        code: 'NoChannel',
        message: 'Graph is not configured and the recipient has no conversation with the bot.',
      };
  return (await save(markFailed(work, reason, error, done))) ? 'failed' : 'conflict';
}

type FeedResult = { outcome: FeedOutcome | { status: 'not-configured' }; userId?: string | undefined };

async function sendFeed(deps: DelivererDeps, record: NudgeRecord, tender: Tender): Promise<FeedResult> {
  if (!deps.feed || !deps.graphFor(record.tenantId)) return { outcome: { status: 'not-configured' } };
  let userId = record.recipient.userId;
  if (!userId && record.recipient.upn && deps.directory) {
    const found = (await deps.directory.lookup(record.tenantId, [record.recipient.upn])).get(
      record.recipient.upn,
    );
    if (found?.found) userId = found.user.id;
    else if (found?.reason === 'unavailable')
      throw new GraphCallError(
        'unavailable',
        0,
        'DirectoryUnavailable',
        found.detail ?? 'the directory is unavailable',
      );
  }
  if (!userId) {
    return {
      outcome: {
        status: 'recipient-unknown',
        httpStatus: 404,
        code: 'RecipientUnknown',
        message: `${record.recipient.upn ?? record.recipient.key} is not known in Entra ID`,
      },
    };
  }
  const tab = (path: string): string => deps.links.tab(path);
  return {
    outcome: await deps.feed.send(record.tenantId, userId, nudgeNotification(record, tender, tab)),
    userId,
  };
}

async function botActivity(
  deps: DelivererDeps,
  record: NudgeRecord,
  tender: Tender,
  conversationId: string,
  lang: 'nl' | 'en',
): Promise<Activity> {
  const fromWeb = deps.themeAmbition ? await deps.themeAmbition(tender, lang) : {};
  const request = deps.engine.parseRequest(
    { ...adviceRequestFor(tender, lang), ...fromWeb },
    { unknownCpv: 'ignore' },
  );
  const adviceRecord = await deps.adviceRecords.create({
    conversationId,
    userId: record.recipient.userId ?? record.recipient.key,
    municipalityId: tender.municipalityId,
    tenderReference: tender.reference,
    request,
  });
  const advice = deps.engine.advise(request, todayIn(deps.now()));
  const firstGroup = advice.productGroups[0]?.id;
  const neighbours = deps.neighbours
    ? await deps.neighbours(tender.municipalityId, advice, tender.estimatedValueEur, lang)
    : null;
  const card = nudgeCard(record.stage, tender, advice, {
    adviceId: adviceRecord.id,
    lang,
    neighbours,
    links: {
      tender: deps.links.tab(tenderPath(tender.reference)),
      showAll: deps.links.tab(
        firstGroup ? `/product-groups/${firstGroup}?ambition=${advice.ambition}` : '/themes',
      ),
      download: deps.links.adviceDocx(adviceRecord.id, advice.ambition, lang),
      ambitieweb: deps.links.tab('/tools/ambitieweb'),
    },
  });
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

function languageOf(reference: Record<string, unknown>): 'nl' | 'en' {
  const locale = reference['locale'];
  return typeof locale === 'string' && locale.toLowerCase().startsWith('en') ? 'en' : 'nl';
}

function statusOf(error: unknown): number | undefined {
  if (error && typeof error === 'object') {
    const e = error as { status?: unknown; statusCode?: unknown; response?: { status?: unknown } };
    for (const candidate of [e.status, e.statusCode, e.response?.status])
      if (typeof candidate === 'number') return candidate;
  }
  return undefined;
}

function errorOf(error: GraphCallError | TransientDeliveryError): {
  code: string;
  message: string;
  status?: number;
} {
  return error instanceof GraphCallError
    ? { code: error.code, message: error.message, ...(error.status ? { status: error.status } : {}) }
    : { code: 'BotUnavailable', message: error.message };
}
