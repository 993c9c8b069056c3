/** Mapping results and typed errors to HTTP responses, in the caller's language. */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import {
  DomainError,
  ensureError,
  isDomainError,
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

/** Reads a JSON body; a body that is not JSON is the caller's mistake (400), not ours. */
export async function readJson(request: HttpRequest): Promise<unknown> {
  const text = await request.text();
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
