/**
 * Idempotent creates: a client sends `Idempotency-Key` (the tab one per form, the bot one per
 * card action) and a second request with the same key, from the same person, to the same
 * route, gets the first one's answer instead of creating a second item. Keys are kept a day.
 * A second request while the first still runs waits for its answer.
 */
import { RestError } from '@azure/data-tables';
import type { HttpResponseInit } from '@azure/functions';
import { conflict, validationError } from '../../../core/src/index.js';
import { encodeKey } from '../storage/json-table.js';
import { TABLES } from '../storage/storage.js';
import type { ApiContext } from './api.js';

const KEY = /^[A-Za-z0-9._:-]{1,100}$/;
const KEEP_MS = 24 * 3600 * 1000;
const WAIT_MS = 10_000;

interface Record_ {
  state: 'pending' | 'done';
  createdAt: string;
  status?: number;
  body?: string;
  headers?: string;
}

const isStatus = (error: unknown, status: number): boolean =>
  error instanceof RestError && error.statusCode === status;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `create` once per Idempotency-Key (when the caller sends one); replays its answer after that. */
export async function idempotent(
  ctx: ApiContext,
  scope: string,
  create: () => Promise<HttpResponseInit>,
): Promise<HttpResponseInit> {
  const key = ctx.request.headers.get('idempotency-key');
  if (key === null) return create();
  if (!KEY.test(key))
    throw validationError({
      nl: 'De Idempotency-Key is 1 tot 100 letters, cijfers of . _ : -.',
      en: 'The Idempotency-Key is 1 to 100 letters, digits or . _ : -.',
    });
  const table = ctx.services.storage.table(TABLES.idempotency);
  const partitionKey = encodeKey(ctx.principal.municipalityId);
  const rowKey = encodeKey(`${ctx.principal.userId}|${scope}|${key}`);
  const now = (): number => ctx.services.clock.now().getTime();

  const started = Date.now();
  for (;;) {
    try {
      await table.createEntity<Record_>({
        partitionKey,
        rowKey,
        state: 'pending',
        createdAt: new Date(now()).toISOString(),
      });
      break;
    } catch (error) {
      if (!isStatus(error, 409)) throw error;
    }
    const seen = await table.getEntity<Record_>(partitionKey, rowKey).catch((error: unknown) => {
      if (isStatus(error, 404)) return undefined;
      throw error;
    });
    if (seen && now() - Date.parse(seen.createdAt) > KEEP_MS) {
      await table.deleteEntity(partitionKey, rowKey, { etag: seen.etag }).catch(() => undefined);
      continue;
    }
    if (seen?.state === 'done') {
      return {
        status: seen.status ?? 200,
        ...(seen.body ? { jsonBody: JSON.parse(seen.body) as unknown } : {}),
        headers: {
          ...(JSON.parse(seen.headers ?? '{}') as Record<string, string>),
          'idempotent-replayed': 'true',
        },
      };
    }
    if (Date.now() - started > WAIT_MS)
      throw conflict({
        nl: 'Dit verzoek wordt nog verwerkt. Probeer het zo opnieuw.',
        en: 'This request is still being processed. Please try again shortly.',
      });
    await sleep(100);
  }

  let result: HttpResponseInit;
  try {
    result = await create();
  } catch (error) {
    // Refused: the same key may be tried again once the caller has fixed the request.
    await table.deleteEntity(partitionKey, rowKey).catch(() => undefined);
    throw error;
  }
  const status = result.status ?? 200;
  if (status >= 400) {
    await table.deleteEntity(partitionKey, rowKey).catch(() => undefined);
    return result;
  }
  await table.updateEntity<Record_>(
    {
      partitionKey,
      rowKey,
      state: 'done',
      createdAt: new Date(now()).toISOString(),
      status,
      ...(result.jsonBody === undefined ? {} : { body: JSON.stringify(result.jsonBody) }),
      headers: JSON.stringify(result.headers ?? {}),
    },
    'Replace',
  );
  return result;
}
