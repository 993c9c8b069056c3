/**
 * Azure Storage clients (Tables and Queues) from one connection string. The same code runs
 * against Azurite locally and against an Azure Storage account in production.
 *
 * Requests wait for storage briefly (a few quick retries, not the SDKs' default seconds), so
 * a caller hears of an outage at once (503, see `isStorageUnavailable`). A table or queue that
 * is missing (a storage account emptied, an in-memory Azurite restarted) is created again on
 * first use and the request made once more, so the app recovers without a restart.
 */
import { TableClient, TableServiceClient, RestError } from '@azure/data-tables';
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import { isQueueMissing, isTableMissing } from './errors.js';

export const TABLES = {
  municipalities: 'Municipalities',
  members: 'Members',
  tenders: 'Tenders',
  sessions: 'Sessions',
  conversations: 'Conversations',
  conversationMemory: 'ConversationMemory',
  expertQuestions: 'ExpertQuestions',
  expertChannels: 'ExpertChannels',
  teamInstallations: 'TeamInstallations',
  advice: 'Advice',
  feedback: 'Feedback',
  toolboxItems: 'ToolboxItems',
  toolboxItemVersions: 'ToolboxItemVersions',
  nudges: 'Nudges',
  nudgeSettings: 'NudgeSettings',
  sessionRegistrations: 'SessionRegistrations',
  sessionAttendance: 'SessionAttendance',
  sessionFeedback: 'SessionFeedback',
  sessionImports: 'SessionImports',
  sessionCodes: 'SessionCodes',
  sessionSettings: 'SessionSettings',
  sessionCheckInAttempts: 'SessionCheckInAttempts',
  privacyAudit: 'PrivacyAudit',
  idempotency: 'Idempotency',
  neighbourRecords: 'NeighbourRecords',
  neighbourSharing: 'NeighbourSharing',
  graphPace: 'GraphPace',
  ambitionWebs: 'AmbitionWebs',
  ambitionTemplates: 'AmbitionTemplates',
} as const;

export const QUEUES = {
  nudges: 'nudges',
} as const;

export interface Storage {
  table(name: string): TableClient;
  queue(name: string): QueueClient;
  readonly tableService: TableServiceClient;
  readonly queueService: QueueServiceClient;
}

function isHttp(connectionString: string): boolean {
  return /UseDevelopmentStorage=true/i.test(connectionString) || /Endpoint=http:\/\//i.test(connectionString);
}

/** Retries of the storage SDKs: a refused connection is known within about a second. */
const TABLE_RETRY = { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1000 };
const QUEUE_RETRY = { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 1000, tryTimeoutInMs: 10_000 };

/** Table operations that fail on a missing table and are made again once it exists. */
const TABLE_CALLS = new Set([
  'getEntity',
  'createEntity',
  'upsertEntity',
  'updateEntity',
  'deleteEntity',
  'submitTransaction',
]);
/** Queue operations likewise (receiving from, sending to and asking about a queue). */
const QUEUE_CALLS = new Set(['sendMessage', 'receiveMessages', 'peekMessages', 'getProperties']);

type Fn = (...args: unknown[]) => unknown;

/**
 * The client, with the calls in `calls` made once more after `recreate` when `missing` says
 * the table or queue is gone; listing a missing table lists an empty one.
 */
function recreating<T extends object>(
  client: T,
  calls: ReadonlySet<string>,
  missing: (error: unknown) => boolean,
  recreate: () => Promise<void>,
): T {
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      const fn = value as Fn;
      if (prop === 'listEntities') {
        return (...args: unknown[]) =>
          (async function* list() {
            try {
              yield* fn.apply(target, args) as AsyncIterable<unknown>;
            } catch (error) {
              if (!missing(error)) throw error;
              await recreate();
            }
          })();
      }
      if (!calls.has(prop)) return fn.bind(target);
      return async (...args: unknown[]) => {
        try {
          return await fn.apply(target, args);
        } catch (error) {
          if (!missing(error)) throw error;
          await recreate();
          return await fn.apply(target, args);
        }
      };
    },
  });
}

/** Runs `create` once at a time; callers that arrive meanwhile wait for the same run. */
function singleFlight(create: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () =>
    (running ??= create().finally(() => {
      running = undefined;
    }));
}

export function createStorage(
  connectionString: string,
  log: (message: string) => void = (message) => console.warn(message),
): Storage {
  const allowInsecureConnection = isHttp(connectionString);
  const tableService = TableServiceClient.fromConnectionString(connectionString, {
    allowInsecureConnection,
    retryOptions: TABLE_RETRY,
  });
  const queueService = QueueServiceClient.fromConnectionString(connectionString, {
    retryOptions: QUEUE_RETRY,
  });
  const tables = new Map<string, TableClient>();
  const queues = new Map<string, QueueClient>();
  return {
    tableService,
    queueService,
    table(name) {
      let client = tables.get(name);
      if (!client) {
        const plain = TableClient.fromConnectionString(connectionString, name, {
          allowInsecureConnection,
          retryOptions: TABLE_RETRY,
        });
        client = recreating(
          plain,
          TABLE_CALLS,
          isTableMissing,
          singleFlight(async () => {
            await createTableIfMissing(plain);
            log(`storage: table ${name} was missing (storage emptied?); created it again`);
          }),
        );
        tables.set(name, client);
      }
      return client;
    },
    queue(name) {
      let client = queues.get(name);
      if (!client) {
        const plain = queueService.getQueueClient(name);
        client = recreating(
          plain,
          QUEUE_CALLS,
          isQueueMissing,
          singleFlight(async () => {
            await plain.createIfNotExists();
            log(`storage: queue ${name} was missing (storage emptied?); created it again`);
          }),
        );
        queues.set(name, client);
      }
      return client;
    },
  };
}

async function createTableIfMissing(client: TableClient): Promise<void> {
  try {
    await client.createTable();
  } catch (error) {
    if (!(error instanceof RestError && error.statusCode === 409)) throw error;
  }
}

/** Creates every table and queue the app uses; safe to call on every start. */
export async function ensureStorage(storage: Storage): Promise<void> {
  await Promise.all([
    ...Object.values(TABLES).map((name) => createTableIfMissing(storage.table(name))),
    ...Object.values(QUEUES).flatMap((name) => [
      storage.queue(name).createIfNotExists(),
      storage.queue(`${name}-poison`).createIfNotExists(),
    ]),
  ]);
}

export interface StorageHealth {
  tables: 'ok' | 'unreachable';
  queues: 'ok' | 'unreachable';
}

/** Asks both services for their properties, with a short timeout. */
export async function checkStorage(storage: Storage, timeoutMs = 2000): Promise<StorageHealth> {
  const probe = async (fn: (signal: AbortSignal) => Promise<unknown>): Promise<'ok' | 'unreachable'> => {
    try {
      await fn(AbortSignal.timeout(timeoutMs));
      return 'ok';
    } catch {
      return 'unreachable';
    }
  };
  const [tables, queues] = await Promise.all([
    probe((abortSignal) => storage.tableService.getProperties({ abortSignal })),
    probe((abortSignal) => storage.queueService.getProperties({ abortSignal })),
  ]);
  return { tables, queues };
}
