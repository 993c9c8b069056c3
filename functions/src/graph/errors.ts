/** Failures of Microsoft Graph calls, classified once so callers never read status codes or message text. */

export type GraphFailureKind =
  | 'throttled' // 429
  | 'unavailable' // 5xx
  | 'timeout' // no answer in time
  | 'network' // connection refused, reset
  | 'unauthorized' // 401: our token
  | 'forbidden' // 403: permission, or the app is not installed for the user
  | 'not-found' // 404
  | 'conflict' // 409
  | 'rejected'; // other 4xx: a request Graph will never accept

export class GraphCallError extends Error {
  readonly kind: GraphFailureKind;
  /** HTTP status, 0 when there was no response. */
  readonly status: number;
  /** Graph's error code (e.g. "Forbidden", "Request_ResourceNotFound"), when it sent one. */
  readonly code: string;
  /** How long Graph asked us to wait (Retry-After), in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(
    kind: GraphFailureKind,
    status: number,
    code: string,
    message: string,
    options: { retryAfterMs?: number | undefined; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GraphCallError';
    this.kind = kind;
    this.status = status;
    this.code = code;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Worth trying again later (throttling, outages, timeouts). */
  get transient(): boolean {
    return (
      this.kind === 'throttled' ||
      this.kind === 'unavailable' ||
      this.kind === 'timeout' ||
      this.kind === 'network'
    );
  }
}

export function kindOfStatus(status: number): GraphFailureKind {
  if (status === 429) return 'throttled';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500) return 'unavailable';
  return 'rejected';
}

/** Graph's error body: {"error": {"code", "message"}}; anything else becomes a generic text. */
export function graphErrorOf(body: unknown): { code: string; message: string } {
  if (body && typeof body === 'object' && 'error' in body) {
    const error = (body as { error?: unknown }).error;
    if (error && typeof error === 'object') {
      const code = (error as { code?: unknown }).code;
      const message = (error as { message?: unknown }).message;
      return {
        code: typeof code === 'string' ? code : '',
        message: typeof message === 'string' ? message : '',
      };
    }
  }
  return { code: '', message: '' };
}

export function errorFromResponse(status: number, body: unknown, retryAfterMs?: number): GraphCallError {
  const { code, message } = graphErrorOf(body);
  return new GraphCallError(
    kindOfStatus(status),
    status,
    code || `HTTP${status}`,
    message || `Microsoft Graph answered ${status}`,
    { retryAfterMs },
  );
}
