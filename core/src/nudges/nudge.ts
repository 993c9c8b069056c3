/**
 * One nudge: a stage of a tender for one recipient, and everything that happens to it. The
 * record is also the idempotency record of its delivery: every change goes through
 * optimistic concurrency (the adapters compare ETags), so two timer runs or a redelivered
 * queue message can never send it twice. The decisions here are pure functions.
 */
import { z } from 'zod';
import { municipalityId } from '../identity.js';
import type { Tender } from '../tender.js';
import { dateIn, type IsoDate, type WorkCalendar } from './calendar.js';
import {
  NUDGE_RECIPIENT_ROLES,
  STAGE_ORDER,
  dueAt,
  nudgeStage,
  type NudgePlan,
  type NudgeRecipientRole,
  type NudgeStage,
} from './plan.js';

export const NUDGE_STATUSES = [
  'scheduled',
  'queued',
  'sending',
  'delivered',
  'failed',
  'cancelled',
  'skipped',
  'suppressed',
] as const;
export type NudgeStatus = (typeof NUDGE_STATUSES)[number];

/** Why a nudge was not (or not yet) delivered; shown to the MVI team in Dutch or English. */
export const NUDGE_REASONS = [
  'archived',
  'recipient-changed',
  'stage-disabled',
  'superseded',
  'kickoff-passed',
  'opted-out',
  'not-installed',
  'install-blocked',
  'forbidden',
  'recipient-unknown',
  'no-channel',
  'rejected',
  'gave-up',
] as const;
export type NudgeReason = (typeof NUDGE_REASONS)[number];

export const CHANNEL_STATUSES = [
  'delivered',
  'sending',
  'unknown',
  'not-installed',
  'install-blocked',
  'forbidden',
  'recipient-unknown',
  'rejected',
  'not-configured',
  'no-reference',
  'failed',
] as const;
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number];

const channelState = z.object({
  status: z.enum(CHANNEL_STATUSES),
  at: z.iso.datetime(),
  detail: z.string().max(500).optional(),
  /** The app was installed for the recipient through Graph before sending. */
  installed: z.boolean().optional(),
});
export type ChannelState = z.infer<typeof channelState>;

export const nudgeRecipient = z.object({
  /** Entra object id, or `upn:<e-mail>` while the user is not resolved. */
  key: z.string().min(3).max(300),
  role: z.enum(NUDGE_RECIPIENT_ROLES),
  userId: z.uuid().optional(),
  upn: z.email().optional(),
  displayName: z.string().max(200).optional(),
});
export type NudgeRecipient = z.infer<typeof nudgeRecipient>;

const historyEntry = z.object({
  at: z.iso.datetime(),
  event: z.string().max(40),
  detail: z.string().max(500).optional(),
});

export const nudgeRecord = z.object({
  municipalityId,
  tenantId: z.uuid(),
  reference: z.string().min(1).max(40),
  stage: nudgeStage,
  recipient: nudgeRecipient,
  kickoffDate: z.iso.date(),
  dueAt: z.iso.datetime(),
  /** Graph asked for a pause (Retry-After) longer than one attempt may wait: not before this instant. */
  deferredUntil: z.iso.datetime().optional(),
  status: z.enum(NUDGE_STATUSES),
  reason: z.enum(NUDGE_REASONS).optional(),
  /** Set when the record is queued; a queue message carries it, so stale messages are recognised. */
  dispatchId: z.string().max(64).optional(),
  queuedAt: z.iso.datetime().optional(),
  lease: z.object({ id: z.string().max(64), until: z.iso.datetime() }).optional(),
  attempts: z.number().int().min(0).default(0),
  channels: z.object({ feed: channelState.optional(), bot: channelState.optional() }).default({}),
  lastError: z
    .object({
      code: z.string().max(100),
      message: z.string().max(500),
      status: z.number().int().optional(),
      at: z.iso.datetime(),
    })
    .optional(),
  deliveredAt: z.iso.datetime().optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  history: z.array(historyEntry).max(30).default([]),
});
export type NudgeRecord = z.infer<typeof nudgeRecord>;

