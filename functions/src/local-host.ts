/**
 * A small local host for the same function definitions the Azure Functions host runs:
 * HTTP routes under /api, NCRONTAB timers and storage-queue triggers with the host's
 * dequeue-count and poison-queue behaviour. Used by `npm start` and the tests when Azure
 * Functions Core Tools are not installed (they need a download this machine cannot make).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import azureFunctions, { type HttpResponseInit, type Timer } from '@azure/functions';
import { Cron } from 'croner';
import type { QueueClient } from '@azure/storage-queue';
import { ensureError } from '../../core/src/index.js';
// @azure/functions is CommonJS: its classes come through the default export under ESM.
const { HttpRequest, InvocationContext } = azureFunctions;

import type {
  FunctionDefinition,
  HttpFunctionDefinition,
  QueueFunctionDefinition,
  TimerFunctionDefinition,
} from './definitions.js';

export interface ListenerOptions {
  host: string;
  port: number;
  /** Only these function names are served on this listener (default: all HTTP functions). */
  only?: readonly string[];
}

export interface LocalHostOptions {
  functions: readonly FunctionDefinition[];
  listeners: readonly ListenerOptions[];
  /** Queue client for a queue name; without it queue triggers do not run. */
  queue?: (name: string) => QueueClient;
  /** Timers off in tests that drive handlers themselves. */
  timers?: boolean;
  maxDequeueCount?: number;
  /** Seconds a failed message stays invisible before the next attempt. */
  retryVisibilitySeconds?: number;
  maxPollIntervalMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export interface LocalHost {
  readonly urls: readonly string[];
  /** Runs a timer function once now, as the host would on schedule. */
  runTimer(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Headers of one connection, not of the request a handler sees. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

interface CompiledRoute {
  fn: HttpFunctionDefinition;
  pattern: RegExp;
  names: string[];
}

/** Compiles a Functions route template (`tenders/{reference}`, `{id?}`, `{id:int}`). */
export function compileRoute(fn: HttpFunctionDefinition): CompiledRoute {
  const names: string[] = [];
  const body = fn.route
    .split('/')
    .map((segment) => {
      const m = /^\{([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?(\?)?\}$/.exec(segment);
      if (!m?.[1]) return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
      names.push(m[1]);
      return m[2] ? '(?:/([^/]+))?' : '/([^/]+)';
    })
    .join('');
  return { fn, pattern: new RegExp(`^/api${body}/?$`, 'i'), names };
}

async function writeResponse(res: ServerResponse, init: HttpResponseInit): Promise<void> {
  const headers = new Headers(init.headers);
  let payload: Buffer | undefined;
  if (init.jsonBody !== undefined) {
    payload = Buffer.from(JSON.stringify(init.jsonBody));
    if (!headers.has('content-type')) headers.set('content-type', 'application/json; charset=utf-8');
  } else if (typeof init.body === 'string') {
    payload = Buffer.from(init.body);
    if (!headers.has('content-type')) headers.set('content-type', 'text/plain; charset=utf-8');
  } else if (init.body instanceof Uint8Array) {
    payload = Buffer.from(init.body);
  } else if (init.body !== undefined && init.body !== null) {
    // Streams, blobs and form data: let the Fetch API read them.
    payload = Buffer.from(
      await new Response(init.body as ConstructorParameters<typeof Response>[0]).arrayBuffer(),
    );
  }
  res.statusCode = init.status ?? 200;
  headers.forEach((value, key) => res.setHeader(key, value));
  res.end(payload);
}

function contextFor(
  functionName: string,
  log: NonNullable<LocalHostOptions['log']>,
  extra: Partial<ConstructorParameters<typeof InvocationContext>[0]> = {},
): InstanceType<typeof InvocationContext> {
  return new InvocationContext({
    invocationId: randomUUID(),
    functionName,
    logHandler: (level, ...args) => {
      const text = args
        .map((a) =>
          a instanceof Error ? (a.stack ?? a.message) : typeof a === 'string' ? a : JSON.stringify(a),
        )
        .join(' ');
      log(
        level === 'error' || level === 'critical' ? 'error' : level === 'warning' ? 'warn' : 'info',
        `[${functionName}] ${text}`,
      );
    },
    ...extra,
  });
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} on ${host} is already in use. Stop the other process or choose another port (see README, "Configuration").`,
            )
          : error,
      );
    });
    server.listen(port, host, () => resolve());
  });
}

export async function startLocalHost(options: LocalHostOptions): Promise<LocalHost> {
  const log =
    options.log ?? ((level, message) => (level === 'info' ? console.log(message) : console[level](message)));
  const routes = options.functions
    .filter((f): f is HttpFunctionDefinition => f.kind === 'http')
    .map(compileRoute);
  const servers: Server[] = [];
  const urls: string[] = [];
  const stops: (() => void)[] = [];

  async function dispatch(
    req: IncomingMessage,
    res: ServerResponse,
    only: readonly string[] | undefined,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const method = (req.method ?? 'GET').toUpperCase();
    const candidates = routes.filter(
      (r) => (!only || only.includes(r.fn.name)) && r.pattern.test(url.pathname),
    );
    const route = candidates.find((r) => r.fn.methods.includes(method as never));
    if (!route) {
      res.statusCode = candidates.length ? 405 : 404;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(
        JSON.stringify({
          error: {
            code: candidates.length ? 'method-not-allowed' : 'not-found',
            message: candidates.length ? 'Method not allowed' : 'Not found',
          },
        }),
      );
      return;
    }
    const match = route.pattern.exec(url.pathname);
    const params: Record<string, string> = {};
    try {
      route.names.forEach((name, i) => {
        const value = match?.[i + 1];
        if (value !== undefined) params[name] = decodeURIComponent(value);
      });
    } catch {
      // `%FF%FE` is no UTF-8: the address is wrong, which is the caller's to fix.
      const english = /^\s*en/i.test(String(req.headers['accept-language'] ?? ''));
      res.statusCode = 400;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(
        JSON.stringify({
          error: {
            code: 'validation',
            message: english
              ? 'The address contains a percent-encoding that is not valid UTF-8.'
              : 'Het adres bevat een %-codering die geen geldige UTF-8 is.',
          },
        }),
      );
      return;
    }
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
    }
    // The body streams to the handler, as with the Functions host's HTTP streams: nothing is
    // read before the handler has checked the token, and a handler reads at most its cap.
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const nativeRequest = new Request(url, {
      method,
      headers: Object.entries(headers).filter(([key]) => !HOP_BY_HOP.has(key)),
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
    });
    const request = new HttpRequest({
      method,
      url: url.toString(),
      query: Object.fromEntries(url.searchParams.entries()),
      params,
      nativeRequest,
    } as ConstructorParameters<typeof HttpRequest>[0]);
    const context = contextFor(route.fn.name, log);
    const result = (await route.fn.handler(request, context)) ?? { status: 204 };
    if (hasBody && !req.complete) {
      // Answered before the body ended (401, 413): close instead of reading the rest.
      res.setHeader('connection', 'close');
      res.once('finish', () => req.destroy());
    }
    await writeResponse(res, result);
  }

  for (const listener of options.listeners) {
    const server = createServer((req, res) => {
      dispatch(req, res, listener.only).catch((error: unknown) => {
        log('error', `local host: ${ensureError(error).stack ?? String(error)}`);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
    });
    // Longer than clients' idle pools, so a reused connection is never closed under a request.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    await listen(server, listener.host, listener.port);
    servers.push(server);
    const { port } = server.address() as AddressInfo;
    urls.push(
      `http://${listener.host === '127.0.0.1' || listener.host === '::1' ? 'localhost' : listener.host}:${port}/api`,
    );
  }

  const timers = new Map<string, TimerFunctionDefinition>();
  for (const fn of options.functions) {
    if (fn.kind === 'timer') timers.set(fn.name, fn);
  }
  const runTimer = async (name: string): Promise<void> => {
    const fn = timers.get(name);
    if (!fn) throw new Error(`No timer function named ${name}`);
    const timer: Timer = {
      isPastDue: false,
      schedule: { adjustForDST: true },
      scheduleStatus: { last: '', next: '', lastUpdated: new Date().toISOString() },
    };
    await fn.handler(timer, contextFor(fn.name, log));
  };
  if (options.timers !== false) {
    for (const fn of timers.values()) {
      const job = new Cron(fn.schedule, { protect: true, timezone: 'UTC' }, async () => {
        try {
          await runTimer(fn.name);
        } catch (error) {
          log('error', `[${fn.name}] ${ensureError(error).stack ?? String(error)}`);
        }
      });
      stops.push(() => job.stop());
    }
  }

  if (options.queue) {
    for (const fn of options.functions.filter((f): f is QueueFunctionDefinition => f.kind === 'queue')) {
      stops.push(
        pollQueue(fn, options.queue(fn.queueName), options.queue(`${fn.queueName}-poison`), {
          maxDequeueCount: options.maxDequeueCount ?? 5,
          retryVisibilitySeconds: options.retryVisibilitySeconds ?? 0,
          maxPollIntervalMs: options.maxPollIntervalMs ?? 1000,
          log,
        }),
      );
    }
  }

  return {
    urls,
    runTimer,
    async close() {
      for (const stop of stops) stop();
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}

interface PollOptions {
  maxDequeueCount: number;
  retryVisibilitySeconds: number;
  maxPollIntervalMs: number;
  log: NonNullable<LocalHostOptions['log']>;
}

/** Decodes a queue message as the Functions host does: base64 text, JSON when it parses. */
export function decodeQueueMessage(messageText: string): unknown {
  const text = Buffer.from(messageText, 'base64').toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The longest pause between polls while polling fails (storage down). */
const FAILED_POLL_MAX_MS = 5000;
/** host.json `queues.batchSize`, and the host's default newBatchThreshold (half of it). */
const BATCH_SIZE = 8;
const NEW_BATCH_THRESHOLD = BATCH_SIZE / 2;

type ReceivedMessage = Awaited<ReturnType<QueueClient['receiveMessages']>>['receivedMessageItems'][number];

function pollQueue(
  fn: QueueFunctionDefinition,
  queue: QueueClient,
  poison: QueueClient,
  options: PollOptions,
): () => void {
  let stopped = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });

  /** Polling failures in a row: the first is logged, then one line a minute, then the recovery. */
  let failures = 0;
  let lastFailureLog = 0;
  /** One message, as the host handles it: delete on success; else retry later or move to poison. */
  const handle = async (message: ReceivedMessage): Promise<void> => {
    const context = contextFor(fn.name, options.log, {
      triggerMetadata: {
        id: message.messageId,
        dequeueCount: message.dequeueCount,
        insertionTime: message.insertedOn,
        popReceipt: message.popReceipt,
      },
    });
    try {
      await fn.handler(decodeQueueMessage(message.messageText), context);
      await queue.deleteMessage(message.messageId, message.popReceipt);
    } catch (error) {
      options.log(
        'warn',
        `[${fn.name}] attempt ${message.dequeueCount} failed: ${ensureError(error).message}`,
      );
      if (message.dequeueCount >= options.maxDequeueCount) {
        await poison.sendMessage(message.messageText);
        await queue.deleteMessage(message.messageId, message.popReceipt);
        options.log(
          'error',
          `[${fn.name}] message ${message.messageId} moved to ${fn.queueName}-poison after ${message.dequeueCount} attempts`,
        );
      } else {
        await queue.updateMessage(
          message.messageId,
          message.popReceipt,
          undefined,
          options.retryVisibilitySeconds,
        );
      }
    }
  };

  /** Messages being handled; like the host, a new batch is fetched once at most NEW_BATCH_THRESHOLD remain. */
  let active = 0;
  const loop = async (): Promise<void> => {
    let interval = 50;
    while (!stopped) {
      if (active > NEW_BATCH_THRESHOLD) {
        await sleep(options.maxPollIntervalMs);
        continue;
      }
      let received = 0;
      let failed = false;
      try {
        const { receivedMessageItems } = await queue.receiveMessages({
          numberOfMessages: BATCH_SIZE,
          visibilityTimeout: 30,
        });
        if (failures > 0) {
          options.log(
            'info',
            `[${fn.name}] polling ${fn.queueName} works again after ${failures} failed polls`,
          );
          failures = 0;
        }
        received = receivedMessageItems.length;
        for (const message of receivedMessageItems) {
          active++;
          void handle(message)
            .catch((error: unknown) =>
              options.log(
                'warn',
                `[${fn.name}] handling a message of ${fn.queueName} failed: ${ensureError(error).message}`,
              ),
            )
            .finally(() => {
              active--;
              if (active === NEW_BATCH_THRESHOLD) wake?.();
            });
        }
      } catch (error) {
        failed = true;
        if (!stopped) {
          failures++;
          const now = Date.now();
          if (failures === 1 || now - lastFailureLog >= 60_000) {
            lastFailureLog = now;
            options.log(
              'warn',
              failures === 1
                ? `[${fn.name}] polling ${fn.queueName} failed: ${ensureError(error).message} (trying again with back-off; one line a minute until it works)`
                : `[${fn.name}] polling ${fn.queueName} still failing after ${failures} polls: ${ensureError(error).message}`,
            );
          }
        }
      }
      interval =
        received > 0
          ? 0
          : failed
            ? Math.min(FAILED_POLL_MAX_MS, Math.max(options.maxPollIntervalMs, interval * 2))
            : Math.min(options.maxPollIntervalMs, Math.max(50, interval * 2));
      if (interval > 0) await sleep(interval);
    }
  };
  void loop();
  return () => {
    stopped = true;
    wake?.();
  };
}
