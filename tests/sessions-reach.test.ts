/**
 * The reach report on a known data set, its CSV and XLSX exports read back, and the retention
 * timer anonymising exactly the sessions past the municipality's retention period.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoUser } from '../scripts/dev/demo-data.js';
import {
  fatma,
  ingrid,
  joris,
  mohamed,
  pieter,
  sanne,
  useSessionWorld,
  type SessionWorld,
} from './support/sessions.js';

interface Planned {
  id: string;
  code: string;
  key: string;
}

/** Plans a session a week before, registers people, checks people in with the code, and collects ratings. */
async function held(
  world: SessionWorld,
  organiser: DemoUser,
  day: string,
  title: string,
  options: {
    regionWide?: boolean;
    registered?: DemoUser[];
    present: DemoUser[];
    ratings?: [DemoUser, number, string?][];
  },
): Promise<Planned> {
  const start = `${day}T12:00:00+01:00`;
  world.clock.set(new Date(Date.parse(start) - 7 * 24 * 3600 * 1000).toISOString());
  const s = await world.plan(organiser, {
    type: 'lunch-lecture',
    title,
    start,
    end: `${day}T13:00:00+01:00`,
    location: 'Zaal 1',
    regionWide: options.regionWide ?? false,
    capacity: 10,
  });
  for (const who of options.registered ?? [])
    expect((await world.api('POST', `/sessions/${s.id}/registration`, who)).status).toBe(200);
  world.clock.set(new Date(Date.parse(start) + 10 * 60_000).toISOString());
  for (const who of options.present)
    expect((await world.api('POST', `/sessions/${s.id}/check-in`, who, { code: s.checkInCode })).status).toBe(
      200,
    );
  world.clock.set(new Date(Date.parse(start) + 70 * 60_000).toISOString());
  for (const [who, rating, comment] of options.ratings ?? []) {
    expect(
      (
        await world.api('POST', `/sessions/${s.id}/feedback`, who, {
          rating,
          ...(comment ? { comment } : {}),
        })
      ).status,
    ).toBe(200);
  }
  return {
    id: s.id,
    code: s.checkInCode,
    key: `${options.regionWide ? 'region-regio-deltakust' : s.municipalityId}_${s.id}`,
  };
}