const HISTORY_LIMIT = 30;

/** A copy without some (optional) fields. */
export function without<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}
/** Statuses in which a nudge may still be (re)planned. */
const PLANNABLE: readonly NudgeStatus[] = ['scheduled', 'queued', 'cancelled', 'skipped'];
const PENDING: readonly NudgeStatus[] = ['scheduled', 'queued'];

export const isFinal = (status: NudgeStatus): boolean =>
  ['delivered', 'failed', 'suppressed'].includes(status);

export function nudgeKey(reference: string, stage: NudgeStage, recipientKey: string): string {
  return `${reference}|${stage}|${recipientKey}`;
}
export const keyOf = (r: Pick<NudgeRecord, 'reference' | 'stage' | 'recipient'>): string =>
  nudgeKey(r.reference, r.stage, r.recipient.key);

/**
 * Deterministic 53-bit id of a tender's stage: the activity-feed chainId. A resend to the same
 * person replaces the earlier notification instead of adding one; it does not depend on the
 * recipient, so the same stage to several people stays one identical (bulk) notification.
 */
export function chainIdOf(r: Pick<NudgeRecord, 'municipalityId' | 'reference' | 'stage'>): number {
  // FNV-1a over 64 bits, kept to 53 bits so it survives JSON numbers.
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(`${r.municipalityId}|${r.reference}|${r.stage}`)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return Number(hash & 0x1fffffffffffffn) || 1;
}

function withEvent(record: NudgeRecord, at: Date, event: string, detail?: string): NudgeRecord {
  const entry = { at: at.toISOString(), event, ...(detail ? { detail: detail.slice(0, 500) } : {}) };
  return {
    ...record,
    updatedAt: at.toISOString(),
    history: [...record.history, entry].slice(-HISTORY_LIMIT),
  };
}

function sameRecipientDetails(a: NudgeRecipient, b: NudgeRecipient): boolean {
  return (
    a.key === b.key &&
    a.role === b.role &&
    a.userId === b.userId &&
    a.upn === b.upn &&
    a.displayName === b.displayName
  );
}

/** The people a tender's nudges go to under a plan. */
export function recipientsOf(tender: Tender, plan: NudgePlan): NudgeRecipient[] {
  const out: NudgeRecipient[] = [];
  const add = (
    role: NudgeRecipientRole,
    who: { userId?: string | undefined; upn?: string | undefined; displayName?: string | undefined },
  ): void => {
    const key = who.userId ?? (who.upn ? `upn:${who.upn.toLowerCase()}` : undefined);
    if (!key || out.some((r) => r.key === key)) return;
    out.push({
      key,
      role,
      ...(who.userId ? { userId: who.userId } : {}),
      ...(who.upn ? { upn: who.upn } : {}),
      ...(who.displayName ? { displayName: who.displayName } : {}),
    });
  };
  for (const role of plan.recipients) {
    if (role === 'manager') add('manager', tender.commissioningManager);
    else if (tender.buyerUpn) add('buyer', { upn: tender.buyerUpn });
  }
  return out;
}

export interface ReconcileInput {
  tender: Tender;
  tenantId: string;
  plan: NudgePlan;
  calendar: WorkCalendar;
  /** Every stored nudge of this tender. */
  existing: readonly NudgeRecord[];
  now: Date;
}

/**
 * Brings a tender's nudges in line with the tender and the plan: new stages and recipients
 * are scheduled, a changed kickoff date re-plans what has not been sent, an archived tender
 * or a replaced recipient cancels what is pending. Returns only the records that change.
 */
