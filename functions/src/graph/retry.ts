/**
 * When to try a Graph request again: 429 after Graph's Retry-After, 5xx and timeouts after
 * an exponential back-off with jitter, so many workers that failed together do not retry
 * together. One policy for whole requests and for the parts of a JSON batch.
 */

export interface RetryPolicyOptions {
  /** Attempts in one go (the first included). */
  maxAttempts: number;
  /** The first back-off, in milliseconds; it doubles per attempt. */
  baseDelayMs: number;
  /** The longest wait inside one attempt; a longer Retry-After is handed back to the caller. */
  maxDelayMs: number;
  random?: () => number;
}

export const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/** Retry-After as seconds or an HTTP date → milliseconds (undefined when absent or unreadable). */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export class RetryPolicy {
  readonly maxAttempts: number;
  readonly maxDelayMs: number;
  private readonly baseDelayMs: number;
  private readonly random: () => number;

  constructor(options: RetryPolicyOptions) {
    this.maxAttempts = Math.max(1, options.maxAttempts);
    this.baseDelayMs = Math.max(1, options.baseDelayMs);
    this.maxDelayMs = Math.max(this.baseDelayMs, options.maxDelayMs);
    this.random = options.random ?? Math.random;
  }

  /**
   * The wait before attempt `attempt + 1` after attempt `attempt` failed: Retry-After when
   * Graph gave one (honoured exactly), else half the exponential step plus a random half
   * ("equal jitter").
   */
  delayMs(attempt: number, retryAfterMs?: number): number {
    if (retryAfterMs !== undefined) return retryAfterMs;
    const step = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(step / 2 + this.random() * (step / 2));
  }

  /** Whether to try again in-process (else the caller hands the failure to the queue). */
  shouldRetry(attempt: number, delayMs: number): boolean {
    return attempt < this.maxAttempts && delayMs <= this.maxDelayMs;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
