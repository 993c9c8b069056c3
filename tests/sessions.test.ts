/**
 * Sessions end to end over HTTP against Azurite: planning, registration limits and the
 * waiting list, the calendar invitation, check-in only in its window and only for its
 * session, one record per person whatever the number of check-ins, the organiser's list,
 * and feedback.
 */
import { describe, expect, it } from 'vitest';
import { fatma, ingrid, joris, mohamed, pieter, sanne, useSessionWorld } from './support/sessions.js';

const lunch = (extra: Record<string, unknown> = {}) => ({
  type: 'lunch-lecture',
  title: 'Lunchlezing: inclusief inkopen, zo doe je dat',
  description: 'Met voorbeelden; neem je lunch mee.',
  themes: ['diversity-inclusion'],
  start: '2027-03-10T12:00:00+01:00',
  end: '2027-03-10T13:00:00+01:00',
  location: 'Gemeentehuis Havendam, zaal 2',
  ...extra,
});

describe('sessions: planning, registration and the waiting list', () => {
  const world = useSessionWorld({ start: '2027-03-02T09:30:00Z' });

  it('lets organisers and the MVI team plan sessions, and nobody else', async () => {
    const denied = await world.api('POST', '/sessions', pieter, lunch());
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/organiser|mvi-admin/);
    const created = await world.api('POST', '/sessions', ingrid, lunch({ title: 'Workshop social return' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'workshop-social-return-20270310',
      municipalityId: 'havendam',
      organiserIds: [ingrid.id],
      canManage: true,
      version: 1,
    });
    expect(created.body.checkInCode).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    const again = await world.api('POST', '/sessions', ingrid, lunch({ title: 'Workshop social return' }));
    expect(again.status).toBe(201);
    expect(again.body.id).toMatch(/^workshop-social-return-20270310-[0-9a-f]{4}$/);
  });

  it('explains every problem of a bad session and stores nothing', async () => {
    const bad = await world.api('POST', '/sessions', ingrid, {
      type: 'party',
      title: 'x',
      start: '2027-03-10T13:00:00+01:00',
      end: '2027-03-10T12:00:00+01:00',
      capacity: 0,
      onlineMeetingUrl: 'http://teams.example/x',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^De sessie klopt niet/);
    expect(bad.body.error.details.map((d: string) => d.split(':')[0]).sort()).toEqual([
      'capacity',
      'end',
      'onlineMeetingUrl',
      'title',
      'type',
    ]);
    const list = await world.api('GET', '/sessions', ingrid);
    expect(list.body.sessions.some((s: { title: string }) => s.title === 'x')).toBe(false);
  });

  it('gives places until the session is full, then the waiting list, and moves the first up when someone leaves', async () => {
    const s = await world.plan(
      ingrid,
      lunch({ title: 'Regiosessie circulaire bouw', regionWide: true, capacity: 2 }),
    );
    const register = (who: typeof pieter) => world.api('POST', `/sessions/${s.id}/registration`, who);
    expect((await register(pieter)).body.me).toEqual({
      registration: 'registered',
      waitlistPosition: null,
      attendance: null,
      feedbackGiven: false,
    });
    expect((await register(mohamed)).body.counts).toEqual({ registered: 2, waitlisted: 0, placesLeft: 0 });
    const third = await register(fatma); // Rietmond: the session is region-wide
    expect(third.body.me).toMatchObject({ registration: 'waitlisted', waitlistPosition: 1 });
    expect((await register(joris)).body.me).toMatchObject({
      registration: 'waitlisted',
      waitlistPosition: 2,
    });
    // Registering twice changes nothing.
    expect((await register(pieter)).body.counts).toEqual({ registered: 2, waitlisted: 2, placesLeft: 0 });

    const left = await world.api('POST', `/sessions/${s.id}/registration/cancel`, pieter);
    expect(left.body.me.registration).toBeNull();
    expect(left.body.counts).toEqual({ registered: 2, waitlisted: 1, placesLeft: 0 });
    expect((await world.api('GET', `/sessions/${s.id}`, fatma)).body.me).toMatchObject({
      registration: 'registered',
      waitlistPosition: null,
    });
    expect((await world.api('GET', `/sessions/${s.id}`, joris)).body.me).toMatchObject({
      registration: 'waitlisted',
      waitlistPosition: 1,
    });
    // Leaving the waiting list frees no place.
    await world.api('POST', `/sessions/${s.id}/registration/cancel`, joris);
    expect((await world.api('GET', `/sessions/${s.id}`, mohamed)).body.counts).toEqual({
      registered: 2,
      waitlisted: 0,
      placesLeft: 0,
    });
  });

  it('never gives more places than the capacity when everyone clicks at once', async () => {
    const s = await world.plan(
      ingrid,
      lunch({ title: 'Drukbezochte regiosessie', regionWide: true, capacity: 3 }),
    );
    const everyone = [ingrid, sanne, mohamed, pieter, fatma, joris];
    const answers = await Promise.all(
      everyone.map((who) => world.api('POST', `/sessions/${s.id}/registration`, who)),
    );
    expect(answers.map((a) => a.status)).toEqual(everyone.map(() => 200));
    const registrations = answers.map((a) => a.body.me.registration);
    expect(registrations.filter((r) => r === 'registered')).toHaveLength(3);
    expect(
      answers
        .map((a) => a.body.me.waitlistPosition)
        .filter((p) => p !== null)
        .sort(),
    ).toEqual([1, 2, 3]);
    const list = await world.api('GET', `/sessions/${s.id}/attendance`, ingrid);
    expect(list.body.counts).toMatchObject({ registered: 3, waitlisted: 3 });
  });

  it('moves people up from the waiting list when the organiser adds places', async () => {
    const s = await world.plan(ingrid, lunch({ title: 'Kleine workshop', capacity: 1 }));
    await world.api('POST', `/sessions/${s.id}/registration`, pieter);
    await world.api('POST', `/sessions/${s.id}/registration`, mohamed);
    const read = await world.api('GET', `/sessions/${s.id}`, ingrid);
    const edited = await world.api(
      'PUT',
      `/sessions/${s.id}`,
      ingrid,
      lunch({ title: 'Kleine workshop', capacity: 2 }),
      { 'if-match': read.headers.get('etag')! },
    );
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      version: 2,
      counts: { registered: 2, waitlisted: 0, placesLeft: 0 },
    });
    const stale = await world.api(
      'PUT',
      `/sessions/${s.id}`,
      ingrid,
      lunch({ title: 'Kleine workshop', capacity: 5 }),
      { 'if-match': read.headers.get('etag')! },
    );
    expect(stale.status).toBe(409);
    expect((await world.api('PUT', `/sessions/${s.id}`, pieter, lunch(), { 'if-match': '*' })).status).toBe(
      403,
    );
  });

  it('says plainly that the Teams import needs Graph when it is not configured', async () => {
    const s = await world.plan(
      ingrid,
      lunch({
        title: 'Online zonder Graph',
        location: undefined,
        onlineMeetingUrl: 'https://teams.microsoft.com/l/meetup-join/zonder-graph',
      }),
    );
    world.clock.set('2027-03-10T12:30:00Z');
    const answer = await world.api('POST', `/sessions/${s.id}/attendance/import`, ingrid);
    world.clock.set('2027-03-02T09:30:00Z');
    expect(answer.status).toBe(503);
    expect(answer.body.error.message).toMatch(
      /^De koppeling met Microsoft Teams \(Graph\) is niet ingesteld/,
    );
  });

  it("keeps a municipality's own sessions to itself", async () => {
    const s = await world.plan(
      sanne,
      lunch({ title: 'Alleen voor Polderveen', location: 'Stadskantoor Polderveen' }),
    );
    expect((await world.api('GET', `/sessions/${s.id}`, pieter)).status).toBe(404);
    expect((await world.api('POST', `/sessions/${s.id}/registration`, pieter)).status).toBe(404);
    expect(
      (await world.api('GET', '/sessions', pieter)).body.sessions.some((x: { id: string }) => x.id === s.id),
    ).toBe(false);
  });

  it('gives only the person with a place a calendar invitation, in Amsterdam time with escaped text', async () => {
    const s = await world.plan(
      ingrid,
      lunch({
        title: 'Kennissessie: MVI, wat; nu?',
        description: 'Regel 1\nRegel 2, met komma',
        capacity: 1,
      }),
    );
    await world.api('POST', `/sessions/${s.id}/registration`, pieter);
    await world.api('POST', `/sessions/${s.id}/registration`, mohamed); // waiting list
    const ics = await world.download(`/sessions/${s.id}/registration.ics`, pieter);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(ics.headers.get('content-disposition')).toBe(`attachment; filename="${s.id}.ics"`);
    const text = ics.bytes.toString('utf8');
    const unfolded = text.replace(/\r\n /g, '');
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(unfolded).toContain('METHOD:PUBLISH');
    expect(unfolded).toContain(`UID:session-${s.id}.havendam@localhost`);
    expect(unfolded).toContain('DTSTART;TZID=Europe/Amsterdam:20270310T120000');
    expect(unfolded).toContain('DTEND;TZID=Europe/Amsterdam:20270310T130000');
    expect(unfolded).toContain('BEGIN:VTIMEZONE');
    expect(unfolded).toContain('SUMMARY:Kennissessie: MVI\\, wat\\; nu?');
    expect(unfolded).toContain('DESCRIPTION:Regel 1\\nRegel 2\\, met komma');
    expect(unfolded).not.toMatch(/ATTENDEE|Mohamed|Pieter/);
    expect((await world.download(`/sessions/${s.id}/registration.ics`, mohamed)).status).toBe(404);
  });
});

