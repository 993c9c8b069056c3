import { describe, expect, it } from 'vitest';
import { WorkCalendar, zonedInstant } from './calendar.js';
import { DEFAULT_NUDGE_PLAN, calendarFor, dueAt, nudgePlan, type NudgeStage } from './plan.js';

const stage = (s: NudgeStage) => DEFAULT_NUDGE_PLAN.stages.find((x) => x.stage === s)!;
const due = (kickoff: string, s: NudgeStage, plan = DEFAULT_NUDGE_PLAN) =>
  dueAt(kickoff, stage(s), plan, calendarFor(plan)).toISOString();

describe('when a nudge is due', () => {
  it('sends the kickoff checklist 3 working days ahead, skipping the weekend and New Year’s Day', () => {
    // Monday 5 January 2026: Friday 2 Jan, (Thursday 1 Jan is Nieuwjaar), Wednesday 31 Dec, Tuesday 30 Dec.
    expect(due('2026-01-05', 'kickoff')).toBe('2025-12-30T08:00:00.000Z');
  });

  it('skips Whit Monday when counting working days, in summer time (09:00 is 07:00 UTC)', () => {
    // Tuesday 26 May 2026: Monday 25 May is Tweede pinksterdag.
    expect(due('2026-05-26', 'kickoff')).toBe('2026-05-20T07:00:00.000Z');
  });

  it('moves a calendar-day nudge that lands on King’s Day to the working day before', () => {
    // 14 days before Monday 11 May 2026 is Monday 27 April, Koningsdag.
    expect(due('2026-05-11', 'criteria')).toBe('2026-04-24T07:00:00.000Z');
  });

  it('moves a calendar-day nudge that lands on a Saturday to the Friday', () => {
    // 30 days before Monday 15 June 2026 is Saturday 16 May.
    expect(due('2026-06-15', 'prepare')).toBe('2026-05-15T07:00:00.000Z');
  });

  it('steps back over both Christmas days', () => {
    // 30 days before 25 January 2026 is Friday 26 December (Tweede kerstdag); 25 December is Kerstmis.
    expect(due('2026-01-25', 'prepare')).toBe('2025-12-24T08:00:00.000Z');
  });

  it('respects the municipality’s own closed days and office hours', () => {
    const plan = nudgePlan.parse({
      ...DEFAULT_NUDGE_PLAN,
      closedDays: ['2026-05-15'],
      officeHours: { start: '08:30', end: '16:30' },
    });
    // Saturday 16 May → Friday 15 (closed, bridge day) → Thursday 14 (Hemelvaartsdag) → Wednesday 13 May, 08:30.
    expect(due('2026-06-15', 'prepare', plan)).toBe('2026-05-13T06:30:00.000Z');
  });

  it('refuses a plan with a stage twice or office hours that end before they start', () => {
    expect(nudgePlan.safeParse({ stages: [stage('prepare'), stage('prepare')] }).success).toBe(false);
    expect(
      nudgePlan.safeParse({ stages: [stage('prepare')], officeHours: { start: '17:00', end: '09:00' } })
        .success,
    ).toBe(false);
    expect(nudgePlan.safeParse({ stages: [stage('prepare')], timeZone: 'Mars/Olympus' }).success).toBe(false);
  });
});

describe('office hours in Amsterdam', () => {
  const calendar = new WorkCalendar();
  const hours = { start: '09:00', end: '17:00' };

  it('knows working days, weekends and public holidays', () => {
    expect(calendar.isWorkingDay('2026-04-24')).toBe(true);
    expect(calendar.isWorkingDay('2026-04-25')).toBe(false);
    expect(calendar.isWorkingDay('2026-04-27')).toBe(false);
    expect(calendar.holidayOn('2026-04-27')).toBe('Koningsdag');
    // Good Friday is not a public holiday for municipalities.
    expect(calendar.isWorkingDay('2026-04-03')).toBe(true);
  });

  it('waits from Friday evening until Tuesday morning when Monday is King’s Day', () => {
    const friday = new Date('2026-04-24T15:30:00Z'); // 17:30 in Amsterdam
    expect(calendar.withinOfficeHours(friday, hours)).toBe(false);
    expect(calendar.nextOfficeInstant(friday, hours).toISOString()).toBe('2026-04-28T07:00:00.000Z');
  });

  it('sends at nine on the same working day when asked early in the morning', () => {
    expect(calendar.nextOfficeInstant(new Date('2026-03-03T05:00:00Z'), hours).toISOString()).toBe(
      '2026-03-03T08:00:00.000Z',
    );
  });

  it('converts wall-clock times across the change to summer time', () => {
    expect(zonedInstant('2026-03-27', '09:00', 'Europe/Amsterdam').toISOString()).toBe(
      '2026-03-27T08:00:00.000Z',
    );
    expect(zonedInstant('2026-03-30', '09:00', 'Europe/Amsterdam').toISOString()).toBe(
      '2026-03-30T07:00:00.000Z',
    );
  });
});
