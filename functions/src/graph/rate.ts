/**
 * Pacing for Graph's limits per app per tenant ("at most N requests per second").
 *
 * Graph counts a request when it arrives, and the sender cannot see that moment: it lies
 * somewhere between sending and the answer, and under load that gap is anything but small.
 * So a request holds its place in the window from the moment it is sent until one second
 * after its answer came back. Counted that way, no N+1 requests can ever reach Graph within
 * one second, whatever the network did; the price is one round trip of throughput per window.
 */
export class SendWindow {
  /** When the answers of the requests still counted came back, oldest first. */
  private readonly answered: number[] = [];
  private inFlight = 0;

  constructor(
    readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
    readonly windowMs = 1000,
  ) {
    if (!(perSecond >= 1)) throw new RangeError('SendWindow: perSecond must be at least 1');
  }

  private prune(): void {
    const since = this.now() - this.windowMs;
    while (this.answered.length > 0 && this.answered[0]! <= since) this.answered.shift();
  }

  /** Requests that may be sent now. */
  available(): number {
    this.prune();
    return Math.max(0, this.perSecond - this.inFlight - this.answered.length);
  }

  /** Takes up to `n` places for requests about to be sent; returns how many were taken. */
  take(n: number): number {
    const taken = Math.max(0, Math.min(n, this.available()));
    this.inFlight += taken;
    return taken;
  }

  /** The answer to `n` of the taken requests came back (or they failed): they count for one more window. */
  answer(n: number): void {
    const k = Math.min(n, this.inFlight);
    this.inFlight -= k;
    const t = this.now();
    for (let i = 0; i < k; i++) this.answered.push(t);
  }

  /** Milliseconds until a place frees up; undefined while every place waits for an answer. */
  waitMs(): number | undefined {
    if (this.available() > 0) return 0;
    const oldest = this.answered[0];
    return oldest === undefined ? undefined : Math.max(1, Math.ceil(oldest + this.windowMs - this.now()));
  }
}

/** Places taken for requests about to be sent; handed back with `answer` when they came back. */
export interface PaceGrant {
  /** How many places were taken (0: none now). */
  readonly count: number;
  /** When none were taken: milliseconds until one may free up. */
  readonly waitMs: number;
  /** Which places were taken (opaque; set by paces that must find them again). */
  readonly id?: string;
}

/**
 * The pace of one Graph limit (one endpoint, one tenant), as the activity feed uses it:
 * in-process (`localPace`) or shared by every instance through storage (`createSharedPace`).
 */
export interface Pace {
  readonly perSecond: number;
  /** Takes up to `n` places now. */
  take(n: number): Promise<PaceGrant>;
  /** The requests of a grant were answered (or failed): their places count for one more window. */
  answer(grant: PaceGrant): Promise<void>;
  /** Graph answered 429 with Retry-After: nobody sends on this pace before `untilEpochMs`. */
  throttle(untilEpochMs: number): Promise<void>;
}

/** A pace for one process only (tests, a single instance): a SendWindow and a pause. */
export function localPace(perSecond: number, now: () => number = () => Date.now()): Pace {
  const window = new SendWindow(perSecond, now);
  let pausedUntil = 0;
  return {
    perSecond,
    take(n) {
      const t = now();
      if (t < pausedUntil) return Promise.resolve({ count: 0, waitMs: Math.ceil(pausedUntil - t) });
      const count = window.take(n);
      return Promise.resolve({ count, waitMs: count > 0 ? 0 : (window.waitMs() ?? 1000) });
    },
    answer(grant) {
      window.answer(grant.count);
      return Promise.resolve();
    },
    throttle(until) {
      pausedUntil = Math.max(pausedUntil, until);
      return Promise.resolve();
    },
  };
}