describe('sessions: check-in and attendance', () => {
  const world = useSessionWorld({ start: '2027-03-02T09:30:00Z' });

  it('accepts the code only during the session (from 15 minutes before) and only for its own session', async () => {
    const s = await world.plan(ingrid, lunch({ title: 'Inchecken met code' }));
    const other = await world.plan(ingrid, lunch({ title: 'Een andere sessie' }));
    const checkIn = (code: string, id = s.id) =>
      world.api('POST', `/sessions/${id}/check-in`, pieter, { code });

    world.clock.set('2027-03-10T10:44:59Z'); // 11:44:59 in Amsterdam
    const early = await checkIn(s.checkInCode);
    expect(early.status).toBe(400);
    expect(early.body.error.message).toBe('Inchecken kan pas vanaf 10 maart om 11:45.');
    expect((await world.api('POST', '/check-in', pieter, { code: s.checkInCode })).status).toBe(400);

    world.clock.set('2027-03-10T10:45:00Z');
    expect((await checkIn(other.checkInCode)).status).toBe(400); // another session's code
    const onTime = await checkIn(s.checkInCode.toLowerCase().replace(/^(...)/, '$1 '));
    expect(onTime.status).toBe(200);
    expect(onTime.body.me.attendance).toBe('present');

    world.clock.set('2027-03-10T12:00:00Z'); // the end: still open
    const byCodeAlone = await world.api('POST', '/check-in', mohamed, { code: other.checkInCode });
    expect(byCodeAlone.status).toBe(200);
    expect(byCodeAlone.body).toMatchObject({ id: other.id, me: { attendance: 'present' } });

    world.clock.set('2027-03-10T12:00:01Z');
    const late = await world.api('POST', '/check-in', fatma, { code: s.checkInCode });
    expect(late.status).toBe(400);
    const lateHere = await checkIn(s.checkInCode, other.id);
    expect(lateHere.body.error.message).toMatch(/de sessie is afgelopen/);
    // Rietmond cannot use a Havendam-only session's code at all.
    world.clock.set('2027-03-10T11:00:00Z');
    expect((await world.api('POST', '/check-in', fatma, { code: s.checkInCode })).body.error.message).toBe(
      'Deze code kennen we niet. Kijk nog eens op het scherm in de zaal.',
    );
  });

  it('keeps one record for a person who checks in 100 times at once, with every kind of evidence', async () => {
    world.clock.set('2027-03-02T09:30:00Z');
    const s = await world.plan(
      ingrid,
      lunch({
        title: 'Honderd keer inchecken',
        start: '2027-03-03T12:00:00+01:00',
        end: '2027-03-03T13:00:00+01:00',
      }),
    );
    await world.api('POST', `/sessions/${s.id}/registration`, pieter);
    world.clock.set('2027-03-03T11:10:00Z');
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        world.api('POST', `/sessions/${s.id}/check-in`, pieter, i % 2 === 0 ? { code: s.checkInCode } : {}),
      ),
    );
    expect(answers.filter((a) => a.status !== 200).map((a) => a.text)).toEqual([]);
    const rows: { rowKey?: string; data?: unknown }[] = [];
    for await (const row of world
      .stack()
      .services.storage.table('SessionAttendance')
      .listEntities({ queryOptions: { filter: `PartitionKey eq 'havendam_${s.id}'` } }))
      rows.push(row);
    expect(rows.map((r) => r.rowKey)).toEqual([pieter.id]);
    const record = JSON.parse(rows[0]!.data as string);
    expect(record).toMatchObject({
      status: 'present',
      codeAt: '2027-03-03T11:10:00.000Z',
      selfAt: '2027-03-03T11:10:00.000Z',
      selfVia: 'tab',
      department: 'Openbare Ruimte',
    });
    const list = await world.api('GET', `/sessions/${s.id}/attendance`, ingrid);
    expect(list.body.people).toEqual([
      expect.objectContaining({
        displayName: 'Pieter Jansen',
        registration: 'registered',
        attendance: 'present',
        evidence: ['code', 'tab'],
      }),
    ]);
  });

  it('lets the organiser approve self check-ins, mark people present or absent, and nobody else', async () => {
    world.clock.set('2027-03-02T09:30:00Z');
    const s = await world.plan(
      ingrid,
      lunch({
        title: 'Workshop met goedkeuring',
        type: 'workshop',
        requiresApproval: true,
        start: '2027-03-04T12:00:00+01:00',
        end: '2027-03-04T16:00:00+01:00',
      }),
    );
    await world.api('POST', `/sessions/${s.id}/registration`, pieter);
    await world.api('POST', `/sessions/${s.id}/registration`, mohamed);
    expect(
      (await world.api('PUT', `/sessions/${s.id}/attendance/${mohamed.id}`, ingrid, { status: 'present' }))
        .status,
    ).toBe(400); // not started
    world.clock.set('2027-03-04T11:30:00Z');
    const self = await world.api('POST', `/sessions/${s.id}/check-in`, pieter, {});
    expect(self.body.me.attendance).toBe('pending');
    expect((await world.api('GET', `/sessions/${s.id}/attendance`, pieter)).status).toBe(403);
    expect(
      (await world.api('PUT', `/sessions/${s.id}/attendance/${pieter.id}`, sanne, { status: 'present' }))
        .status,
    ).toBe(404); // Polderveen cannot see it
    const approved = await world.api('PUT', `/sessions/${s.id}/attendance/${pieter.id}`, ingrid, {
      status: 'present',
    });
    expect(approved.body).toMatchObject({
      status: 'present',
      organiser: { status: 'present', by: ingrid.id },
    });
    await world.api('PUT', `/sessions/${s.id}/attendance/${mohamed.id}`, ingrid, { status: 'absent' });
    // A walk-in known in the membership register can be added by the organiser, when of the
    // session's audience: Ingrid herself, not someone of Rietmond.
    await world.api('PUT', `/sessions/${s.id}/attendance/${ingrid.id}`, ingrid, { status: 'present' });
    expect(
      (await world.api('PUT', `/sessions/${s.id}/attendance/${fatma.id}`, ingrid, { status: 'present' }))
        .status,
    ).toBe(403);
    const list = await world.api('GET', `/sessions/${s.id}/attendance`, ingrid);
    expect(list.body.people.map((p: any) => [p.displayName, p.registration, p.attendance])).toEqual([
      ['Ingrid Bakker', null, 'present'],
      ['Mohamed El Amrani', 'registered', 'absent'],
      ['Pieter Jansen', 'registered', 'present'],
    ]);
    expect(list.body.counts).toEqual({ registered: 2, waitlisted: 0, present: 2, pending: 0 });
    expect(
      (await world.api('PUT', `/sessions/${s.id}/attendance/not-a-uuid`, ingrid, { status: 'present' }))
        .status,
    ).toBe(400);
  });

  it('asks for a rating only from people who came, keeps one per person, and shows the organiser the average and comments without names', async () => {
    world.clock.set('2027-03-02T09:30:00Z');
    const s = await world.plan(
      ingrid,
      lunch({
        title: 'Sessie met feedback',
        start: '2027-03-05T12:00:00+01:00',
        end: '2027-03-05T13:00:00+01:00',
      }),
    );
    world.clock.set('2027-03-05T11:05:00Z');
    for (const who of [pieter, mohamed])
      await world.api('POST', `/sessions/${s.id}/check-in`, who, { code: s.checkInCode });
    world.clock.set('2027-03-05T12:30:00Z');
    expect((await world.api('POST', `/sessions/${s.id}/feedback`, fatma, { rating: 5 })).status).toBe(404); // not her municipality's
    expect((await world.api('POST', `/sessions/${s.id}/feedback`, ingrid, { rating: 5 })).status).toBe(403); // did not attend
    expect((await world.api('POST', `/sessions/${s.id}/feedback`, pieter, { rating: 6 })).status).toBe(400);
    await world.api('POST', `/sessions/${s.id}/feedback`, pieter, { rating: 2, comment: 'Te kort' });
    const changed = await world.api('POST', `/sessions/${s.id}/feedback`, pieter, {
      rating: 4,
      comment: 'Goed, maar te kort',
    });
    expect(changed.body.me.feedbackGiven).toBe(true);
    await world.api('POST', `/sessions/${s.id}/feedback`, mohamed, { rating: 5 });
    const summary = await world.api('GET', `/sessions/${s.id}/feedback`, ingrid);
    expect(summary.body).toEqual({
      count: 2,
      average: 4.5,
      distribution: [0, 0, 0, 1, 1],
      comments: [{ rating: 4, comment: 'Goed, maar te kort', at: '2027-03-05T12:30:00.000Z' }],
    });
    expect(JSON.stringify(summary.body)).not.toMatch(/Pieter|Mohamed/);
    const mine = await world.api('GET', '/sessions?recent=1', pieter);
    expect(mine.body.sessions.find((x: { id: string }) => x.id === s.id).me).toMatchObject({
      attendance: 'present',
      feedbackGiven: true,
    });
  });

  it('shows the organiser the code and a QR code that opens the check-in page', async () => {
    world.clock.set('2027-03-02T09:30:00Z');
    const s = await world.plan(ingrid, lunch({ title: 'Sessie met QR-code' }));
    expect((await world.api('GET', `/sessions/${s.id}/check-in-code`, pieter)).status).toBe(403);
    const display = await world.api('GET', `/sessions/${s.id}/check-in-code`, ingrid);
    expect(display.body).toMatchObject({
      code: s.checkInCode,
      state: 'not-yet',
      opens: '2027-03-10T10:45:00.000Z',
      closes: '2027-03-10T12:00:00.000Z',
    });
    expect(display.body.url).toMatch(new RegExp(`/check-in\\?code=${s.checkInCode}$`));
    expect(display.body.qrSvg).toMatch(/^<svg[^>]*viewBox/);
    // The code is never in what participants see.
    expect((await world.api('GET', `/sessions/${s.id}`, pieter)).text).not.toContain(s.checkInCode);
  });
});

