/**
 * One backend instance for `npm run bench -- nudges --instances N`: a child process with its
 * own services (Graph client, activity feed, pacing) and the local host's queue worker for
 * the nudges queue, on the storage account and Graph (simulator) of the parent. The parent
 * moves the business clock over IPC and asks for the sender's figures at the end.
 */
import type { Clock } from '../../core/src/index.js';
import { loadBackendConfig } from '../../functions/src/config.js';
import { startLocalHost } from '../../functions/src/local-host.js';
import { buildFunctions } from '../../functions/src/registry.js';
import { createServices } from '../../functions/src/services.js';

export type WorkerCommand = { type: 'clock'; now: string } | { type: 'stats' } | { type: 'stop' };
export type WorkerReply =
  { type: 'ready' } | { type: 'clock' } | { type: 'stats'; stats: unknown; warnings: number };

const send = (reply: WorkerReply): void => {
  process.send?.(reply);
};

let now = new Date(process.env['BENCH_NOW'] ?? Date.now());
const clock: Clock = { now: () => new Date(now) };
const services = createServices(loadBackendConfig(process.env), clock);
await services.ready();
let warnings = 0;
const host = await startLocalHost({
  functions: buildFunctions(() => services).filter((f) => f.kind === 'queue'),
  listeners: [],
  queue: (name) => services.storage.queue(name),
  timers: false,
  log: (level, message) => {
    if (level === 'warn') warnings++;
    if (level === 'error') console.error(`worker ${process.pid}: ${message}`);
  },
});

process.on('message', (command: WorkerCommand) => {
  switch (command.type) {
    case 'clock':
      now = new Date(command.now);
      send({ type: 'clock' });
      return;
    case 'stats':
      send({ type: 'stats', stats: services.nudges.feed?.stats, warnings });
      return;
    case 'stop':
      void host.close().finally(() => process.exit(0));
      return;
  }
});
send({ type: 'ready' });