export function reconcileTender(input: ReconcileInput): NudgeRecord[] {
  const { tender, plan, calendar, now } = input;
  const changed: NudgeRecord[] = [];
  const existing = new Map(input.existing.map((r) => [keyOf(r), r]));
  const archived = tender.status === 'archived';
  const recipients = archived ? [] : recipientsOf(tender, plan);
  const wanted = new Set<string>();

  for (const stagePlan of plan.stages) {
    if (!stagePlan.enabled || archived) continue;
    const due = dueAt(tender.kickoffDate, stagePlan, plan, calendar).toISOString();
    for (const recipient of recipients) {
      const key = nudgeKey(tender.reference, stagePlan.stage, recipient.key);
      wanted.add(key);
      const current = existing.get(key);
      if (!current) {
        const record: NudgeRecord = {
          municipalityId: tender.municipalityId,
          tenantId: input.tenantId,
          reference: tender.reference,
          stage: stagePlan.stage,
          recipient,
          kickoffDate: tender.kickoffDate,
          dueAt: due,
          status: 'scheduled',
          attempts: 0,
          channels: {},
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
          history: [],
        };
        changed.push(withEvent(record, now, 'planned', due));
        continue;
      }
      if (!PLANNABLE.includes(current.status)) continue;
      const moved = current.kickoffDate !== tender.kickoffDate || current.dueAt !== due;
      const sameRecipient = sameRecipientDetails(current.recipient, recipient);
      if (current.status === 'scheduled' && !moved && sameRecipient) continue;
      if (current.status === 'queued' && !moved) continue;
      // A skipped stage only comes back when the kickoff date moved.
      if (current.status === 'skipped' && current.kickoffDate === tender.kickoffDate) continue;
      const rest = without(current, 'reason', 'dispatchId', 'queuedAt', 'lease');
      const event =
        current.status === 'cancelled' || current.status === 'skipped'
          ? 'replanned'
          : moved
            ? 'replanned'
            : 'updated';
      changed.push(
        withEvent(
          { ...rest, recipient, kickoffDate: tender.kickoffDate, dueAt: due, status: 'scheduled' },
          now,
          event,
          due,
        ),
      );
    }
  }

  for (const [key, current] of existing) {
    if (wanted.has(key) || !PENDING.includes(current.status)) continue;
    const reason: NudgeReason = archived
      ? 'archived'
      : plan.stages.some((s) => s.stage === current.stage && s.enabled)
        ? 'recipient-changed'
        : 'stage-disabled';
    const rest = without(current, 'dispatchId', 'queuedAt');
    changed.push(withEvent({ ...rest, status: 'cancelled', reason }, now, 'cancelled', reason));
  }
  return changed;
}

export type DispatchDecision =
  | { action: 'enqueue'; record: NudgeRecord }
  | { action: 'skip'; record: NudgeRecord; reason: 'superseded' | 'kickoff-passed' }
  | { action: 'suppress'; record: NudgeRecord; reason: 'opted-out' }
  | { action: 'cancel'; record: NudgeRecord; reason: 'archived' }
  | { action: 'wait'; record: NudgeRecord; until?: 'office-hours' | 'snooze' };

export interface DispatchInput {
  /** Every stored nudge of one tender (due or not). */
  records: readonly NudgeRecord[];
  tender: Tender | undefined;
  plan: NudgePlan;
  calendar: WorkCalendar;
  now: Date;
  /** The tender's nudges are snoozed until (not including) this date. */
  snoozedUntil?: IsoDate | undefined;
  optedOut(recipient: NudgeRecipient): boolean;
}

/**
 * What to do with a tender's due nudges now: send inside office hours on working days, not
 * while snoozed, never after kickoff, not to people who opted out, and when several stages
 * are due for one person (after a snooze or an outage) only the latest.
 */
