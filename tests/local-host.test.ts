import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionDefinition } from '../functions/src/definitions.js';
import { startLocalHost, type LocalHost } from '../functions/src/local-host.js';
import { buildFunctions } from '../functions/src/registry.js';
import { createServices } from '../functions/src/services.js';
import { loadBackendConfig } from '../functions/src/config.js';
import { getJson, useStack } from './support/stack.js';

describe('the local Functions host', () => {
  const stack = useStack({ seed: false });
  let host: LocalHost;
  const handled: unknown[] = [];
  const timerRuns: string[] = [];

  beforeAll(async () => {
    const storage = stack().services.storage;
    await storage.queue('work').createIfNotExists();
    await storage.queue('work-poison').createIfNotExists();
    const definitions: FunctionDefinition[] = [
      {
        kind: 'queue',
        name: 'work',
        queueName: 'work',
        connection: 'AzureWebJobsStorage',
        handler: (message) => {
          if ((message as { fail?: boolean }).fail) return Promise.reject(new Error('cannot do this one'));
          handled.push(message);
          return Promise.resolve();
        },
      },
      {
        kind: 'timer',
        name: 'tick',
        schedule: '0 0 3 * * *',
        handler: (_timer, context) => {
          timerRuns.push(context.functionName);
          return Promise.resolve();
        },
      },
      {
        kind: 'http',
        name: 'echo',
        route: 'things/{id}/parts/{part?}',
        methods: ['GET'],
        authLevel: 'anonymous',
        handler: (request) =>
          Promise.resolve({ jsonBody: { params: request.params, q: request.query.get('q') } }),
      },
    ];
    host = await startLocalHost({
      functions: definitions,
      listeners: [{ host: '127.0.0.1', port: 0 }],
      queue: (name) => storage.queue(name),
      maxDequeueCount: 3,
      maxPollIntervalMs: 100,
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await host.close();
  });

  it('routes HTTP requests with route parameters and query strings', async () => {
    const { body } = await getJson(`${host.urls[0]}/things/42/parts/wheel?q=x`);
    expect(body).toEqual({ params: { id: '42', part: 'wheel' }, q: 'x' });
    const optional = await getJson(`${host.urls[0]}/things/42/parts`);
    expect(optional.body.params).toEqual({ id: '42' });
  });

  it('delivers base64 JSON queue messages to the queue function, as the Functions host does', async () => {
    const queue = stack().services.storage.queue('work');
    await queue.sendMessage(Buffer.from(JSON.stringify({ job: 1 })).toString('base64'));
    await expect.poll(() => handled, { timeout: 10_000 }).toContainEqual({ job: 1 });
  });

  it('moves a message that keeps failing to the poison queue after the maximum dequeue count', async () => {
    const queue = stack().services.storage.queue('work');
    const poison = stack().services.storage.queue('work-poison');
    const text = Buffer.from(JSON.stringify({ fail: true })).toString('base64');
    await queue.sendMessage(text);
    await expect
      .poll(
        async () =>
          (await poison.peekMessages({ numberOfMessages: 5 })).peekedMessageItems.map((m) => m.messageText),
        { timeout: 15_000 },
      )
      .toContain(text);
    expect((await queue.peekMessages()).peekedMessageItems).toHaveLength(0);
  });

  it('runs a timer function on demand', async () => {
    await host.runTimer('tick');
    expect(timerRuns).toEqual(['tick']);
  });

  it('says clearly when a port is already taken', async () => {
    const port = Number(new URL(host.urls[0]!).port);
    await expect(startLocalHost({ functions: [], listeners: [{ host: '127.0.0.1', port }] })).rejects.toThrow(
      /already in use/,
    );
  });

  it('answers 503 on /health when storage is unreachable', async () => {
    const services = createServices(
      loadBackendConfig({
        AzureWebJobsStorage:
          'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;',
        AUTH_ISSUER: stack().idp.issuerTemplate,
        AUTH_AUDIENCE: 'x',
        AUTH_JWKS_URI: stack().idp.jwksUri,
        AUTH_ALLOWED_TENANTS: '5f1b6c2e-8d4a-4c1e-9a7b-3e2d1c0b9a88',
        TAB_BASE_URL: 'http://localhost:53000',
      }),
    );
    const down = await startLocalHost({
      functions: buildFunctions(() => services),
      listeners: [{ host: '127.0.0.1', port: 0 }],
      timers: false,
      log: () => undefined,
    });
    try {
      const { status, body } = await getJson(`${down.urls[0]}/health`);
      expect(status).toBe(503);
      expect(body.storage).toEqual({ tables: 'unreachable', queues: 'unreachable' });
    } finally {
      await down.close();
    }
  });
});
