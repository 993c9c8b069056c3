import { describe, expect, it } from 'vitest';
import type { Session } from '../session.js';
import {
  EMPTY_ROSTER,
  amsterdamLocal,
  anonymiseAttendance,
  checkInCodeFrom,
  checkInState,
  decideCancellation,
  decideRegistration,
  escapeIcsText,
  foldAttendance,
  foldIcsLine,
  isDueForAnonymisation,
  normaliseCheckInCode,
  promotionsFor,
  reachReport,
  retentionCutoff,
  sessionIcs,
  sessionWrite,
  waitlistPosition,
  type Attendance,
  type Registration,
} from './index.js';

const session: Session = {
  id: 'lunch-20270310',
  municipalityId: 'havendam',
  regionId: 'regio-deltakust',
  regionWide: false,
  type: 'lunch-lecture',
  title: 'Lunch',
  description: '',
  themes: [],
  start: '2027-03-10T12:00:00+01:00',
  end: '2027-03-10T13:00:00+01:00',
  location: 'Zaal 1',
  organiserIds: ['0c8d4f57-1d3e-4f2a-9b61-6a1f0e2d3c41'],
  requiresApproval: false,
  version: 1,
};

const reg = (userId: string, status: Registration['status'], seq: number): Registration => ({
  sessionId: session.id,
  userId,
  tenantId: '5f1b6c2e-8d4a-4c1e-9a7b-3e2d1c0b9a88',
  municipalityId: 'havendam',
  displayName: userId,
  status,
  seq,
  registeredAt: '2027-03-01T10:00:00.000Z',
  updatedAt: '2027-03-01T10:00:00.000Z',
});
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';

describe('registration rules', () => {
  it('gives a place while there is room and the waiting list after', () => {
    const first = decideRegistration(EMPTY_ROSTER, 1, undefined);
    expect(first).toEqual({
      kind: 'new',
      status: 'registered',
      seq: 1,
      roster: { registered: 1, waitlisted: 0, seq: 1 },
    });
    if (first.kind !== 'new') throw new Error('expected a new registration');
    expect(decideRegistration(first.roster, 1, undefined)).toMatchObject({
      status: 'waitlisted',
      seq: 2,
      roster: { registered: 1, waitlisted: 1 },
    });
    expect(decideRegistration(first.roster, undefined, undefined)).toMatchObject({ status: 'registered' });
  });

  it('changes nothing for someone already registered or waiting, and takes back someone who left', () => {
    expect(
      decideRegistration({ registered: 1, waitlisted: 0, seq: 1 }, 5, reg(A, 'registered', 1)).kind,
    ).toBe('unchanged');
    expect(
      decideRegistration({ registered: 1, waitlisted: 0, seq: 1 }, 5, reg(A, 'cancelled', 1)),
    ).toMatchObject({ kind: 'new', status: 'registered', seq: 2 });
  });

  it('moves the first on the waiting list up when a place comes free, not when a waiting person leaves', () => {
    const roster = { registered: 1, waitlisted: 2, seq: 3 };
    expect(decideCancellation(roster, 1, reg(A, 'registered', 1), reg(B, 'waitlisted', 2))).toEqual({
      kind: 'cancel',
      roster: { registered: 1, waitlisted: 1, seq: 3 },
      promote: reg(B, 'waitlisted', 2),
    });
    expect(decideCancellation(roster, 1, reg(B, 'waitlisted', 2), undefined)).toEqual({
      kind: 'cancel',
      roster: { registered: 1, waitlisted: 1, seq: 3 },
      promote: undefined,
    });
    expect(decideCancellation(roster, 1, undefined, undefined).kind).toBe('unchanged');
    // After the capacity shrank below the number registered, leaving frees no place yet.
    expect(
      decideCancellation(
        { registered: 3, waitlisted: 1, seq: 4 },
        1,
        reg(A, 'registered', 1),
        reg(C, 'waitlisted', 4),
      ),
    ).toMatchObject({ roster: { registered: 2, waitlisted: 1 }, promote: undefined });
  });

  it('counts how many move up after the capacity grew, and gives waiting positions in order of arrival', () => {
    expect(promotionsFor({ registered: 2, waitlisted: 5, seq: 7 }, 4)).toBe(2);
    expect(promotionsFor({ registered: 2, waitlisted: 5, seq: 7 }, undefined)).toBe(5);
    expect(promotionsFor({ registered: 2, waitlisted: 0, seq: 2 }, 10)).toBe(0);
    expect(
      waitlistPosition([reg(C, 'waitlisted', 9), reg(B, 'waitlisted', 4), reg(A, 'registered', 1)], C),
    ).toBe(2);
    expect(waitlistPosition([reg(A, 'registered', 1)], A)).toBeUndefined();
  });
});