export function decideDispatch(input: DispatchInput): DispatchDecision[] {
  const { now, plan, calendar } = input;
  const isDue = (r: NudgeRecord): boolean =>
    r.status === 'scheduled' &&
    new Date(r.dueAt) <= now &&
    (!r.deferredUntil || new Date(r.deferredUntil) <= now);
  const due = input.records.filter(isDue);
  if (due.length === 0) return [];
  if (!input.tender || input.tender.status === 'archived')
    return due.map((record) => ({ action: 'cancel', record, reason: 'archived' }));
  const today = dateIn(now, plan.timeZone);
  if (today >= input.tender.kickoffDate)
    return due.map((record) => ({ action: 'skip', record, reason: 'kickoff-passed' }));
  if (!calendar.withinOfficeHours(now, plan.officeHours))
    return due.map((record) => ({ action: 'wait', record, until: 'office-hours' }));
  if (input.snoozedUntil && today < input.snoozedUntil)
    return due.map((record) => ({ action: 'wait', record, until: 'snooze' }));

  const decisions: DispatchDecision[] = [];
  for (const record of due) {
    if (input.optedOut(record.recipient)) {
      decisions.push({ action: 'suppress', record, reason: 'opted-out' });
      continue;
    }
    const later = input.records.some(
      (other) =>
        other.recipient.key === record.recipient.key &&
        STAGE_ORDER[other.stage] > STAGE_ORDER[record.stage] &&
        (['queued', 'sending', 'delivered'].includes(other.status) || isDue(other)),
    );
    decisions.push(later ? { action: 'skip', record, reason: 'superseded' } : { action: 'enqueue', record });
  }
  return decisions;
}

/** Applies a dispatch decision to the record (the caller stores it with its ETag). */
export function applyDispatch(
  decision: DispatchDecision,
  now: Date,
  dispatchId: string,
): NudgeRecord | undefined {
  const { record } = decision;
  switch (decision.action) {
    case 'enqueue':
      return withEvent(
        { ...without(record, 'deferredUntil'), status: 'queued', dispatchId, queuedAt: now.toISOString() },
        now,
        'queued',
      );
    case 'skip':
      return withEvent(
        { ...record, status: 'skipped', reason: decision.reason },
        now,
        'skipped',
        decision.reason,
      );
    case 'suppress':
      return withEvent(
        { ...record, status: 'suppressed', reason: decision.reason },
        now,
        'suppressed',
        decision.reason,
      );
    case 'cancel':
      return withEvent(
        { ...record, status: 'cancelled', reason: decision.reason },
        now,
        'cancelled',
        decision.reason,
      );
    case 'wait':
      return undefined;
  }
}

/** What a delivery worker does with a queue message for this record. */
export function deliveryAction(
  record: NudgeRecord | undefined,
  dispatchId: string,
  now: Date,
): 'deliver' | 'already-done' | 'stale' | 'in-progress' {
  if (!record) return 'stale';
  if (isFinal(record.status) || record.status === 'cancelled' || record.status === 'skipped')
    return 'already-done';
  if (record.dispatchId !== dispatchId) return 'stale';
  if (record.status === 'queued') return 'deliver';
  if (record.status === 'sending')
    return record.lease && new Date(record.lease.until) > now ? 'in-progress' : 'deliver';
  return 'stale';
}

export function beginAttempt(
  record: NudgeRecord,
  now: Date,
  lease: { id: string; seconds: number },
): NudgeRecord {
  const until = new Date(now.getTime() + lease.seconds * 1000).toISOString();
  return withEvent(
    { ...record, status: 'sending', lease: { id: lease.id, until }, attempts: record.attempts + 1 },
    now,
    'attempt',
    String(record.attempts + 1),
  );
}

export function setChannel(
  record: NudgeRecord,
  channel: 'feed' | 'bot',
  state: Omit<ChannelState, 'at'>,
  now: Date,
): NudgeRecord {
  return {
    ...record,
    updatedAt: now.toISOString(),
    channels: { ...record.channels, [channel]: { ...state, at: now.toISOString() } },
  };
}

export function markDelivered(record: NudgeRecord, now: Date): NudgeRecord {
  const rest = without(record, 'lease', 'reason');
  const channels = Object.entries(record.channels)
    .filter(([, s]) => s?.status === 'delivered')
    .map(([c]) => c)
    .join(', ');
  return withEvent(
    { ...rest, status: 'delivered', deliveredAt: now.toISOString() },
    now,
    'delivered',
    channels,
  );
}

export interface NudgeError {
  code: string;
  message: string;
  status?: number | undefined;
}

