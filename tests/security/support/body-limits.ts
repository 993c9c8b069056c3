/**
 * Reusable checks for body handling: an unauthenticated request is refused from its headers,
 * without its body being read (a body that never ends still gets its 401), and an
 * authenticated body over its route's cap gets 413. Used by the tests and
 * `npm run bench -- security`.
 */
import { request as httpRequest } from 'node:http';
import type { CheckResult } from './formula.js';

export interface EarlyAnswer {
  status: number;
  body: string;
  /** Bytes the client had sent when the answer came. */
  sentBytes: number;
}

/**
 * POSTs a body that never ends (chunks until an answer comes, or `giveUpBytes` are sent)
 * and resolves with the answer. The answer arriving at all proves the server did not wait
 * for the body.
 */
export function postEndless(
  url: string,
  headers: Record<string, string>,
  giveUpBytes = 512 * 1024 * 1024,
): Promise<EarlyAnswer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const req = httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...headers },
    });
    const pump = (): void => {
      while (!answered && sent < giveUpBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) reject(new Error(`no answer after ${sent} bytes`));
    };
    req.on('response', (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(parts).toString('utf8'),
          sentBytes: sent,
        });
        req.destroy();
      });
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    pump();
  });
}

export async function post(
  url: string,
  headers: Record<string, string>,
  body: string | Uint8Array,
): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed };
}

/** Each write route: an endless unauthenticated body gets 401, and an authenticated body over the cap 413. */
export async function checkBodyLimits(
  apiUrl: string,
  token: string,
  routes: readonly string[],
  overCapBytes = 3 * 1024 * 1024,
): Promise<CheckResult & { failures: string[] }> {
  let correct = 0;
  const failures: string[] = [];
  const big = JSON.stringify({ title: 'x'.repeat(overCapBytes) });
  for (const route of routes) {
    const unauthenticated = await postEndless(`${apiUrl}/${route}`, {}, 64 * 1024 * 1024);
    const overCap = await post(`${apiUrl}/${route}`, { authorization: `Bearer ${token}` }, big);
    if (unauthenticated.status === 401 && overCap.status === 413) correct++;
    else
      failures.push(
        `POST /${route}: ${unauthenticated.status} unauthenticated, ${overCap.status} over the cap`,
      );
  }
  return { family: 'body-limits', tried: routes.length, correct, failures };
}
