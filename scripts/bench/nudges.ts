/**
 * `npm run bench -- nudges [--count 10000] [--managers 500] [--seed 42]`: tenders for
 * `count` (tender, stage) nudges through the real pipeline (timer → Azure Storage queue →
 * queue worker → Graph) against the Graph simulator, which throttles as Graph does (5
 * single notifications/s, 2 bulk requests/s per app per tenant) and fails 10 % of requests
 * with 429 and 2 % with 503 on top. Prints one JSON line:
 *   {"nudges","delivered","duplicates","lost","graphRequests","seconds","allowedRatePerSecond"}
 *
 * allowedRatePerSecond is what Graph's limits allow for this workload with the strategy the
 * backend uses: every nudge is about one tender (its own title, deep link and chainId), so
 * no two recipients share one notification and the bulk endpoint (100 recipients per
 * request) does not apply; single notifications, several per JSON batch, are limited to 5/s.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { DEMO_TENANT_ID } from '../dev/demo-data.js';
import { startStack } from '../dev/stack.js';
import { tender as tenderSchema, type Tender } from '../../core/src/index.js';
import { startGraphSimulator, type SimUser } from '../../tests/support/graph-simulator.js';

const TOKEN = 'bench-graph-token';
const MUNICIPALITY = 'benchstad';
const KICKOFF = '2027-06-30';
/** When each stage of a 30 June kickoff is due (10:00 in Amsterdam): prepare 31 May, criteria 16 June, kickoff 25 June. */
const STAGE_TIMES = ['2027-05-31T08:00:00Z', '2027-06-16T08:00:00Z', '2027-06-25T08:00:00Z'];
/** A working morning before any stage is due. */
const PLANNED_AT = '2027-05-25T08:00:00Z';

const uuid = (n: number): string => {
  const hex = n.toString(16).padStart(12, '0');
  return `b0000000-0000-4000-8000-${hex}`;
};

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      count: { type: 'string', default: '10000' },
      managers: { type: 'string', default: '500' },
      seed: { type: 'string', default: '42' },
    },
  });
  const tenders = Math.ceil(Number(values.count) / 3);
  const managers = Math.max(1, Math.min(Number(values.managers), tenders));
  const users: SimUser[] = Array.from({ length: managers }, (_, i) => ({
    id: uuid(i + 1),
    userPrincipalName: `manager${i + 1}@benchstad.example`,
    displayName: `Manager ${i + 1}`,
  }));
  const graph = await startGraphSimulator({
    token: TOKEN,
    users,
    rates: { single: 5, bulk: 2 },
    random: { p429: 0.1, p503: 0.02, retryAfterSeconds: 1, seed: Number(values.seed) },
  });
  let now = new Date(PLANNED_AT);
  const stack = await startStack({
    ports: { blob: 0, queue: 0, table: 0, idp: 0, functions: 0, bot: 0, tab: 0 },
    tab: false,
    timers: false,
    seed: false,
    clock: { now: () => new Date(now) },
    env: {
      GRAPH_BASE_URL: graph.url,
      GRAPH_AUTH: 'static',
      GRAPH_STATIC_TOKEN: TOKEN,
      GRAPH_RATE_SINGLE_PER_SECOND: '5',
      GRAPH_RATE_BULK_PER_SECOND: '2',
    },
  });
  const { nudges } = stack.services;
  try {
    await stack.services.repos.municipalities.upsert({
      id: MUNICIPALITY,
      name: 'Gemeente Benchstad',
      regionId: 'regio-bench',
      tenantId: DEMO_TENANT_ID,
    });
    const all: Tender[] = Array.from({ length: tenders }, (_, i) =>
      tenderSchema.parse({
        municipalityId: MUNICIPALITY,
        reference: `B-${String(i + 1).padStart(6, '0')}`,
        title: `Aanbesteding ${i + 1}`,
        cpv: ['90910000'],
        commissioningManager: {
          userId: users[i % managers]!.id,
          upn: users[i % managers]!.userPrincipalName,
          displayName: users[i % managers]!.displayName,
        },
        kickoffDate: KICKOFF,
      }),
    );
    await nudges.tenders.upsertAll(MUNICIPALITY, all);
    const total = tenders * 3;
    console.error(
      `bench: ${tenders} tenders, ${total} nudges to ${managers} managers; Graph throttles at 5/s (single) and 2/s (bulk), 10 % 429, 2 % 503`,
    );

    // Plan first, as an import or the API does when tenders arrive (not part of the measurement).
    now = new Date(PLANNED_AT);
    const planned = await nudges.runTimer();
    console.error(`bench: planned ${planned.planned} nudges`);

    // Stage by stage, as the calendar would: the business clock moves to the next stage's day
    // once the previous stage is out (moving it while deliveries are in flight would make their
    // leases look expired, which is not what happens on a real clock).
    const started = performance.now();
    const unique = (): number => new Set(graph.notifications.map((n) => `${n.userId}|${n.chainId}`)).size;
    const queue = stack.services.storage.queue('nudges');
    let last = started;
    let lastSeen = 0;
    let lastReport = started;
    for (const [stage, at] of STAGE_TIMES.entries()) {
      now = new Date(at);
      const report = await nudges.runTimer();
      console.error(`bench: timer at ${at}: queued ${report.queued}`);
      const target = tenders * (stage + 1);
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        const seen = unique();
        if (seen !== lastSeen) {
          lastSeen = seen;
          last = performance.now();
        }
        if (performance.now() - lastReport > 10_000) {
          lastReport = performance.now();
          const elapsed = (last - started) / 1000;
          console.error(
            `bench: ${seen}/${total} delivered after ${elapsed.toFixed(0)} s (${(seen / elapsed).toFixed(2)}/s)`,
          );
        }
        if (seen >= target) break;
        // Nothing left to deliver and nothing arriving for a minute: the rest is lost.
        if (
          performance.now() - last > 60_000 &&
          ((await queue.getProperties()).approximateMessagesCount ?? 0) === 0
        )
          break;
      }
    }
    const seconds = (last - started) / 1000;
    const records = await nudges.store.listForMunicipality(MUNICIPALITY);
    const delivered = records.filter((r) => r.value.status === 'delivered').length;
    const graphRequests = graph.requests.filter((r) => r.path !== '/$batch').length;
    const statuses = graph.requests
      .filter((r) => r.path.endsWith('/sendActivityNotification'))
      .reduce<Record<string, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {});
    console.error(
      `bench: ${graph.requests.filter((r) => r.path === '/$batch').length} JSON batches; notification answers ${JSON.stringify(statuses)}; sender ${JSON.stringify(nudges.feed?.stats)}; ${(delivered / seconds).toFixed(2)} delivered/s`,
    );
    console.log(
      JSON.stringify({
        nudges: total,
        delivered,
        duplicates: graph.notifications.length - unique(),
        lost: total - delivered,
        graphRequests,
        seconds: Number(seconds.toFixed(1)),
        allowedRatePerSecond: 5,
      }),
    );
  } finally {
    await stack.stop();
    await graph.close();
  }
}
