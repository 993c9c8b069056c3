import { describe, expect, it } from 'vitest';
import { tender as tenderSchema, type Tender } from '../tender.js';
import {
  applyDispatch,
  beginAttempt,
  chainIdOf,
  decideDispatch,
  deliveryAction,
  markDeferred,
  markDelivered,
  reconcileTender,
  type NudgeRecord,
} from './nudge.js';
import { DEFAULT_NUDGE_PLAN, calendarFor, nudgePlan } from './plan.js';
import { previewText } from './texts.js';

const TENANT = '5f1b6c2e-8d4a-4c1e-9a7b-3e2d1c0b9a88';
const PIETER = '3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e74';
const FATMA = '4d5e6f7a-8b9c-4d0e-9f2a-3b4c5d6e7f85';
const plan = DEFAULT_NUDGE_PLAN;
const calendar = calendarFor(plan);

const makeTender = (extra: Partial<Tender> = {}): Tender =>
  tenderSchema.parse({
    municipalityId: 'havendam',
    reference: 'T-2027-001',
    title: 'Schoonmaak gemeentehuis',
    commissioningManager: { userId: PIETER, displayName: 'Pieter Jansen' },
    kickoffDate: '2027-03-30',
    ...extra,
  });

// Tuesday 2 March 2027, 10:30 in Amsterdam.
const now = new Date('2027-03-02T09:30:00Z');
const plannedFor = (t: Tender, existing: NudgeRecord[] = [], at = now) =>
  reconcileTender({ tender: t, tenantId: TENANT, plan, calendar, existing, now: at });
const byStage = (records: NudgeRecord[]) => Object.fromEntries(records.map((r) => [r.stage, r]));

describe('planning a tender’s nudges', () => {
  it('schedules every stage of the plan for the commissioning manager', () => {
    const records = byStage(plannedFor(makeTender()));
    expect(Object.keys(records)).toEqual(['prepare', 'criteria', 'kickoff']);
    // 30 days before 30 March is Sunday 28 Feb → Friday 26 Feb; 14 days → Tuesday 16 March; 3 working days:
    // Monday 29 March is Tweede paasdag (Easter 2027), so Friday 26, Thursday 25, Wednesday 24 March.
    expect(records['prepare']!.dueAt).toBe('2027-02-26T08:00:00.000Z');
    expect(records['criteria']!.dueAt).toBe('2027-03-16T08:00:00.000Z');
    expect(records['kickoff']!.dueAt).toBe('2027-03-24T08:00:00.000Z');
    expect(Object.values(records).every((r) => r.status === 'scheduled' && r.recipient.key === PIETER)).toBe(
      true,
    );
  });

  it('re-plans what was not sent when the kickoff date changes, and leaves what was sent alone', () => {
    const initial = plannedFor(makeTender());
    const delivered = initial.map((r) => (r.stage === 'prepare' ? markDelivered(r, now) : r));
    const moved = byStage(plannedFor(makeTender({ kickoffDate: '2027-04-20' }), delivered));
    expect(moved['prepare']).toBeUndefined();
    expect(moved['criteria']).toMatchObject({
      status: 'scheduled',
      kickoffDate: '2027-04-20',
      dueAt: '2027-04-06T07:00:00.000Z',
    });
    expect(moved['kickoff']).toMatchObject({ status: 'scheduled', dueAt: '2027-04-15T07:00:00.000Z' });
    expect(moved['criteria']!.history.at(-1)).toMatchObject({ event: 'replanned' });
  });

  it('takes a queued nudge back when the kickoff moves, so its queue message becomes stale', () => {
    const [criteria] = plannedFor(makeTender()).filter((r) => r.stage === 'criteria');
    const queued = applyDispatch({ action: 'enqueue', record: criteria! }, now, 'd-1')!;
    const [replanned] = plannedFor(makeTender({ kickoffDate: '2027-05-04' }), [queued]).filter(
      (r) => r.stage === 'criteria',
    );
    expect(replanned).toMatchObject({ status: 'scheduled' });
    expect(replanned!.dispatchId).toBeUndefined();
    expect(deliveryAction(replanned, 'd-1', now)).toBe('stale');
  });

  it('cancels pending nudges when the tender is archived, and brings them back when it is not', () => {
    const initial = plannedFor(makeTender());
    const archived = plannedFor(makeTender({ status: 'archived' }), initial);
    expect(archived).toHaveLength(3);
    expect(archived.every((r) => r.status === 'cancelled' && r.reason === 'archived')).toBe(true);
    const revived = plannedFor(makeTender(), archived);
    expect(revived.every((r) => r.status === 'scheduled')).toBe(true);
  });

  it('moves pending nudges to the new commissioning manager', () => {
    const initial = plannedFor(makeTender());
    const changed = plannedFor(makeTender({ commissioningManager: { userId: FATMA } }), initial);
    expect(
      changed
        .filter((r) => r.recipient.key === PIETER)
        .every((r) => r.status === 'cancelled' && r.reason === 'recipient-changed'),
    ).toBe(true);
    expect(changed.filter((r) => r.recipient.key === FATMA && r.status === 'scheduled')).toHaveLength(3);
  });

  it('also nudges the buyer when the plan says so, and stops a stage the plan switches off', () => {
    const withBuyer = nudgePlan.parse({
      ...plan,
      recipients: ['manager', 'buyer'],
      stages: plan.stages.map((s) => (s.stage === 'prepare' ? { ...s, enabled: false } : s)),
    });
    const records = reconcileTender({
      tender: makeTender({ buyerUpn: 'mohamed.elamrani@havendam.example' }),
      tenantId: TENANT,
      plan: withBuyer,
      calendar,
      existing: plannedFor(makeTender()),
      now,
    });
    expect(records.find((r) => r.stage === 'prepare' && r.recipient.key === PIETER)).toMatchObject({
      status: 'cancelled',
      reason: 'stage-disabled',
    });
    expect(
      records.filter((r) => r.recipient.key === 'upn:mohamed.elamrani@havendam.example').map((r) => r.stage),
    ).toEqual(['criteria', 'kickoff']);
  });
});