describe('sessions: safe between instances too', () => {
  const world = useSessionWorld({ start: '2027-03-02T09:30:00Z' });

  it('keeps capacity and one attendance record when separate instances race on the ETag alone', async () => {
    const { createRegistrationStore } = await import('../functions/src/storage/session-registrations.js');
    const { createAttendanceStore } = await import('../functions/src/storage/session-attendance.js');
    const { foldAttendance } = await import('../core/src/sessions/index.js');
    const storage = world.stack().services.storage;
    // Three "instances" without the in-process queue: only the ETag stands between them.
    const registrations = [1, 2, 3].map(() => createRegistrationStore(storage, { inProcessQueue: false }));
    const attendance = [1, 2, 3].map(() => createAttendanceStore(storage, { inProcessQueue: false }));
    const s = await world.plan(ingrid, lunch({ title: 'Race tussen instanties', capacity: 5 }));
    const ref = { key: `havendam_${s.id}`, id: s.id, capacity: 5 };
    const person = (n: number) => ({
      userId: `d0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      tenantId: '5f1b6c2e-8d4a-4c1e-9a7b-3e2d1c0b9a88',
      municipalityId: 'havendam',
      displayName: `Persoon ${n}`,
    });
    const now = new Date('2027-03-02T09:30:00Z');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) => registrations[n % 3]!.register(ref, person(n + 1), now)),
    );
    expect(results.filter((r) => r.registration.status === 'registered')).toHaveLength(5);
    expect(await registrations[0]!.roster(ref.key)).toEqual({ registered: 5, waitlisted: 15, seq: 20 });
    const cancelled = await Promise.all(
      results
        .filter((r) => r.registration.status === 'registered')
        .slice(0, 3)
        .map((r, i) => registrations[i]!.cancel(ref, r.registration.userId, now)),
    );
    expect(cancelled.flatMap((c) => c!.promoted.map((p) => p.seq)).sort((a, b) => a - b)).toEqual([6, 7, 8]);

    const stored = (await world.api('GET', `/sessions/${s.id}`, ingrid)).body;
    const session = { id: s.id, start: stored.start, requiresApproval: false };
    const who = {
      userId: pieter.id,
      displayName: 'Pieter Jansen',
      department: 'Openbare Ruimte',
      municipalityId: 'havendam',
    };
    const at = new Date('2027-03-10T11:10:00Z');
    const evidence = [
      { kind: 'code', at } as const,
      { kind: 'self', at, via: 'bot' } as const,
      { kind: 'teams', seconds: 900 } as const,
    ];
    await Promise.all(
      Array.from({ length: 60 }, (_, n) =>
        attendance[n % 3]!.change(ref.key, pieter.id, (existing) =>
          foldAttendance(existing, evidence[n % 3]!, { session, person: who, now: at }),
        ),
      ),
    );
    const records = await attendance[0]!.list(ref.key);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      userId: pieter.id,
      status: 'present',
      codeAt: at.toISOString(),
      selfAt: at.toISOString(),
      selfVia: 'bot',
      teamsSeconds: 900,
    });
  });
});
