/**
 * Time from a POSTed message activity to the bot's reply arriving at the connector, at 1, 10
 * and 50 concurrent conversations, against the real local stack (Azurite, backend, bot).
 * Conversation memory is on: every message reads and writes the conversation's context, and
 * the follow-ups ("en als het €150.000 is?", "95.000", "alleen basis") change the tender
 * discussed. Then one message of 20,000 characters, and /api/health while it is answered.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { DEMO_TENANT_ID, DEMO_USERS } from '../dev/demo-data.js';
import { startStack } from '../dev/stack.js';

const QUESTIONS = [
  'Welke MVI-criteria voor de aanbesteding schoonmaak gemeentehuis, ca. €400.000?',
  'LED verlichting openbare ruimte 1,2 miljoen',
  'laptops en monitoren €180.000',
  'en als het €150.000 is?',
  'huishoudelijke ondersteuning Wmo',
  '95.000',
  'alleen basis',
  'start in 2027',
];

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { messages: { type: 'string', default: '10' }, levels: { type: 'string', default: '1,10,50' } },
  });
  const perConversation = Number(values.messages);
  const levels = values.levels.split(',').map(Number);
  const waiting = new Map<string, () => void>();
  const connector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const conversation = decodeURIComponent(
        /\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '')?.[1] ?? '',
      );
      waiting.get(conversation)?.();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"x"}');
    });
  });
  await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
  const serviceUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
  const stack = await startStack({
    ports: { blob: 0, queue: 0, table: 0, idp: 0, functions: 0, bot: 0, tab: 0 },
    tab: false,
    timers: false,
  });
  const user = DEMO_USERS[3]!;
  try {
    for (const level of levels) {
      const latencies: number[] = [];
      const started = performance.now();
      await Promise.all(
        Array.from({ length: level }, async (_, c) => {
          const conversationId = `bench-${level}-${c}`;
          for (let i = 0; i < perConversation; i++) {
            const text = QUESTIONS[i % QUESTIONS.length]!;
            const arrived = new Promise<void>((resolve) => waiting.set(conversationId, resolve));
            const t0 = performance.now();
            const response = await fetch(stack.urls.bot, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({
                type: 'message',
                id: `${conversationId}-${i}`,
                channelId: 'msteams',
                serviceUrl,
                text,
                locale: 'nl-NL',
                from: { id: `29:${c}`, aadObjectId: user.id },
                recipient: { id: '28:bot' },
                conversation: { id: conversationId, conversationType: 'personal', tenantId: DEMO_TENANT_ID },
              }),
            });
            if (response.status !== 200) throw new Error(`bot answered ${response.status}`);
            await arrived;
            latencies.push(performance.now() - t0);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      console.log(
        JSON.stringify({
          concurrentConversations: level,
          messages: latencies.length,
          p50Ms: Number(percentile(latencies, 50).toFixed(1)),
          p95Ms: Number(percentile(latencies, 95).toFixed(1)),
          maxMs: Number((latencies.at(-1) ?? 0).toFixed(1)),
          messagesPerSecond: Number((latencies.length / seconds).toFixed(1)),
        }),
      );
    }
    // One long message: its reply time, and the health endpoint's while it is being answered.
    const conversationId = 'bench-long';
    const arrived = new Promise<void>((resolve) => waiting.set(conversationId, resolve));
    const t0 = performance.now();
    const long = fetch(stack.urls.bot, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'long-1',
        channelId: 'msteams',
        serviceUrl,
        text: `Schoonmaak van het gemeentehuis ${'en de wijkkantoren '.repeat(1_200)}`.slice(0, 20_000),
        locale: 'nl-NL',
        from: { id: '29:long', aadObjectId: user.id },
        recipient: { id: '28:bot' },
        conversation: { id: conversationId, conversationType: 'personal', tenantId: DEMO_TENANT_ID },
      }),
    });
    const health: number[] = [];
    const h0 = performance.now();
    await fetch(`${stack.urls.api}/health`);
    health.push(performance.now() - h0);
    await long;
    await arrived;
    console.log(
      JSON.stringify({
        message20000CharsMs: Number((performance.now() - t0).toFixed(1)),
        healthDuringItMs: Number(health[0]!.toFixed(1)),
      }),
    );
  } finally {
    await stack.stop();
    connector.close();
  }
}
