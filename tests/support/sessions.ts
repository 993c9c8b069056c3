/**
 * The local stack for the session suites: a clock the tests move, tokens for the demo users,
 * and a small API client. Optionally wired to a Graph simulator.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Clock } from '../../core/src/index.js';
import { DEMO_USERS, type DemoUser } from '../../scripts/dev/demo-data.js';
import { startStack, type Stack } from '../../scripts/dev/stack.js';
import { startGraphSimulator, type GraphSimulator, type GraphSimulatorOptions } from './graph-simulator.js';

export class MovableClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

const user = (prefix: string): DemoUser => DEMO_USERS.find((u) => u.upn.startsWith(prefix))!;
/** mvi-admin + organiser, Havendam (Inkoop). */
export const ingrid = user('ingrid');
/** organiser, Polderveen (Duurzaamheid). */
export const sanne = user('sanne');
/** buyer, Havendam (Inkoop). */
export const mohamed = user('mohamed');
/** employee, Havendam (Openbare Ruimte). */
export const pieter = user('pieter');
/** employee, Rietmond (Sociaal Domein). */
export const fatma = user('fatma');
/** board, Rietmond (Directie). */
export const joris = user('joris');

export const GRAPH_TOKEN = 'sessions-graph-token';

export interface ApiResult {
  status: number;
  body: any;
  headers: Headers;
  text: string;
}

export interface SessionWorld {
  stack(): Stack;
  graph(): GraphSimulator;
  clock: MovableClock;
  api(
    method: string,
    path: string,
    who: DemoUser,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResult>;
  /** Bytes of a download. */
  download(path: string, who: DemoUser): Promise<{ status: number; headers: Headers; bytes: Buffer }>;
  /** Plans a session as `who` (an organiser) and returns the answer. */
  plan(who: DemoUser, session: Record<string, unknown>): Promise<any>;
}

export function useSessionWorld(options: {
  start: string;
  graph?: Partial<GraphSimulatorOptions> & Pick<GraphSimulatorOptions, 'users'>;
  env?: Record<string, string>;
  tab?: boolean;
}): SessionWorld {
  let stack: Stack | undefined;
  let graph: GraphSimulator | undefined;
  const clock = new MovableClock(new Date(options.start));
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    if (options.graph)
      graph = await startGraphSimulator({ token: GRAPH_TOKEN, rates: false, ...options.graph });
    stack = await startStack({
      ports: { blob: 0, queue: 0, table: 0, idp: 0, functions: 0, bot: 0, tab: 0 },
      tab: options.tab ?? false,
      timers: false,
      clock,
      ...(process.env['DEBUG_STACK']
        ? { log: (level: string, message: string) => console.log(`[${level}] ${message}`) }
        : {}),
      env: {
        ...(graph
          ? {
              GRAPH_BASE_URL: graph.url,
              GRAPH_AUTH: 'static',
              GRAPH_STATIC_TOKEN: GRAPH_TOKEN,
              GRAPH_TIMEOUT_MS: '2000',
              GRAPH_MAX_ATTEMPTS: '3',
              GRAPH_RETRY_BASE_MS: '20',
              GRAPH_RETRY_MAX_MS: '5000',
            }
          : {}),
        ...options.env,
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await graph?.close();
  });

  const token = async (who: DemoUser): Promise<string> => {
    let t = tokens.get(who.upn);
    if (!t) {
      t = await stack!.idp.issue(who.upn);
      tokens.set(who.upn, t);
    }
    return t;
  };

  const world: SessionWorld = {
    stack: () => stack!,
    graph: () => graph!,
    clock,
    async api(method, path, who, body, headers = {}) {
      const response = await fetch(`${stack!.urls.api}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await token(who)}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: response.status, body: parsed, headers: response.headers, text };
    },
    async download(path, who) {
      const response = await fetch(`${stack!.urls.api}${path}`, {
        headers: { authorization: `Bearer ${await token(who)}` },
      });
      return {
        status: response.status,
        headers: response.headers,
        bytes: Buffer.from(await response.arrayBuffer()),
      };
    },
    async plan(who, session) {
      const result = await world.api('POST', '/sessions', who, session);
      if (result.status !== 201) throw new Error(`planning failed: ${result.status} ${result.text}`);
      return result.body;
    },
  };
  return world;
}
