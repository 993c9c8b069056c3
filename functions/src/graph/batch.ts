/**
 * JSON batching (POST /$batch, at most 20 requests): the request body as Graph documents it,
 * and the responses read with a schema. Sub-response bodies are taken as the JSON they are,
 * whatever the case of their Content-Type header (the SDK's BatchResponseContent only parses
 * them when the key is exactly "Content-Type").
 */
import { z } from 'zod';
import type { GraphApi } from './client.js';
import { errorFromResponse } from './errors.js';
import { parseRetryAfter } from './retry.js';

export const BATCH_LIMIT = 20;

export interface BatchPart {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the version, e.g. /users/{id}/teamwork/sendActivityNotification. */
  url: string;
  body?: unknown;
}

export interface BatchResult {
  id: string;
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: unknown;
  retryAfterMs: number | undefined;
}

const batchResponse = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

export function batchBody(parts: readonly BatchPart[]): { requests: Record<string, unknown>[] } {
  if (parts.length === 0 || parts.length > BATCH_LIMIT)
    throw new RangeError(`a JSON batch holds 1 to ${BATCH_LIMIT} requests, not ${parts.length}`);
  return {
    requests: parts.map((p) => ({
      id: p.id,
      method: p.method,
      url: p.url,
      // A body needs its Content-Type in the part's own headers.
      ...(p.body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: p.body }),
    })),
  };
}

/** Reads a batch response; parts missing from it come back as 500s, so every part gets an answer. */
export function readBatchResponse(parts: readonly BatchPart[], body: unknown): Map<string, BatchResult> {
  const parsed = batchResponse.safeParse(body);
  const out = new Map<string, BatchResult>();
  if (parsed.success) {
    for (const r of parsed.data.responses) {
      const headers = Object.fromEntries(
        Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
      );
      let partBody: unknown = r.body;
      if (typeof partBody === 'string' && (headers['content-type'] ?? '').startsWith('application/json')) {
        try {
          partBody = JSON.parse(partBody) as unknown;
        } catch {
          // Leave the text as it is.
        }
      }
      out.set(r.id, {
        id: r.id,
        status: r.status,
        headers,
        body: partBody,
        retryAfterMs: parseRetryAfter(headers['retry-after']),
      });
    }
  }
  for (const p of parts) {
    if (!out.has(p.id))
      out.set(p.id, {
        id: p.id,
        status: 500,
        headers: {},
        body: {
          error: {
            code: 'MissingBatchResponse',
            message: 'The batch response has no answer for this request.',
          },
        },
        retryAfterMs: undefined,
      });
  }
  return out;
}

/** Sends one batch. A failed envelope (429, 5xx, 4xx) throws a GraphCallError; parts carry their own statuses. */
export async function sendBatch(
  api: GraphApi,
  parts: readonly BatchPart[],
  options: { retry?: boolean } = {},
): Promise<Map<string, BatchResult>> {
  const response = await api.request('POST', '/$batch', batchBody(parts), { retry: options.retry ?? true });
  if (response.status !== 200)
    throw errorFromResponse(
      response.status,
      response.body,
      parseRetryAfter(response.headers.get('retry-after')),
    );
  return readBatchResponse(parts, response.body);
}