describe('check-in', () => {
  it('is open from 15 minutes before the start until the end', () => {
    expect(checkInState(session, new Date('2027-03-10T10:44:59Z'))).toBe('not-yet');
    expect(checkInState(session, new Date('2027-03-10T10:45:00Z'))).toBe('open');
    expect(checkInState(session, new Date('2027-03-10T12:00:00Z'))).toBe('open');
    expect(checkInState(session, new Date('2027-03-10T12:00:00.001Z'))).toBe('closed');
    expect(checkInState(session, new Date('2027-03-10T10:55:00Z'), 0)).toBe('not-yet');
  });

  it('makes codes people can read off a screen and accepts them as typed', () => {
    const code = checkInCodeFrom(new Uint8Array([0, 1, 2, 30, 31, 255]));
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(normaliseCheckInCode(` ${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `)).toBe(code);
    expect(normaliseCheckInCode('ABC10O')).toBeUndefined();
    expect(normaliseCheckInCode('ABCDEFG')).toBeUndefined();
  });

  const context = (requiresApproval = false) => ({
    session: { ...session, requiresApproval },
    person: { userId: A, displayName: 'Anna', department: 'Inkoop', municipalityId: 'havendam' },
    now: new Date('2027-03-10T11:05:00Z'),
  });

  it('folds every kind of evidence into one record, keeping the first check-in', () => {
    const coded = foldAttendance(
      undefined,
      { kind: 'code', at: new Date('2027-03-10T11:05:00Z') },
      context(),
    );
    expect(coded).toMatchObject({
      userId: A,
      status: 'present',
      codeAt: '2027-03-10T11:05:00.000Z',
      department: 'Inkoop',
      sessionStart: session.start,
    });
    expect(foldAttendance(coded, { kind: 'code', at: new Date('2027-03-10T11:20:00Z') }, context())).toBe(
      coded,
    );
    const withTeams = foldAttendance(coded, { kind: 'teams', seconds: 1800 }, context());
    expect(withTeams).toMatchObject({ codeAt: '2027-03-10T11:05:00.000Z', teamsSeconds: 1800 });
    // A re-import sets the time again; it does not add it up.
    expect(foldAttendance(withTeams, { kind: 'teams', seconds: 1800 }, context())).toBe(withTeams);
  });

  it('lets a self check-in wait for approval when the session asks for it, and the organiser decide', () => {
    const self = foldAttendance(
      undefined,
      { kind: 'self', at: new Date('2027-03-10T11:01:00Z'), via: 'bot' },
      context(true),
    );
    expect(self).toMatchObject({ status: 'pending', selfVia: 'bot' });
    const approved = foldAttendance(
      self,
      { kind: 'organiser', status: 'present', by: B, at: new Date('2027-03-10T11:30:00Z') },
      context(true),
    );
    expect(approved.status).toBe('present');
    const absent = foldAttendance(
      approved,
      { kind: 'organiser', status: 'absent', by: B, at: new Date('2027-03-10T11:31:00Z') },
      context(true),
    );
    expect(
      foldAttendance(absent, { kind: 'code', at: new Date('2027-03-10T11:32:00Z') }, context(true)).status,
    ).toBe('absent');
  });
});

