/**
 * One family of security checks: how many cases were tried and how many the stack answered
 * as it must. The tests require every case correct; `npm run bench -- security` prints the
 * figures. Failures name the case and what came back, so a regression reads as a sentence.
 */
export interface FamilyResult {
  family: string;
  tried: number;
  correct: number;
  failures: string[];
}

export class Tally {
  private tried = 0;
  private correct = 0;
  private readonly failures: string[] = [];
  constructor(readonly family: string) {}

  /** Records one case: `ok` when the stack did what it must; `what` says what was tried. */
  check(ok: boolean, what: string, got: string): void {
    this.tried += 1;
    if (ok) this.correct += 1;
    else this.failures.push(`${what}: got ${got}`);
  }

  /** A case that must be refused with one of the given statuses. */
  expectStatus(status: number, allowed: readonly number[], what: string): void {
    this.check(allowed.includes(status), what, String(status));
  }

  result(): FamilyResult {
    return { family: this.family, tried: this.tried, correct: this.correct, failures: [...this.failures] };
  }
}

/** Runs `tasks` with at most `limit` at a time (a 2-core machine: keep the stack responsive). */
export async function inBatches<T>(tasks: readonly (() => Promise<T>)[], limit = 8): Promise<T[]> {
  const out: T[] = new Array<T>(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]!();
      }
    }),
  );
  return out;
}
