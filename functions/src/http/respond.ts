/** Mapping results and typed errors to HTTP responses, in the caller's language. */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { RestError } from '@azure/data-tables';
import {
  DomainError,
  ensureError,
  isDomainError,
  tooLarge,
  validationError,
  type DomainErrorCode,
} from '../../../core/src/index.js';
import { isStorageUnavailable } from '../storage/errors.js';

export type Language = 'nl' | 'en';

/** Dutch unless the caller prefers English (Accept-Language or ?lang=). */
export function languageOf(request: HttpRequest): Language {
  const q = request.query.get('lang');
  if (q === 'en' || q === 'nl') return q;
  const header = request.headers.get('accept-language') ?? '';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'nl';
}

const STATUS: Record<DomainErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-many-attempts': 429,
  'too-large': 413,
  unavailable: 503,
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit {
  return { status, jsonBody: body, headers: { 'cache-control': 'no-store', ...headers } };
}

/** What a caller is told to wait while storage is unreachable. */
const STORAGE_RETRY_AFTER_SECONDS = 5;

/** The one error sink of the HTTP functions. */
export function errorResponse(
  error: unknown,
  request: HttpRequest,
  context: InvocationContext,
): HttpResponseInit {
  const lang = languageOf(request);
  error = storageRefusal(error) ?? error;
  if (isDomainError(error)) {
    const status = STATUS[error.code];
    if (status >= 500) context.warn(`${context.functionName}: ${error.message}`, error.cause);
    const retryAfter = error.retryAfterSeconds;
    return json(
      status,
      {
        error: {
          code: error.code,
          message: error.userMessage[lang],
          details: error.details,
          ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
        },
      },
      {
        ...(status === 401 ? { 'www-authenticate': 'Bearer error="invalid_token"' } : {}),
        ...(retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) }),
      },
    );
  }
  if (isStorageUnavailable(error)) {
    // An outage of the storage account: say so at once, and when to try again.
    return errorResponse(
      new DomainError(
        'unavailable',
        {
          nl: 'De opslag van MVI Companion is even niet bereikbaar. Probeer het over een paar seconden opnieuw.',
          en: 'The storage of MVI Companion is unreachable for a moment. Please try again in a few seconds.',
        },
        [],
        { retryAfterSeconds: STORAGE_RETRY_AFTER_SECONDS, cause: error },
      ),
      request,
      context,
    );
  }
  const err = ensureError(error);
  context.error(`${context.functionName} failed: ${err.message}`, err.stack);
  return json(500, {
    error: {
      code: 'internal',
      message:
        lang === 'en'
          ? 'Something went wrong on our side. Please try again; if it keeps happening, tell the MVI team.'
          : 'Er ging iets mis aan onze kant. Probeer het opnieuw; blijft het misgaan, meld het dan aan het MVI-team.',
    },
  });
}

/**
 * Table storage refuses a property over 64 KiB or an entity over 1 MiB: that is what the
 * caller sent being too large to keep (413), not our failure. Nothing was written.
 */
function storageRefusal(error: unknown): DomainError | undefined {
  if (!(error instanceof RestError)) return undefined;
  // The table service names the reason in the OData body (PropertyValueTooLarge, EntityTooLarge).
  const code =
    (typeof error.code === 'string' ? error.code : '') || (/"code":"(\w+)"/.exec(error.message)?.[1] ?? '');
  if (error.statusCode !== 413 && !/TooLarge/i.test(code)) return undefined;
  return tooLarge(
    {
      nl: 'Wat u stuurt is te groot om op te slaan. Maak de teksten korter en probeer het opnieuw.',
      en: 'What you sent is too large to store. Shorten the texts and try again.',
    },
    [code || `status ${error.statusCode ?? ''}`],
  );
}

/** What a write may send: 1 MiB; a plan import 2 MiB (a year's plan as CSV, the import's own limit). */
export const BODY_LIMIT_BYTES = 1024 * 1024;
export const IMPORT_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

const bodyTooLarge = (maxBytes: number): DomainError => {
  const mb = String(Math.round((maxBytes / (1024 * 1024)) * 10) / 10);
  return tooLarge(
    {
      nl: `Wat u stuurt is te groot: hooguit ${mb.replace('.', ',')} MB.`,
      en: `What you sent is too large: at most ${mb} MB.`,
    },
    [`limit ${maxBytes} bytes`],
  );
};

/**
 * The body's bytes, at most `maxBytes`: a larger Content-Length is refused before reading,
 * and a body that grows past the cap is cut off there (413). Call it after the token check.
 */
export async function readBytes(request: HttpRequest, maxBytes = BODY_LIMIT_BYTES): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw bodyTooLarge(maxBytes);
  const stream = request.body;
  if (!stream) return new Uint8Array();
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = (await reader.read()) as { done: boolean; value?: Uint8Array };
    if (done || !value) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw bodyTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The body as UTF-8 text, at most `maxBytes`. */
export async function readText(request: HttpRequest, maxBytes = BODY_LIMIT_BYTES): Promise<string> {
  return new TextDecoder().decode(await readBytes(request, maxBytes));
}

/** Reads a JSON body (at most 1 MiB); a body that is not JSON is the caller's mistake (400), not ours. */
export async function readJson(request: HttpRequest, maxBytes = BODY_LIMIT_BYTES): Promise<unknown> {
  const text = await readText(request, maxBytes);
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw validationError({
      nl: 'De inhoud van het verzoek is geen geldige JSON.',
      en: 'The request body is not valid JSON.',
    });
  }
}