describe('the reach of sessions', () => {
  // The demo sessions are seeded around this start, outside the period the tests report on.
  const world = useSessionWorld({ start: '2026-11-01T09:00:00Z' });
  const sessions: Record<string, Planned> = {};

  beforeAll(async () => {
    sessions['s1'] = await held(world, ingrid, '2027-01-12', 'Januari: circulair inkopen', {
      regionWide: true,
      registered: [pieter, mohamed, fatma, sanne],
      present: [pieter, mohamed, fatma],
      ratings: [
        [pieter, 5, 'Heel bruikbaar'],
        [fatma, 4],
      ],
    });
    sessions['s2'] = await held(world, ingrid, '2027-02-09', 'Februari: workshop Ambitieweb', {
      registered: [pieter, ingrid],
      present: [pieter, ingrid],
    });
    sessions['s4'] = await held(world, sanne, '2027-02-15', 'Alleen Polderveen', { present: [sanne] });
    sessions['s3'] = await held(world, ingrid, '2027-03-09', 'Maart: social return', {
      regionWide: true,
      present: [pieter, fatma, joris],
      ratings: [[joris, 3]],
    });
    sessions['s5'] = await held(world, sanne, '2027-03-20', 'Maart: regiosessie Polderveen', {
      regionWide: true,
      present: [sanne, mohamed],
    });
    world.clock.set('2027-04-01T08:00:00Z');
  });

  it('counts attendance per session, people reached per month, department and municipality, and who came again', async () => {
    expect((await world.api('GET', '/reports/reach?from=2027-01-01&to=2027-03-31', pieter)).status).toBe(403);
    const { status, body } = await world.api('GET', '/reports/reach?from=2027-01-01&to=2027-03-31', ingrid);
    expect(status).toBe(200);
    expect(body.totals).toEqual({
      sessions: 4,
      attendances: 10,
      uniquePeople: 6,
      repeatPeople: 3,
      anonymousAttendances: 0,
      averageRating: 4,
    });
    expect(body.repeat).toEqual({ once: 3, twice: 2, threeOrMore: 1 });
    expect(
      body.sessions.map((s: any) => [s.title, s.registered, s.present, s.noShow, s.averageRating]),
    ).toEqual([
      ['Januari: circulair inkopen', 4, 3, 1, 4.5],
      ['Februari: workshop Ambitieweb', 2, 2, 0, null],
      ['Maart: social return', 0, 3, 0, 3],
      ['Maart: regiosessie Polderveen', 0, 2, 0, null],
    ]);
    expect(body.months).toEqual([
      { month: '2027-01', sessions: 1, attendances: 3, newPeople: 3, cumulativePeople: 3 },
      { month: '2027-02', sessions: 1, attendances: 2, newPeople: 1, cumulativePeople: 4 },
      { month: '2027-03', sessions: 2, attendances: 5, newPeople: 2, cumulativePeople: 6 },
    ]);
    expect(body.departments).toEqual([
      { key: 'Inkoop', people: 2, attendances: 3 },
      { key: 'Openbare Ruimte', people: 1, attendances: 3 },
      { key: 'Sociaal Domein', people: 1, attendances: 2 },
      { key: 'Directie', people: 1, attendances: 1 },
      { key: 'Duurzaamheid', people: 1, attendances: 1 },
    ]);
    expect(body.municipalities).toEqual([
      { key: 'havendam', people: 3, attendances: 6 },
      { key: 'rietmond', people: 2, attendances: 3 },
      { key: 'polderveen', people: 1, attendances: 1 },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/Pieter|Jansen|Heel bruikbaar/);
    // A period is a period: February alone.
    const february = await world.api('GET', '/reports/reach?from=2027-02-01&to=2027-02-28', ingrid);
    expect(february.body.totals).toMatchObject({ sessions: 1, attendances: 2, uniquePeople: 2 });
    expect((await world.api('GET', '/reports/reach?from=2027-03-31&to=2027-01-01', ingrid)).status).toBe(400);
  });

  it('exports the same numbers as CSV for Dutch Excel and as an XLSX workbook', async () => {
    const csv = await world.download(
      '/reports/reach/export?format=csv&from=2027-01-01&to=2027-03-31',
      ingrid,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="mvi-bereik-havendam-2027-01-01-2027-03-31-sessions.csv"',
    );
    const text = csv.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows: string[][] = parse(text.slice(1), { delimiter: ';' });
    expect(rows[0]).toEqual([
      'Sessie',
      'Soort',
      'Datum',
      'Gemeente',
      'Regionaal',
      'Capaciteit',
      'Aangemeld',
      'Aanwezig',
      'Niet gekomen',
      'Beoordelingen',
      'Gemiddelde beoordeling',
    ]);
    expect(rows.slice(1)).toEqual([
      [
        'Januari: circulair inkopen',
        'lunch-lecture',
        '2027-01-12',
        'havendam',
        'ja',
        '10',
        '4',
        '3',
        '1',
        '2',
        '4,5',
      ],
      [
        'Februari: workshop Ambitieweb',
        'lunch-lecture',
        '2027-02-09',
        'havendam',
        'nee',
        '10',
        '2',
        '2',
        '0',
        '0',
        '',
      ],
      [
        'Maart: social return',
        'lunch-lecture',
        '2027-03-09',
        'havendam',
        'ja',
        '10',
        '0',
        '3',
        '0',
        '1',
        '3',
      ],
      [
        'Maart: regiosessie Polderveen',
        'lunch-lecture',
        '2027-03-20',
        'polderveen',
        'ja',
        '10',
        '0',
        '2',
        '0',
        '0',
        '',
      ],
    ]);
    const departments: string[][] = parse(
      (
        await world.download(
          '/reports/reach/export?format=csv&table=departments&from=2027-01-01&to=2027-03-31',
          ingrid,
        )
      ).bytes
        .toString('utf8')
        .slice(1),
      { delimiter: ';' },
    );
    expect(departments).toEqual([
      ['Afdeling', 'Personen', 'Aanwezigen'],
      ['Inkoop', '2', '3'],
      ['Openbare Ruimte', '1', '3'],
      ['Sociaal Domein', '1', '2'],
      ['Directie', '1', '1'],
      ['Duurzaamheid', '1', '1'],
    ]);

    const xlsx = await world.download(
      '/reports/reach/export?format=xlsx&from=2027-01-01&to=2027-03-31',
      ingrid,
    );
    expect(xlsx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Totaal',
      'Sessies',
      'Per maand',
      'Per afdeling',
      'Per gemeente',
      'Herhaling',
    ]);
    const values = (name: string) => {
      const out: unknown[][] = [];
      workbook.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    expect(values('Totaal')).toEqual([
      ['Meting', 'Waarde'],
      ['Sessies', 4],
      ['Aanwezigen', 10],
      ['Unieke personen', 6],
      ['Personen die vaker kwamen', 3],
      ['Geanonimiseerde aanwezigen', 0],
      ['Gemiddelde beoordeling', 4],
      ['Van', '2027-01-01'],
      ['Tot', '2027-03-31'],
    ]);
    expect(values('Per maand').slice(1)).toEqual([
      ['2027-01', 1, 3, 3, 3],
      ['2027-02', 1, 2, 1, 4],
      ['2027-03', 2, 5, 2, 6],
    ]);
    expect(values('Per gemeente').slice(1)).toEqual([
      ['havendam', 3, 6],
      ['rietmond', 2, 3],
      ['polderveen', 1, 1],
    ]);
    expect(values('Herhaling').slice(1)).toEqual([
      ['Eén sessie', 3],
      ['Twee sessies', 2],
      ['Drie of meer', 1],
    ]);
    const english = await world.download(
      '/reports/reach/export?format=csv&table=months&lang=en&from=2027-01-01&to=2027-03-31',
      ingrid,
    );
    expect(parse(english.bytes.toString('utf8').slice(1))[0]).toEqual([
      'Month',
      'Sessions',
      'Attendances',
      'Newly reached',
      'Reached so far',
    ]);
    expect((await world.download('/reports/reach/export?format=pdf', ingrid)).status).toBe(400);
  });

  it('anonymises, on its timer, only the sessions past the retention period of the municipality that organised them', async () => {
    expect((await world.api('PUT', '/privacy/settings', pieter, { retentionMonths: 2 })).status).toBe(403);
    expect((await world.api('GET', '/privacy/settings', ingrid)).body).toEqual({
      retentionMonths: 24,
      isDefault: true,
    });
    expect((await world.api('PUT', '/privacy/settings', ingrid, { retentionMonths: 0 })).status).toBe(400);
    expect((await world.api('PUT', '/privacy/settings', ingrid, { retentionMonths: 2 })).body).toEqual({
      retentionMonths: 2,
      isDefault: false,
    });

    // 15 April: Havendam's cutoff is 15 February. Due: January and 9 February (Havendam's).
    // Not due: Havendam's March session, and Polderveen's sessions (24 months by default).
    world.clock.set('2027-04-15T03:00:00Z');
    await world.stack().host!.runTimer('sessions-retention');

    const table = async (name: string, key: string) => {
      const rows: any[] = [];
      for await (const row of world
        .stack()
        .services.storage.table(name)
        .listEntities<{ data?: string }>({ queryOptions: { filter: `PartitionKey eq '${key}'` } })) {
        rows.push({ rowKey: row.rowKey, ...(row.data ? JSON.parse(row.data) : {}) });
      }
      return rows;
    };
    for (const due of [sessions['s1']!, sessions['s2']!]) {
      const attendance = await table('SessionAttendance', due.key);
      expect(attendance.length).toBeGreaterThan(0);
      for (const a of attendance) {
        expect(a.rowKey).toMatch(/^anon-[0-9a-f-]{36}$/);
        expect(a).toMatchObject({ anonymised: true, status: 'present' });
        expect(a).not.toHaveProperty('displayName');
        expect(a).not.toHaveProperty('codeAt');
        expect(a.department).toBeTruthy();
      }
      expect(await table('SessionRegistrations', due.key)).toEqual([]);
    }
    const feedback = await table('SessionFeedback', sessions['s1']!.key);
    expect(feedback.map((f) => [f.rating, f.comment ?? null, f.anonymised])).toEqual(
      expect.arrayContaining([
        [5, null, true],
        [4, null, true],
      ]),
    );
    for (const kept of [sessions['s3']!, sessions['s4']!, sessions['s5']!]) {
      const attendance = await table('SessionAttendance', kept.key);
      expect(attendance.every((a) => !a.anonymised && a.displayName && a.rowKey === a.userId)).toBe(true);
    }
    expect((await table('SessionFeedback', sessions['s3']!.key))[0]).toMatchObject({
      userId: joris.id,
      anonymised: false,
    });

    const audit = await world.api('GET', '/privacy/audit', ingrid);
    expect(audit.body.entries).toEqual([
      expect.objectContaining({
        action: 'retention',
        municipalityId: 'havendam',
        counts: { sessions: 2, attendance: 5, feedback: 2, registrations: 6 },
      }),
    ]);
    // Running again changes nothing and logs nothing.
    await world.stack().host!.runTimer('sessions-retention');
    expect((await world.api('GET', '/privacy/audit', ingrid)).body.entries).toHaveLength(1);

    // The reach keeps the numbers; only the people of anonymised records can no longer be told apart.
    const after = await world.api('GET', '/reports/reach?from=2027-01-01&to=2027-03-31', ingrid);
    expect(after.body.totals).toEqual({
      sessions: 4,
      attendances: 10,
      uniquePeople: 5,
      repeatPeople: 0,
      anonymousAttendances: 5,
      averageRating: 4,
    });
    expect(after.body.departments.find((d: any) => d.key === 'Openbare Ruimte')).toEqual({
      key: 'Openbare Ruimte',
      people: 1,
      attendances: 3,
    });
  });
});

describe('privacy: one person’s data', () => {
  const world = useSessionWorld({ start: '2027-01-01T09:00:00Z' });
  const s: Record<string, Planned> = {};

  beforeAll(async () => {
    s['own'] = await held(world, ingrid, '2027-01-12', 'Havendam: lunchlezing', {
      regionWide: false,
      registered: [pieter],
      present: [pieter, mohamed],
      ratings: [[pieter, 4, 'Graag een vervolg']],
    });
    s['region'] = await held(world, sanne, '2027-01-19', 'Polderveen: regiosessie', {
      regionWide: true,
      registered: [pieter, fatma],
      present: [pieter, fatma],
    });
    s['polder'] = await held(world, sanne, '2027-01-20', 'Polderveen: eigen sessie', { present: [sanne] });
    // A coming session, full, with Mohamed waiting behind Pieter.
    world.clock.set('2027-02-01T09:00:00Z');
    const coming = await world.plan(ingrid, {
      type: 'workshop',
      title: 'Havendam: volle workshop',
      start: '2027-02-10T12:00:00+01:00',
      end: '2027-02-10T14:00:00+01:00',
      location: 'Zaal 3',
      capacity: 1,
    });
    s['coming'] = { id: coming.id, code: coming.checkInCode, key: `havendam_${coming.id}` };
    await world.api('POST', `/sessions/${coming.id}/registration`, pieter);
    await world.api('POST', `/sessions/${coming.id}/registration`, mohamed);
  });

  it('exports what the sessions hold about a person to the MVI team only, and logs it', async () => {
    expect((await world.api('GET', `/privacy/people/${pieter.id}/export`, sanne)).status).toBe(403); // organiser, not mvi-admin
    const exported = await world.api('GET', `/privacy/people/${pieter.id}/export`, ingrid);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toBe(
      `attachment; filename="sessiegegevens-${pieter.id}.json"`,
    );
    expect(exported.body.person).toEqual({ userId: pieter.id, displayName: 'Pieter Jansen' });
    expect(exported.body.counts).toEqual({
      registrations: 3,
      attendance: 2,
      feedback: 1,
      teamsImports: 0,
      checkInFailures: 0,
      expertQuestions: 0,
    });
    expect(exported.body.attendance.map((a: any) => [a.session.title, a.status, a.department])).toEqual(
      expect.arrayContaining([
        ['Havendam: lunchlezing', 'present', 'Openbare Ruimte'],
        ['Polderveen: regiosessie', 'present', 'Openbare Ruimte'],
      ]),
    );
    expect(exported.body.feedback).toEqual([
      expect.objectContaining({ rating: 4, comment: 'Graag een vervolg' }),
    ]);
    // Fatma is Rietmond's: Havendam sees only what Havendam organised (nothing), not Polderveen's region session.
    expect((await world.api('GET', `/privacy/people/${fatma.id}/export`, ingrid)).status).toBe(404);
    const audit = (await world.api('GET', '/privacy/audit', ingrid)).body.entries;
    expect(audit[0]).toMatchObject({
      action: 'export',
      subjectId: pieter.id,
      actor: { userId: ingrid.id, displayName: 'Ingrid Bakker' },
      counts: { registrations: 3, attendance: 2, feedback: 1 },
    });
  });

  it('erases a person: registrations gone (the waiting list moves up), attendance and feedback anonymised, the counts kept', async () => {
    const before = await world.api('GET', '/reports/reach?from=2027-01-01&to=2027-01-31', ingrid);
    const erased = await world.api('POST', `/privacy/people/${pieter.id}/erase`, ingrid);
    expect(erased.status).toBe(200);
    expect(erased.body.erased).toEqual({
      registrations: 3,
      attendance: 2,
      feedback: 1,
      teamsImports: 0,
      checkInFailures: 0,
      expertQuestions: 0,
    });

    const after = await world.api('GET', '/reports/reach?from=2027-01-01&to=2027-01-31', ingrid);
    expect(after.body.totals.attendances).toBe(before.body.totals.attendances);
    expect(after.body.totals.uniquePeople).toBe(before.body.totals.uniquePeople - 1);
    expect(after.body.totals.anonymousAttendances).toBe(2);
    expect((await world.api('GET', `/sessions/${s['coming']!.id}`, mohamed)).body.me).toMatchObject({
      registration: 'registered',
    });

    const exportedAgain = await world.api('GET', `/privacy/people/${pieter.id}/export`, ingrid);
    expect(exportedAgain.status).toBe(404);
    const list = await world.api('GET', `/sessions/${s['own']!.id}/attendance`, ingrid);
    expect(JSON.stringify(list.body)).not.toMatch(/Pieter|Graag een vervolg/);
    expect(list.body.counts.present).toBe(2);
    const summary = await world.api('GET', `/sessions/${s['own']!.id}/feedback`, ingrid);
    expect(summary.body).toMatchObject({ count: 1, average: 4, comments: [] });
    const audit = (await world.api('GET', '/privacy/audit', ingrid)).body.entries;
    expect(audit.map((e: any) => e.action)).toEqual(['erase', 'export']);
    expect(audit[0]).toMatchObject({
      subjectId: pieter.id,
      counts: { registrations: 3, attendance: 2, feedback: 1 },
    });
  });
});
