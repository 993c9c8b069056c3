/**
 * `npm run bench -- nudges [--count 10000] [--managers 500] [--seed 42] [--instances 1]
 * [--p429 0.1] [--p503 0.02]`: tenders for `count` (tender, stage) nudges through the real
 * pipeline (timer → Azure Storage queue → queue workers → Graph) against the Graph simulator,
 * which throttles as Graph does (5 single notifications/s, 2 bulk requests/s per app per
 * tenant) and fails a share of requests with 429 (Retry-After 1 s) and 503 on top. The queue
 * workers are `instances` child processes (scripts/bench/nudge-worker.ts), each a backend
 * instance of its own, sharing the storage account (and so the pace) and the simulator; this
 * process runs the timer. Prints one JSON line:
 *   {"nudges","delivered","lost","duplicates","instances","maxRequestsInOneSecond",
 *    "limitPerSecond","overLimit429","graphRequests","seconds","busySeconds",
 *    "deliveredPerSecond","deliveryRateOfLimitPct", ...}
 * maxRequestsInOneSecond: the most notification requests Graph received within any one
 * second (sliding). busySeconds: from each stage's first notification request to its last
 * delivery (the timer's own runs left out); the delivery rate is counted over them.
 *
 * allowedRatePerSecond is what Graph's limits allow for this workload with the strategy the
 * backend uses: every nudge is about one tender (its own title, deep link and chainId), so
 * no two recipients share one notification and the bulk endpoint (100 recipients per
 * request) does not apply; single notifications, several per JSON batch, are limited to 5/s.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { DEMO_TENANT_ID } from '../dev/demo-data.js';
import { startStack } from '../dev/stack.js';
import { tender as tenderSchema, type Tender } from '../../core/src/index.js';
import { startGraphSimulator, type SimUser } from '../../tests/support/graph-simulator.js';
import type { WorkerCommand, WorkerReply } from './nudge-worker.js';

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

interface Worker {
  ask<T extends WorkerReply['type']>(
    command: WorkerCommand,
    reply: T,
  ): Promise<Extract<WorkerReply, { type: T }>>;
  stop(): Promise<void>;
}

/** Starts one backend instance as a child process and waits until its queue worker runs. */
async function startWorker(env: Record<string, string>): Promise<Worker> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./nudge-worker.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<string, ((reply: WorkerReply) => void)[]>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', (reply: WorkerReply) => waiting.get(reply.type)?.shift()?.(reply));
  const next = <T extends WorkerReply['type']>(type: T): Promise<Extract<WorkerReply, { type: T }>> =>
    new Promise((resolve, reject) => {
      waiting.set(type, [
        ...(waiting.get(type) ?? []),
        (reply) => resolve(reply as Extract<WorkerReply, { type: T }>),
      ]);
      void exited.then(() => reject(new Error(`bench worker ${child.pid} stopped`)));
    });
  await next('ready');
  return {
    ask(command, reply) {
      const answer = next(reply);
      child.send(command);
      return answer;
    },
    async stop() {
      if (child.exitCode === null) child.send({ type: 'stop' } satisfies WorkerCommand);
      await exited;
    },
  };
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      count: { type: 'string', default: '10000' },
      managers: { type: 'string', default: '500' },
      seed: { type: 'string', default: '42' },
      instances: { type: 'string', default: '1' },
      p429: { type: 'string', default: '0.1' },
      p503: { type: 'string', default: '0.02' },
    },
  });
  const instances = Math.max(1, Number(values.instances));
  const faults = { p429: Number(values.p429), p503: Number(values.p503) };
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
    random: { ...faults, retryAfterSeconds: 1, seed: Number(values.seed) },
  });
  let now = new Date(PLANNED_AT);
  const stack = await startStack({
    ports: { blob: 0, queue: 0, table: 0, idp: 0, functions: 0, bot: 0, tab: 0 },
    tab: false,
    timers: false,
    seed: false,
    // The backend's queue workers run in the child processes; this process runs the timer.
    backend: 'external',
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
  const workers: Worker[] = [];
  const setClock = async (at: string): Promise<void> => {
    now = new Date(at);
    await Promise.all(workers.map((w) => w.ask({ type: 'clock', now: at }, 'clock')));
  };
  try {
    workers.push(
      ...(await Promise.all(
        Array.from({ length: instances }, () =>
          startWorker({ ...stack.backendSettings, BENCH_NOW: PLANNED_AT }),
        ),
      )),
    );
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
      `bench: ${tenders} tenders, ${total} nudges to ${managers} managers, ${instances} worker process(es); Graph throttles at 5/s (single) and 2/s (bulk), ${faults.p429 * 100} % 429, ${faults.p503 * 100} % 503`,
    );

    // Plan first, as an import or the API does when tenders arrive (not part of the measurement).
    await setClock(PLANNED_AT);
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
    let busy = 0;
    const isNotification = (r: { path: string }): boolean => r.path.endsWith('/sendActivityNotification');
    for (const [stage, at] of STAGE_TIMES.entries()) {
      await setClock(at);
      const before = graph.requests.length;
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
        if (seen >= target) {
          const first = graph.requests.slice(before).find(isNotification)?.at ?? last;
          busy += (graph.notifications.at(-1)?.at ?? last) - first;
          break;
        }
        // Nothing left to deliver and nothing arriving for a minute: the rest is lost.
        if (
          performance.now() - last > 60_000 &&
          ((await queue.getProperties()).approximateMessagesCount ?? 0) === 0
        )
          break;
      }
    }
    const seconds = (last - started) / 1000;
    const busySeconds = busy / 1000;
    const senders = await Promise.all(workers.map((w) => w.ask({ type: 'stats' }, 'stats')));
    const records = await nudges.store.listForMunicipality(MUNICIPALITY);
    const delivered = records.filter((r) => r.value.status === 'delivered').length;
    const graphRequests = graph.requests.filter((r) => r.path !== '/$batch').length;
    const statuses = graph.requests
      .filter((r) => r.path.endsWith('/sendActivityNotification'))
      .reduce<Record<string, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {});
    console.error(
      `bench: ${graph.requests.filter((r) => r.path === '/$batch').length} JSON batches; notification answers ${JSON.stringify(statuses)}; senders ${senders.map((s) => JSON.stringify(s.stats)).join(' ')}; warnings logged ${senders.map((s) => s.warnings).join(', ')}`,
    );
    const perSecond = delivered / busySeconds;
    console.log(
      JSON.stringify({
        nudges: total,
        delivered,
        lost: total - delivered,
        duplicates: graph.notifications.length - unique(),
        instances,
        maxRequestsInOneSecond: graph.maxPerSecond(isNotification),
        limitPerSecond: 5,
        overLimit429: graph.overLimit.single,
        graphRequests,
        seconds: Number(seconds.toFixed(1)),
        busySeconds: Number(busySeconds.toFixed(1)),
        deliveredPerSecond: Number(perSecond.toFixed(2)),
        deliveryRateOfLimitPct: Number(((perSecond / 5) * 100).toFixed(1)),
        faults,
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await stack.stop();
    await graph.close();
  }
}
