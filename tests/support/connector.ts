/**
 * A local stand-in for the Bot Connector service: the bot posts its replies to the
 * activity's serviceUrl, and this server records them as Teams would receive them.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedReply {
  conversationId: string;
  path: string;
  activity: Record<string, any>;
}

export interface Connector {
  readonly serviceUrl: string;
  readonly replies: CapturedReply[];
  /** Activities the bot updated in place (PUT …/activities/{id}). */
  readonly updates: (CapturedReply & { activityId: string })[];
  /** Waits until `count` replies arrived in the conversation. */
  waitFor(conversationId: string, count?: number, timeoutMs?: number): Promise<CapturedReply[]>;
  close(): Promise<void>;
}

/** `host`: the loopback address to listen on (127.0.0.2 plays a server outside the allow-list). */
export async function startConnector(host = '127.0.0.1'): Promise<Connector> {
  const replies: CapturedReply[] = [];
  const updates: (CapturedReply & { activityId: string })[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method === 'POST' && match?.[1]) {
        replies.push({
          conversationId: decodeURIComponent(match[1]),
          path: req.url ?? '',
          activity: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        });
        waiters.forEach((w) => w());
      }
      const update = /\/v3\/conversations\/([^/]+)\/activities\/([^/?]+)/.exec(req.url ?? '');
      if (req.method === 'PUT' && update?.[1] && update[2]) {
        updates.push({
          conversationId: decodeURIComponent(update[1]),
          activityId: decodeURIComponent(update[2]),
          path: req.url ?? '',
          activity: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${replies.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://${host}:${port}/`,
    replies,
    updates,
    waitFor(conversationId, count = 1, timeoutMs = 10_000) {
      const current = (): CapturedReply[] => replies.filter((r) => r.conversationId === conversationId);
      if (current().length >= count) return Promise.resolve(current());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} replies in ${conversationId}, got ${current().length}`));
        }, timeoutMs);
        const check = (): void => {
          if (current().length >= count) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(current());
          }
        };
        waiters.add(check);
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
