/**
 * `npm run bench -- sessions [--people 300] [--capacity 100] [--sessions 200]`: the session
 * stores under load, through the service layer on Azurite (the same code the API runs):
 *   - `people` different people register at once for one session of `capacity` places:
 *     time, places given (must equal the capacity) and waiting-list length;
 *   - 100 concurrent check-ins of one person: time and records (must be 1);
 *   - the reach report and its XLSX over `sessions` past sessions with about 30 attendees each.
 * Prints one JSON line.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { DEMO_REGION_ID, DEMO_TENANT_ID } from '../dev/demo-data.js';
import { startStack } from '../dev/stack.js';
import type { Clock } from '../../core/src/index.js';
import type { SessionActor } from '../../core/src/sessions/index.js';
import { reachXlsx } from '../../functions/src/sessions/reports.js';

class BenchClock implements Clock {
  constructor(public current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
}

const uuid = (n: number): string => `c0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const DEPARTMENTS = [
  'Inkoop',
  'Openbare Ruimte',
  'Sociaal Domein',
  'Financiën',
  'Wonen',
  'Duurzaamheid',
  'ICT',
  'Facilitair',
];

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      people: { type: 'string', default: '300' },
      capacity: { type: 'string', default: '100' },
      sessions: { type: 'string', default: '200' },
    },
  });
  const people = Number(values.people);
  const capacity = Number(values.capacity);
  const sessionCount = Number(values.sessions);
  const clock = new BenchClock(new Date('2026-01-05T08:00:00Z'));
  const stack = await startStack({
    ports: { blob: 0, queue: 0, table: 0, idp: 0, functions: 0, bot: 0, tab: 0 },
    tab: false,
    timers: false,
    seed: true,
    clock,
  });
  try {
    const { services } = stack;
    const sessions = services.sessions;
    const actor = (n: number, roles: SessionActor['roles'] = ['employee']): SessionActor => ({
      userId: uuid(n),
      tenantId: DEMO_TENANT_ID,
      municipalityId: 'havendam',
      displayName: `Medewerker ${n}`,
      department: DEPARTMENTS[n % DEPARTMENTS.length],
      roles,
    });
    await Promise.all(
      Array.from({ length: people }, (_, i) =>
        services.repos.members.upsert({
          tenantId: DEMO_TENANT_ID,
          userId: uuid(i + 1),
          municipalityId: 'havendam',
          displayName: `Medewerker ${i + 1}`,
          department: DEPARTMENTS[(i + 1) % DEPARTMENTS.length],
        }),
      ),
    );
    const organiser = actor(0, ['organiser', 'mvi-admin']);

    // 1. A rush of registrations for one session.
    const { view: rush } = await sessions.service.create(organiser, {
      type: 'lunch-lecture',
      title: 'Drukke lunchlezing',
      description: '',
      themes: [],
      start: '2026-01-20T12:00:00+01:00',
      end: '2026-01-20T13:00:00+01:00',
      location: 'Zaal 1',
      capacity,
      regionWide: false,
      requiresApproval: false,
      organiserIds: [],
    });
    let t = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: people }, (_, i) => sessions.service.register(actor(i + 1), rush.id)),
    );
    const registerSeconds = (performance.now() - t) / 1000;
    const given = outcomes.filter((o) => o.me.registration === 'registered').length;
    const waiting = outcomes.filter((o) => o.me.registration === 'waitlisted').length;

    // 2. One person checks in 100 times at once.
    clock.current = new Date('2026-01-20T11:05:00Z');
    t = performance.now();
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        sessions.service.checkIn(actor(1), rush.id, { via: i % 2 ? 'tab' : 'bot' }),
      ),
    );
    const checkInSeconds = (performance.now() - t) / 1000;
    const records = (await sessions.deps.attendance.list(`havendam_${rush.id}`)).filter(
      (r) => r.userId === uuid(1),
    ).length;

    // 3. The reach over many past sessions (attendance written straight to the store).
    clock.current = new Date('2026-01-06T08:00:00Z');
    for (let s = 0; s < sessionCount; s++) {
      const day = new Date(Date.UTC(2026, 0, 7 + Math.floor(s * 1.5)));
      const start = `${day.toISOString().slice(0, 10)}T11:00:00Z`;
      clock.current = new Date(day.getTime() - 24 * 3600 * 1000);
      const { view } = await sessions.service.create(organiser, {
        type: 'knowledge-session',
        title: `Sessie ${s + 1}`,
        description: '',
        themes: [],
        start,
        end: `${day.toISOString().slice(0, 10)}T12:00:00Z`,
        location: 'Zaal',
        regionWide: s % 4 === 0,
        requiresApproval: false,
        organiserIds: [],
      });
      const key = `${view.regionWide ? `region-${DEMO_REGION_ID}` : 'havendam'}_${view.id}`;
      await Promise.all(
        Array.from({ length: 30 }, (_, k) => {
          const n = ((s * 17 + k * 7) % people) + 1;
          return sessions.deps.attendance.change(key, uuid(n), () => ({
            sessionId: view.id,
            userId: uuid(n),
            displayName: `Medewerker ${n}`,
            department: DEPARTMENTS[n % DEPARTMENTS.length],
            municipalityId: 'havendam',
            status: 'present',
            codeAt: start,
            sessionStart: start,
            updatedAt: start,
            anonymised: false,
          }));
        }),
      );
    }
    clock.current = new Date('2027-01-31T12:00:00Z');
    t = performance.now();
    const report = await sessions.reach(organiser, '2026-01-01', '2027-01-31');
    const reachSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const xlsx = await reachXlsx(report, 'nl');
    const xlsxSeconds = (performance.now() - t) / 1000;

    console.log(
      JSON.stringify({
        people,
        capacity,
        registered: given,
        waitlisted: waiting,
        registerSeconds: Number(registerSeconds.toFixed(2)),
        checkIns: 100,
        checkInRecords: records,
        checkInSeconds: Number(checkInSeconds.toFixed(2)),
        reachSessions: report.totals.sessions,
        reachAttendances: report.totals.attendances,
        reachUniquePeople: report.totals.uniquePeople,
        reachSeconds: Number(reachSeconds.toFixed(2)),
        xlsxBytes: xlsx.byteLength,
        xlsxSeconds: Number(xlsxSeconds.toFixed(2)),
      }),
    );
  } finally {
    await stack.stop();
  }
}
