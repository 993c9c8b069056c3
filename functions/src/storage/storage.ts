/**
 * Azure Storage clients (Tables and Queues) from one connection string. The same code runs
 * against Azurite locally and against an Azure Storage account in production.
 */
import { TableClient, TableServiceClient, RestError } from '@azure/data-tables';
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';

export const TABLES = {
  municipalities: 'Municipalities',
  members: 'Members',
  tenders: 'Tenders',
  sessions: 'Sessions',
  conversations: 'Conversations',
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

export function createStorage(connectionString: string): Storage {
  const allowInsecureConnection = isHttp(connectionString);
  const tableService = TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection });
  const queueService = QueueServiceClient.fromConnectionString(connectionString);
  const tables = new Map<string, TableClient>();
  return {
    tableService,
    queueService,
    table(name) {
      let client = tables.get(name);
      if (!client) {
        client = TableClient.fromConnectionString(connectionString, name, { allowInsecureConnection });
        tables.set(name, client);
      }
      return client;
    },
    queue(name) {
      return queueService.getQueueClient(name);
    },
  };
}

/** Creates every table and queue the app uses; safe to call on every start. */
export async function ensureStorage(storage: Storage): Promise<void> {
  await Promise.all([
    ...Object.values(TABLES).map(async (name) => {
      try {
        await storage.table(name).createTable();
      } catch (error) {
        if (!(error instanceof RestError && error.statusCode === 409)) throw error;
      }
    }),
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
