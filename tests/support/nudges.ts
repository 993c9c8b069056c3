/**
 * The local stack wired to a Graph simulator, with a clock the tests move, for the nudge and
 * tender suites.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { Clock } from '../../core/src/index.js';
import type { NudgeRecord, NudgeStage } from '../../core/src/nudges/index.js';
import { DEMO_USERS } from '../../scripts/dev/demo-data.js';
import { startStack, type Stack } from '../../scripts/dev/stack.js';
import {
  startGraphSimulator,
  type GraphSimulator,
  type GraphSimulatorOptions,
  type SimUser,
} from './graph-simulator.js';

export const GRAPH_TOKEN = 'simulated-graph-token';

export class TestClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

/** People in the simulated directory: the demo users and a few who are only in Entra ID. */
export const DIRECTORY: SimUser[] = [
  ...DEMO_USERS.map((u) => ({ id: u.id, userPrincipalName: u.upn, displayName: u.displayName })),
  {
    id: '6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b07',
    userPrincipalName: 'karin.smit@polderveen.example',
    displayName: 'Karin Smit',
  },
  {
    id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c18',
    userPrincipalName: 'eva.dekker@havendam.example',
    displayName: 'Eva Dekker',
  },
  {
    id: '8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d29',
    userPrincipalName: 'sem.bos@havendam.example',
    displayName: 'Sem Bos',
  },
];

export interface NudgeWorld {
  stack(): Stack;
  graph(): GraphSimulator;
  clock: TestClock;
  token(upn: string, roles?: string[]): Promise<string>;
  api(
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; headers: Headers }>;
  nudges(reference: string, municipalityId?: string): Promise<NudgeRecord[]>;
  nudge(reference: string, stage: NudgeStage, municipalityId?: string): Promise<NudgeRecord | undefined>;
  /** Waits until the nudges queue is empty (every message handled or moved to poison). */
  queueDrained(): Promise<void>;
  poisonCount(): Promise<number>;
}

export function useNudgeWorld(
  options: { env?: Record<string, string>; graph?: Partial<GraphSimulatorOptions>; start?: string } = {},
): NudgeWorld {
  let stack: Stack | undefined;
  let graph: GraphSimulator | undefined;
  // Tuesday 2 March 2027, 10:30 in Amsterdam: inside office hours.
  const clock = new TestClock(new Date(options.start ?? '2027-03-02T09:30:00Z'));

  beforeAll(async () => {
    graph = await startGraphSimulator({
      token: GRAPH_TOKEN,
      users: DIRECTORY,
      rates: false,
      ...options.graph,
    });
    stack = await startStack({
      ports: { blob: 0, queue: 0, table: 0, idp: 0, functions: 0, bot: 0, tab: 0 },
      tab: false,
      timers: false,
      clock,
      env: {
        GRAPH_BASE_URL: graph.url,
        GRAPH_AUTH: 'static',
        GRAPH_STATIC_TOKEN: GRAPH_TOKEN,
        GRAPH_TIMEOUT_MS: '500',
        GRAPH_MAX_ATTEMPTS: '3',
        GRAPH_RETRY_BASE_MS: '20',
        GRAPH_RETRY_MAX_MS: '5000',
        GRAPH_RATE_SINGLE_PER_SECOND: '100',
        GRAPH_RATE_BULK_PER_SECOND: '100',
        ...options.env,
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await graph?.close();
  });

  const world: NudgeWorld = {
    stack: () => stack!,
    graph: () => graph!,
    clock,
    token: (upn, roles) => stack!.idp.issue(upn, roles ? { roles: roles as never } : {}),
    async api(method, path, token, body, headers = {}) {
      const response = await fetch(`${stack!.urls.api}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined
            ? {}
            : { 'content-type': typeof body === 'string' ? 'text/csv' : 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: text ? JSON.parse(text) : undefined,
        headers: response.headers,
      };
    },
    async nudges(reference, municipalityId = 'havendam') {
      return (await stack!.services.nudges.store.listForTender(municipalityId, reference)).map(
        (v) => v.value,
      );
    },
    async nudge(reference, stage, municipalityId = 'havendam') {
      return (await world.nudges(reference, municipalityId)).find((n) => n.stage === stage);
    },
    async queueDrained() {
      const queue = stack!.services.storage.queue('nudges');
      await expect
        .poll(async () => (await queue.getProperties()).approximateMessagesCount, {
          timeout: 20_000,
          interval: 50,
        })
        .toBe(0);
    },
    async poisonCount() {
      return (
        (await stack!.services.storage.queue('nudges-poison').getProperties()).approximateMessagesCount ?? 0
      );
    },
  };
  return world;
}
