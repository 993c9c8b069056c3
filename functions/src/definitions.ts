/**
 * One table of function definitions, read both by the Azure Functions registration
 * (index.ts) and by the local host (local-host.ts), so routes, schedules and queue bindings
 * are written once.
 */
import type { HttpHandler, HttpMethod, StorageQueueHandler, TimerHandler } from '@azure/functions';

export interface HttpFunctionDefinition {
  kind: 'http';
  name: string;
  route: string;
  methods: HttpMethod[];
  /** Functions-level key check; user authentication is always done in code as well. */
  authLevel: 'anonymous' | 'function' | 'admin';
  handler: HttpHandler;
}

export interface TimerFunctionDefinition {
  kind: 'timer';
  name: string;
  /** NCRONTAB with seconds, as the Functions host expects (e.g. "0 *\/5 * * * *"). */
  schedule: string;
  handler: TimerHandler;
}

export interface QueueFunctionDefinition {
  kind: 'queue';
  name: string;
  queueName: string;
  /** App setting holding the storage connection string. */
  connection: 'AzureWebJobsStorage';
  handler: StorageQueueHandler;
}

export type FunctionDefinition = HttpFunctionDefinition | TimerFunctionDefinition | QueueFunctionDefinition;