export function markFailed(
  record: NudgeRecord,
  reason: NudgeReason,
  error: NudgeError,
  now: Date,
): NudgeRecord {
  const rest = without(record, 'lease');
  return withEvent(
    {
      ...rest,
      status: 'failed',
      reason,
      lastError: {
        code: error.code,
        message: error.message.slice(0, 500),
        ...(error.status ? { status: error.status } : {}),
        at: now.toISOString(),
      },
    },
    now,
    'failed',
    `${reason}: ${error.message}`,
  );
}

/** A transient failure: back to queued (same dispatch), to be retried by the queue. */
export function markRetry(record: NudgeRecord, error: NudgeError, now: Date): NudgeRecord {
  const rest = without(record, 'lease');
  return withEvent(
    {
      ...rest,
      status: 'queued',
      lastError: {
        code: error.code,
        message: error.message.slice(0, 500),
        ...(error.status ? { status: error.status } : {}),
        at: now.toISOString(),
      },
    },
    now,
    'retry',
    error.message,
  );
}

/** Graph asked us to wait longer than a delivery attempt may take: plan the nudge again at `until`. */
export function markDeferred(record: NudgeRecord, until: Date, error: NudgeError, now: Date): NudgeRecord {
  const rest = without(record, 'lease', 'dispatchId', 'queuedAt');
  return withEvent(
    {
      ...rest,
      status: 'scheduled',
      deferredUntil: until.toISOString(),
      lastError: {
        code: error.code,
        message: error.message.slice(0, 500),
        ...(error.status ? { status: error.status } : {}),
        at: now.toISOString(),
      },
    },
    now,
    'deferred',
    until.toISOString(),
  );
}

/** What everyone who may see the tender sees of its nudges. */
export interface NudgeView {
  stage: NudgeStage;
  recipient: { role: NudgeRecipientRole; displayName: string | null };
  status: NudgeStatus;
  dueAt: string;
  deliveredAt: string | null;
  reason: NudgeReason | null;
}

/** What the MVI team sees on top: delivery per channel, attempts, the last error, the history. */
export interface NudgeDeliveryView extends NudgeView {
  recipient: NudgeView['recipient'] & { userId: string | null; upn: string | null };
  attempts: number;
  channels: NudgeRecord['channels'];
  lastError: NudgeRecord['lastError'] | null;
  history: NudgeRecord['history'];
}

export function nudgeView(r: NudgeRecord): NudgeView {
  return {
    stage: r.stage,
    recipient: { role: r.recipient.role, displayName: r.recipient.displayName ?? null },
    status: r.status,
    dueAt: r.dueAt,
    deliveredAt: r.deliveredAt ?? null,
    reason: r.reason ?? null,
  };
}

export function nudgeDeliveryView(r: NudgeRecord): NudgeDeliveryView {
  return {
    ...nudgeView(r),
    recipient: {
      role: r.recipient.role,
      displayName: r.recipient.displayName ?? null,
      userId: r.recipient.userId ?? null,
      upn: r.recipient.upn ?? null,
    },
    attempts: r.attempts,
    channels: r.channels,
    lastError: r.lastError ?? null,
    history: r.history,
  };
}

export const byStage = (
  a: Pick<NudgeRecord, 'stage' | 'recipient'>,
  b: Pick<NudgeRecord, 'stage' | 'recipient'>,
): number => STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage] || a.recipient.key.localeCompare(b.recipient.key);

/** The MVI team asks to try a failed (or skipped) nudge again: it is due now; channels that delivered stay delivered. */
export function retryNudge(record: NudgeRecord, now: Date): NudgeRecord {
  const rest = without(record, 'reason', 'dispatchId', 'queuedAt', 'lease');
  const delivered = Object.fromEntries(
    Object.entries(record.channels).filter(([, state]) => state?.status === 'delivered'),
  );
  return withEvent(
    { ...rest, status: 'scheduled', dueAt: now.toISOString(), channels: delivered },
    now,
    'retry-requested',
  );
}