describe('the calendar invitation', () => {
  it('escapes text and folds long lines at 75 octets without splitting a character', () => {
    expect(escapeIcsText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = foldIcsLine(`SUMMARY:${'é'.repeat(80)}`);
    expect(folded.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'é'.repeat(80)}`);
  });

  it('gives Amsterdam local times, in winter and in summer', () => {
    expect(amsterdamLocal('2027-03-10T11:00:00Z')).toBe('20270310T120000');
    expect(amsterdamLocal('2027-07-01T10:00:00Z')).toBe('20270701T120000');
  });

  it('is one event per session with a stable UID and a sequence that grows with each version', () => {
    const ics = sessionIcs(
      { ...session, version: 3 },
      { uidDomain: 'mvi.example', now: new Date('2027-03-01T08:00:00Z'), language: 'nl' },
    );
    expect(ics).toContain('METHOD:PUBLISH\r\n');
    expect(ics).toContain('UID:session-lunch-20270310.havendam@mvi.example\r\n');
    expect(ics).toContain('SEQUENCE:2\r\n');
    expect(ics).toContain('DTSTAMP:20270301T080000Z\r\n');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});

describe('the session form schema', () => {
  it('lists every problem at once', () => {
    const result = sessionWrite.safeParse({
      type: 'lunch-lecture',
      title: 'ok titel',
      start: '2027-03-10T13:00:00+01:00',
      end: '2027-03-10T12:00:00+01:00',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['end', 'location']);
  });
});

describe('reach', () => {
  const s = (id: string, start: string) => ({
    id,
    title: id,
    type: 'lunch-lecture' as const,
    start,
    end: start,
    municipalityId: 'havendam',
    regionWide: false,
  });
  const att = (sessionId: string, userId: string, department: string, extra: Partial<Attendance> = {}) => ({
    sessionId,
    userId,
    status: 'present' as const,
    department,
    municipalityId: 'havendam',
    anonymised: false,
    ...extra,
  });

  it('counts unique and repeat people, new people per month and groups, leaving absent people out', () => {
    const report = reachReport({
      sessions: [s('a', '2027-01-10T11:00:00Z'), s('b', '2027-02-10T11:00:00Z')],
      attendance: [
        att('a', A, 'Inkoop'),
        att('a', B, 'Wonen'),
        att('b', A, 'Inkoop'),
        att('b', C, 'Wonen', { status: 'absent' }),
        att('b', 'anon-x', 'Wonen', { anonymised: true }),
      ],
      registered: new Map([['a', 3]]),
      feedback: [
        { sessionId: 'a', rating: 4 },
        { sessionId: 'a', rating: 5 },
      ],
    });
    expect(report.totals).toEqual({
      sessions: 2,
      attendances: 4,
      uniquePeople: 2,
      repeatPeople: 1,
      anonymousAttendances: 1,
      averageRating: 4.5,
    });
    expect(report.months).toEqual([
      { month: '2027-01', sessions: 1, attendances: 2, newPeople: 2, cumulativePeople: 2 },
      { month: '2027-02', sessions: 1, attendances: 2, newPeople: 0, cumulativePeople: 2 },
    ]);
    expect(report.departments).toEqual([
      { key: 'Inkoop', people: 1, attendances: 2 },
      { key: 'Wonen', people: 1, attendances: 2 },
    ]);
    expect(report.sessions[0]).toMatchObject({ registered: 3, present: 2, noShow: 1, averageRating: 4.5 });
  });

  it('puts a session in the month of its start in Amsterdam', () => {
    const report = reachReport({
      sessions: [s('nye', '2026-12-31T23:30:00Z')],
      attendance: [],
      registered: new Map(),
      feedback: [],
    });
    expect(report.months[0]?.month).toBe('2027-01');
  });
});

describe('retention', () => {
  it('counts months back in the calendar, short months included', () => {
    expect(retentionCutoff(new Date('2027-04-15T03:00:00Z'), 2).toISOString()).toBe(
      '2027-02-15T03:00:00.000Z',
    );
    expect(retentionCutoff(new Date('2027-05-31T00:00:00Z'), 3).toISOString()).toBe(
      '2027-02-28T00:00:00.000Z',
    );
    expect(isDueForAnonymisation('2027-02-14T12:00:00Z', 2, new Date('2027-04-15T03:00:00Z'))).toBe(true);
    expect(isDueForAnonymisation('2027-02-15T12:00:00Z', 2, new Date('2027-04-15T03:00:00Z'))).toBe(false);
  });

  it('keeps what the reach needs and nothing that points to the person', () => {
    const record: Attendance = {
      sessionId: 'a',
      userId: A,
      displayName: 'Anna',
      department: 'Inkoop',
      municipalityId: 'havendam',
      status: 'present',
      codeAt: '2027-01-10T11:00:00.000Z',
      sessionStart: '2027-01-10T11:00:00Z',
      updatedAt: '2027-01-10T11:00:00.000Z',
      anonymised: false,
    };
    const anonymous = anonymiseAttendance(record, 'f00', new Date('2027-06-01T00:00:00Z'));
    expect(anonymous).toEqual({
      sessionId: 'a',
      userId: 'anon-f00',
      department: 'Inkoop',
      municipalityId: 'havendam',
      status: 'present',
      sessionStart: '2027-01-10T11:00:00Z',
      updatedAt: '2027-06-01T00:00:00.000Z',
      anonymised: true,
    });
    expect(anonymiseAttendance(anonymous, 'other', new Date())).toBe(anonymous);
  });
});
