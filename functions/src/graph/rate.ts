/**
 * A token bucket: at most `ratePerSecond` requests per second on average, bursts up to
 * `burst`. Graph's documented limits for activity notifications are per app per tenant, so
 * the sender keeps one bucket per tenant and per endpoint and stays under them instead of
 * provoking 429s. `lagMs` spends each refilled token a little late: Graph counts a request
 * when it arrives, and a small request sent right after a large one may arrive first.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly lagTokens: number;

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number = Math.max(1, ratePerSecond),
    private readonly now: () => number = () => performance.now(),
    lagMs = 0,
  ) {
    this.tokens = burst;
    this.last = now();
    this.lagTokens = Math.min(burst - 1, (lagMs / 1000) * ratePerSecond);
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
  }

  private usable(): number {
    return Math.max(0, Math.floor(this.tokens - this.lagTokens + 1e-9));
  }

  /** Whole tokens available now. */
  available(): number {
    this.refill();
    return this.usable();
  }

  /** Takes up to `n` tokens; returns how many were taken. */
  take(n: number): number {
    this.refill();
    const taken = Math.min(n, this.usable());
    this.tokens -= taken;
    return taken;
  }

  /** Milliseconds until one token is available. */
  waitMs(): number {
    this.refill();
    const missing = 1 + this.lagTokens - this.tokens;
    return missing <= 1e-9 ? 0 : Math.ceil((missing / this.ratePerSecond) * 1000);
  }
}
