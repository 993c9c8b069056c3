/**
 * Storage failures classified once, by the SDKs' error codes (never by message text): an
 * unreachable storage account (the caller hears 503 and may try again) and a table or queue
 * that does not exist (created again, see storage.ts).
 */

/** Codes of a connection that failed before storage answered. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'REQUEST_SEND_ERROR',
]);

interface RestLike {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  details?: unknown;
  cause?: unknown;
}

const asRest = (error: unknown): RestLike | undefined =>
  error && typeof error === 'object' ? error : undefined;

/** The service's error code: the queue SDK sets `code`, the tables SDK `details.errorCode`. */
function serviceCode(error: RestLike): unknown {
  const details = error.details;
  const fromDetails =
    details && typeof details === 'object' ? (details as { errorCode?: unknown }).errorCode : undefined;
  return fromDetails ?? error.code;
}

/** Storage did not answer (refused, reset, timed out) or said it is busy (503). */
export function isStorageUnavailable(error: unknown): boolean {
  for (let e = asRest(error), depth = 0; e && depth < 5; e = asRest(e.cause), depth++) {
    if (e.name === 'AbortError' || e.name === 'TimeoutError') return true;
    if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) return true;
    if (e.name === 'RestError' && (e.statusCode === undefined || e.statusCode === 503)) return true;
  }
  return false;
}

export function isTableMissing(error: unknown): boolean {
  const e = asRest(error);
  return e?.name === 'RestError' && e.statusCode === 404 && serviceCode(e) === 'TableNotFound';
}

export function isQueueMissing(error: unknown): boolean {
  const e = asRest(error);
  return e?.name === 'RestError' && e.statusCode === 404 && serviceCode(e) === 'QueueNotFound';
}