describe('dispatching due nudges', () => {
  const records = plannedFor(makeTender());
  const decide = (at: Date, extra: Partial<Parameters<typeof decideDispatch>[0]> = {}) =>
    decideDispatch({
      records,
      tender: makeTender(),
      plan,
      calendar,
      now: at,
      optedOut: () => false,
      ...extra,
    });

  it('sends nothing before it is due', () => {
    expect(decide(new Date('2027-02-25T10:00:00Z'))).toEqual([]);
  });

  it('sends a due nudge inside office hours only', () => {
    expect(decide(now).map((d) => [d.record.stage, d.action])).toEqual([['prepare', 'enqueue']]);
    // Saturday 6 March: wait for Monday.
    expect(decide(new Date('2027-03-06T10:00:00Z')).map((d) => d.action)).toEqual(['wait']);
    // Tuesday 18:30 in Amsterdam.
    expect(decide(new Date('2027-03-02T17:30:00Z')).map((d) => d.action)).toEqual(['wait']);
  });

  it('sends only the latest stage when several are due at once, e.g. after a snooze', () => {
    const at = new Date('2027-03-17T09:00:00Z');
    expect(decide(at, { snoozedUntil: '2027-03-18' }).map((d) => d.action)).toEqual(['wait', 'wait']);
    const after = decide(new Date('2027-03-18T09:00:00Z'), { snoozedUntil: '2027-03-18' });
    expect(after.map((d) => [d.record.stage, d.action])).toEqual([
      ['prepare', 'skip'],
      ['criteria', 'enqueue'],
    ]);
  });

  it('waits out a long Retry-After, and a re-plan keeps that pause', () => {
    const [prepare, ...others] = records;
    const deferred = markDeferred(
      prepare!,
      new Date('2027-03-02T09:45:00Z'),
      { code: 'TooManyRequests', message: 'slow down', status: 429 },
      now,
    );
    const decideWith = (at: Date) =>
      decideDispatch({
        records: [deferred, ...others],
        tender: makeTender(),
        plan,
        calendar,
        now: at,
        optedOut: () => false,
      });
    expect(decideWith(new Date('2027-03-02T09:40:00Z'))).toEqual([]);
    expect(decideWith(new Date('2027-03-02T09:45:00Z')).map((d) => d.action)).toEqual(['enqueue']);
    expect(plannedFor(makeTender(), [deferred, ...others])).toEqual([]);
  });

  it('suppresses nudges for people who opted out', () => {
    expect(decide(now, { optedOut: (r) => r.key === PIETER }).map((d) => d.action)).toEqual(['suppress']);
  });

  it('skips nudges once the kickoff has passed and cancels those of an archived tender', () => {
    expect(decide(new Date('2027-03-30T09:00:00Z')).every((d) => d.action === 'skip')).toBe(true);
    expect(decide(now, { tender: makeTender({ status: 'archived' }) }).map((d) => d.action)).toEqual([
      'cancel',
    ]);
  });
});

describe('delivery bookkeeping', () => {
  const [record] = plannedFor(makeTender());
  const queued = applyDispatch({ action: 'enqueue', record: record! }, now, 'd-1')!;

  it('delivers a queued nudge once, and recognises duplicates and stale messages', () => {
    expect(deliveryAction(queued, 'd-1', now)).toBe('deliver');
    expect(deliveryAction(queued, 'd-0', now)).toBe('stale');
    const sending = beginAttempt(queued, now, { id: 'lease', seconds: 120 });
    expect(deliveryAction(sending, 'd-1', now)).toBe('in-progress');
    // A worker that died mid-attempt: after the lease the nudge may be taken over.
    expect(deliveryAction(sending, 'd-1', new Date(now.getTime() + 121_000))).toBe('deliver');
    expect(deliveryAction(markDelivered(sending, now), 'd-1', now)).toBe('already-done');
  });

  it('gives every nudge a stable chain id, so a resend replaces the notification instead of adding one', () => {
    const all = plannedFor(makeTender());
    const ids = all.map(chainIdOf);
    expect(new Set(ids).size).toBe(3);
    expect(ids.every((id) => Number.isSafeInteger(id) && id > 0)).toBe(true);
    expect(plannedFor(makeTender()).map(chainIdOf)).toEqual(ids);
  });

  it('keeps the activity preview within the 150 characters Teams shows', () => {
    const long = makeTender({ title: 'Raamovereenkomst '.repeat(11).trim() });
    for (const stage of ['prepare', 'criteria', 'kickoff'] as const) {
      expect(previewText(stage, long).length).toBeLessThanOrEqual(150);
      expect(previewText(stage, long, 'en').length).toBeLessThanOrEqual(150);
    }
    expect(previewText('criteria', makeTender())).toBe(
      '“Schoonmaak gemeentehuis” start op 30 maart 2027: bekijk welke MVI-criteria bij uw aanbesteding passen.',
    );
  });
});
