/**
 * The nudge timer: brings every tender's nudges in line with the tender and the plan, puts
 * one queue message on the nudges queue for each due nudge (after winning the record's ETag,
 * so two timer runs never queue one nudge twice), and sweeps nudges whose message was lost
 * or whose worker died, so nothing stays "queued" forever.
 */
import { randomUUID } from 'node:crypto';
import type { QueueClient } from '@azure/storage-queue';
import type { Municipality, MunicipalityRepository, Tender } from '../../../core/src/index.js';
import {
  applyDispatch,
  calendarFor,
  decideDispatch,
  keyOf,
  reconcileTender,
  type NudgePlan,
  type NudgeRecord,
  type NudgeRepository,
  type NudgeSettingsRepository,
  type Versioned,
} from '../../../core/src/nudges/index.js';
import type { TenderStore } from '../storage/tender-store.js';
import { encodeMessage } from './messages.js';

export interface DispatcherDeps {
  municipalities: MunicipalityRepository;
  tenders: TenderStore;
  store: NudgeRepository;
  settings: NudgeSettingsRepository;
  queue: QueueClient;
  planFor(municipalityId: string): Promise<NudgePlan>;
  requeueAfterMinutes: number;
  log(level: 'info' | 'warn', message: string): void;
}

export interface TimerReport {
  municipalities: number;
  planned: number;
  replanned: number;
  cancelled: number;
  queued: number;
  skipped: number;
  suppressed: number;
  waiting: number;
  requeued: number;
  conflicts: number;
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Storage writes in flight at once. Queueing needs to outpace Graph's 5 deliveries a second,
 * not more: a gentler timer leaves the storage account to the workers that deliver.
 */
const CONCURRENCY = 8;

/** Writes reconciled records: inserts the new, replaces the known ones on their ETag. */
export async function writeReconciled(
  store: NudgeRepository,
  changed: readonly NudgeRecord[],
  existing: ReadonlyMap<string, Versioned<NudgeRecord>>,
): Promise<{ written: Versioned<NudgeRecord>[]; conflicts: number }> {
  let conflicts = 0;
  const written = await mapLimit(changed, CONCURRENCY, async (record) => {
    const current = existing.get(keyOf(record));
    const result = current ? await store.replace(record, current.etag) : await store.create(record);
    if (!result) conflicts++;
    return result;
  });
  return { written: written.filter((w): w is Versioned<NudgeRecord> => w !== undefined), conflicts };
}

/** Re-plans one tender's nudges now (after an edit, an archive or an import). */
export async function replanTender(
  deps: Pick<DispatcherDeps, 'store' | 'planFor'>,
  tender: Tender,
  municipality: Municipality,
  now: Date,
): Promise<NudgeRecord[]> {
  const plan = await deps.planFor(tender.municipalityId);
  const existing = await deps.store.listForTender(tender.municipalityId, tender.reference);
  const byKey = new Map(existing.map((v) => [keyOf(v.value), v]));
  const changed = reconcileTender({
    tender,
    tenantId: municipality.tenantId,
    plan,
    calendar: calendarFor(plan),
    existing: existing.map((v) => v.value),
    now,
  });
  const { written } = await writeReconciled(deps.store, changed, byKey);
  for (const w of written) byKey.set(keyOf(w.value), w);
  return [...byKey.values()].map((v) => v.value);
}

export async function runNudgeTimer(deps: DispatcherDeps, now: Date): Promise<TimerReport> {
  const report: TimerReport = {
    municipalities: 0,
    planned: 0,
    replanned: 0,
    cancelled: 0,
    queued: 0,
    skipped: 0,
    suppressed: 0,
    waiting: 0,
    requeued: 0,
    conflicts: 0,
  };
  const queueEmpty = ((await deps.queue.getProperties()).approximateMessagesCount ?? 0) === 0;
  for (const municipality of await deps.municipalities.list()) {
    report.municipalities++;
    const plan = await deps.planFor(municipality.id);
    const calendar = calendarFor(plan);
    const [tenders, nudges, snoozes, optedOut] = await Promise.all([
      deps.tenders.list(municipality.id),
      deps.store.listForMunicipality(municipality.id),
      deps.settings.listSnoozes(municipality.id),
      deps.settings.listOptedOut(municipality.tenantId),
    ]);
    const byKey = new Map(nudges.map((v) => [keyOf(v.value), v]));

    // 1. Plan: every tender's nudges in line with the tender and the plan.
    const changed: NudgeRecord[] = [];
    const perTender = new Map<string, NudgeRecord[]>();
    for (const v of nudges)
      perTender.set(v.value.reference, [...(perTender.get(v.value.reference) ?? []), v.value]);
    for (const { value: tender } of tenders) {
      changed.push(
        ...reconcileTender({
          tender,
          tenantId: municipality.tenantId,
          plan,
          calendar,
          existing: perTender.get(tender.reference) ?? [],
          now,
        }),
      );
    }
    for (const record of changed) {
      if (!byKey.has(keyOf(record))) report.planned++;
      else if (record.status === 'cancelled') report.cancelled++;
      else report.replanned++;
    }
    const planned = await writeReconciled(deps.store, changed, byKey);
    report.conflicts += planned.conflicts;
    for (const w of planned.written) byKey.set(keyOf(w.value), w);

    // 2. Dispatch what is due.
    const tenderOf = new Map(tenders.map((t) => [t.value.reference, t.value]));
    const snoozeOf = new Map(snoozes.map((s) => [s.reference, s.until]));
    const groups = new Map<string, Versioned<NudgeRecord>[]>();
    for (const v of byKey.values())
      groups.set(v.value.reference, [...(groups.get(v.value.reference) ?? []), v]);
    const updates: { versioned: Versioned<NudgeRecord>; next: NudgeRecord; enqueue: boolean }[] = [];
    for (const [reference, group] of groups) {
      const decisions = decideDispatch({
        records: group.map((v) => v.value),
        tender: tenderOf.get(reference),
        plan,
        calendar,
        now,
        snoozedUntil: snoozeOf.get(reference),
        optedOut: (r) => r.userId !== undefined && optedOut.has(r.userId),
      });
      for (const decision of decisions) {
        if (decision.action === 'wait') {
          report.waiting++;
          continue;
        }
        const next = applyDispatch(decision, now, randomUUID());
        const versioned = group.find((v) => v.value === decision.record)!;
        if (next) updates.push({ versioned, next, enqueue: decision.action === 'enqueue' });
      }
    }
    await mapLimit(updates, CONCURRENCY, async ({ versioned, next, enqueue }) => {
      // Whoever wins the ETag queues the nudge; a concurrent timer run gets a conflict and moves on.
      const won = await deps.store.replace(next, versioned.etag);
      if (!won) {
        report.conflicts++;
        return;
      }
      byKey.set(keyOf(next), won);
      if (next.status === 'skipped') report.skipped++;
      else if (next.status === 'suppressed') report.suppressed++;
      else if (next.status === 'cancelled') report.cancelled++;
      if (enqueue) {
        await deps.queue.sendMessage(
          encodeMessage({
            v: 1,
            municipalityId: next.municipalityId,
            key: keyOf(next),
            dispatchId: next.dispatchId!,
          }),
        );
        report.queued++;
      }
    });

    // 3. Sweep: a worker that died mid-delivery (lease expired) or a message that is gone.
    const stale = [...byKey.values()].filter(({ value: r }) => {
      if (r.status === 'sending') return r.lease !== undefined && new Date(r.lease.until) <= now;
      if (r.status === 'queued')
        return (
          queueEmpty &&
          r.queuedAt !== undefined &&
          now.getTime() - new Date(r.queuedAt).getTime() >= deps.requeueAfterMinutes * 60_000
        );
      return false;
    });
    await mapLimit(stale, CONCURRENCY, async ({ value, etag }) => {
      const next: NudgeRecord = {
        ...value,
        queuedAt: now.toISOString(),
        updatedAt: now.toISOString(),
        history: [
          ...value.history,
          {
            at: now.toISOString(),
            event: 'requeued',
            detail: value.status === 'sending' ? 'lease expired' : 'message missing',
          },
        ].slice(-30),
      };
      if (!(await deps.store.replace(next, etag))) return;
      await deps.queue.sendMessage(
        encodeMessage({
          v: 1,
          municipalityId: value.municipalityId,
          key: keyOf(value),
          dispatchId: value.dispatchId!,
        }),
      );
      report.requeued++;
      deps.log(
        'warn',
        `nudge ${keyOf(value)} in ${value.municipalityId} queued again (${value.status === 'sending' ? 'its worker stopped' : 'its message was missing'})`,
      );
    });
  }
  return report;
}
