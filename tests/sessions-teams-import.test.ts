/**
 * Importing Teams attendance through Graph (the simulator): the meeting found from its join
 * link, reports and records read page by page, a 429 in the middle honoured, people matched
 * by Entra id with their department from Graph, the unmatched listed, and re-imports (also
 * concurrent) that never add a second record or count time twice.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../scripts/dev/demo-data.js';
import type { SimMeeting } from './support/graph-simulator.js';
import { fatma, ingrid, mohamed, pieter, sanne, useSessionWorld } from './support/sessions.js';

const JOIN_URL =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NTg0%40thread.v2/0?context=%7b%22Tid%22%3a%22x%22%7d';
const STRANGER = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

const meeting: SimMeeting = {
  id: 'MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZi',
  organizerId: ingrid.id,
  joinWebUrl: JOIN_URL,
  reports: [
    {
      id: 'report-1',
      meetingStartDateTime: '2027-03-10T10:58:00Z',
      meetingEndDateTime: '2027-03-10T11:40:00Z',
      records: [
        { id: ingrid.id, displayName: ingrid.displayName, seconds: 2520, role: 'Organizer' },
        { id: pieter.id, displayName: pieter.displayName, seconds: 1800 },
        { id: fatma.id, displayName: fatma.displayName, seconds: 600 },
        { id: null, displayName: 'Gast (extern)', email: 'gast@leverancier.example', seconds: 900 },
        { id: mohamed.id, displayName: mohamed.displayName, seconds: 1200 },
      ],
    },
    {
      // The meeting was ended and restarted: a second report for the same session.
      id: 'report-2',
      meetingStartDateTime: '2027-03-10T11:42:00Z',
      meetingEndDateTime: '2027-03-10T12:00:00Z',
      records: [
        { id: ingrid.id, displayName: ingrid.displayName, seconds: 1080, role: 'Organizer' },
        { id: pieter.id, displayName: pieter.displayName, seconds: 300 },
        { id: STRANGER, displayName: 'Onbekende Collega', seconds: 400 },
      ],
    },
    {
      // Another day of the recurring meeting: not this session.
      id: 'report-old',
      meetingStartDateTime: '2027-02-10T11:00:00Z',
      meetingEndDateTime: '2027-02-10T12:00:00Z',
      records: [{ id: sanne.id, displayName: sanne.displayName, seconds: 3600 }],
    },
  ],
};

const graphUsers = [
  ...DEMO_USERS.map((u) => ({
    id: u.id,
    userPrincipalName: u.upn,
    displayName: u.displayName,
    ...(u.upn.startsWith('pieter') ? { department: 'Beheer Openbare Ruimte' } : {}),
  })),
  { id: STRANGER, userPrincipalName: 'onbekend@elders.example', displayName: 'Onbekende Collega' },
];

describe('importing Teams attendance', () => {
  const world = useSessionWorld({
    start: '2027-03-02T09:30:00Z',
    graph: { users: graphUsers, meetings: [meeting], pageSize: 2, meetingAccessFor: [ingrid.id] },
  });

  const attendanceRows = async (sessionId: string): Promise<{ rowKey: string; record: any }[]> => {
    const rows: { rowKey: string; record: any }[] = [];
    for await (const row of world
      .stack()
      .services.storage.table('SessionAttendance')
      .listEntities<{ data: string }>({
        queryOptions: { filter: `PartitionKey eq 'region-regio-deltakust_${sessionId}'` },
      })) {
      rows.push({ rowKey: row.rowKey!, record: JSON.parse(row.data) });
    }
    return rows.sort((a, b) => a.rowKey.localeCompare(b.rowKey));
  };

  it('imports after the meeting, page by page through a 429, matches registrations and lists who it could not match; re-imports add nothing', async () => {
    const s = await world.plan(ingrid, {
      type: 'knowledge-session',
      title: 'Online kennissessie duurzame ICT',
      start: '2027-03-10T12:00:00+01:00',
      end: '2027-03-10T13:00:00+01:00',
      onlineMeetingUrl: JOIN_URL,
      regionWide: true,
    });
    for (const who of [pieter, fatma, sanne])
      expect((await world.api('POST', `/sessions/${s.id}/registration`, who)).status).toBe(200);

    world.clock.set('2027-03-10T11:30:00Z');
    const early = await world.api('POST', `/sessions/${s.id}/attendance/import`, ingrid);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/pas na afloop/);
    expect((await world.api('POST', `/sessions/${s.id}/attendance/import`, pieter)).status).toBe(403);

    world.clock.set('2027-03-10T12:05:00Z');
    // Throttled in the middle: the first report's pages are read, the second report's records get a 429.
    world.graph().inject({
      method: 'GET',
      path: /attendanceReports\/report-2\/attendanceRecords$/,
      status: 429,
      retryAfterSeconds: 1,
    });
    const imported = await world.api('POST', `/sessions/${s.id}/attendance/import`, ingrid);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ reports: 2, records: 8, matched: 2 });
    expect(imported.body.unmatched).toEqual([
      { displayName: 'Gast (extern)', seconds: 900, member: false },
      { userId: mohamed.id, displayName: 'Mohamed El Amrani', seconds: 1200, member: true },
      { userId: STRANGER, displayName: 'Onbekende Collega', seconds: 400, member: false },
    ]);

    const log = world.graph().requests.filter((r) => !r.batch && r.path.includes('/onlineMeetings'));
    expect(log[0]).toMatchObject({ path: `/users/${ingrid.id}/onlineMeetings`, status: 200 });
    expect(decodeURIComponent(log[0]!.query)).toBe(`$filter=JoinWebUrl eq '${JOIN_URL}'`);
    expect(
      log.some((r) => r.query.includes('$skiptoken=2') && r.path.endsWith('report-1/attendanceRecords')),
    ).toBe(true);
    const throttled = log.findIndex((r) => r.status === 429);
    expect(throttled).toBeGreaterThan(2);
    expect(log[throttled + 1]).toMatchObject({ path: log[throttled]!.path, status: 200 });
    expect(log[throttled + 1]!.at - log[throttled]!.at).toBeGreaterThanOrEqual(990);
    expect(log.every((r) => r.headers['authorization'] === 'Bearer sessions-graph-token')).toBe(true);

    const expectRecords = async () => {
      const rows = await attendanceRows(s.id);
      expect(
        rows.map((r) => [r.rowKey, r.record.status, r.record.teamsSeconds, r.record.department ?? null]),
      ).toEqual(
        [
          [pieter.id, 'present', 2100, 'Beheer Openbare Ruimte'],
          [fatma.id, 'present', 600, 'Sociaal Domein'],
        ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
    };
    await expectRecords();

    const again = await world.api('POST', `/sessions/${s.id}/attendance/import`, ingrid);
    expect(again.body).toMatchObject({ reports: 2, records: 8, matched: 2 });
    const concurrent = await Promise.all(
      [1, 2, 3].map(() => world.api('POST', `/sessions/${s.id}/attendance/import`, ingrid)),
    );
    expect(concurrent.map((c) => c.status)).toEqual([200, 200, 200]);
    await expectRecords();
    // The meeting id found from the link is remembered: later imports go straight to the reports.
    expect((await world.api('GET', `/sessions/${s.id}`, ingrid)).body.teams).toEqual({
      organizerId: ingrid.id,
      meetingId: meeting.id,
    });
    const before = world.graph().requests.length;
    await world.api('POST', `/sessions/${s.id}/attendance/import`, ingrid);
    expect(
      world
        .graph()
        .requests.slice(before)
        .some((r) => r.query.includes('JoinWebUrl')),
    ).toBe(false);

    // Teams stays throttled: nothing changes and the organiser is told to try later.
    world.graph().inject({
      method: 'GET',
      path: /attendanceRecords$/,
      status: 429,
      retryAfterSeconds: 0,
      times: Infinity,
    });
    const busy = await world.api('POST', `/sessions/${s.id}/attendance/import`, ingrid);
    world.graph().clearFaults();
    expect(busy.status).toBe(503);
    expect(busy.body.error.message).toMatch(/Teams is nu niet bereikbaar of te druk; er is niets veranderd/);
    await expectRecords();

    // The organiser adds the colleague who came without registering.
    await world.api('PUT', `/sessions/${s.id}/attendance/${mohamed.id}`, ingrid, { status: 'present' });
    const list = await world.api('GET', `/sessions/${s.id}/attendance`, ingrid);
    expect(
      list.body.people.map((p: any) => [
        p.displayName,
        p.registration,
        p.attendance,
        p.evidence,
        p.teamsMinutes,
      ]),
    ).toEqual([
      ['Fatma Yılmaz', 'registered', 'present', ['teams'], 10],
      ['Mohamed El Amrani', null, 'present', ['organiser'], null],
      ['Pieter Jansen', 'registered', 'present', ['teams'], 35],
      ['Sanne de Vries', 'registered', null, [], null],
    ]);
    expect(list.body.import).toMatchObject({ matched: 2, by: ingrid.id });
  });

  it('says so when the organiser has no application access policy, and when the link is not a meeting of the organiser', async () => {
    world.clock.set('2027-03-02T09:30:00Z');
    const noPolicy = await world.plan(ingrid, {
      type: 'workshop',
      title: 'Workshop zonder toegangsbeleid',
      start: '2027-03-11T12:00:00+01:00',
      end: '2027-03-11T13:00:00+01:00',
      onlineMeetingUrl: JOIN_URL,
      teamsOrganizerId: pieter.id,
    });
    const unknownLink = await world.plan(ingrid, {
      type: 'workshop',
      title: 'Workshop met een andere link',
      start: '2027-03-11T12:00:00+01:00',
      end: '2027-03-11T13:00:00+01:00',
      onlineMeetingUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_ANDERS%40thread.v2/0',
    });
    world.clock.set('2027-03-11T12:30:00Z');
    const forbidden = await world.api('POST', `/sessions/${noPolicy.id}/attendance/import`, ingrid);
    expect(forbidden.status).toBe(503);
    expect(forbidden.body.error.message).toMatch(/toegangsbeleid voor toepassingen/);
    const missing = await world.api('POST', `/sessions/${unknownLink.id}/attendance/import`, ingrid);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/geen Teams-vergadering met deze link/);
  });
});
