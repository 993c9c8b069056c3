/**
 * The limit on wrong check-in codes: at most `maxFailures` wrong codes per person in any
 * `windowMinutes` (a sliding window over the times of the failures). Once a person is at the
 * limit, every attempt with a code is refused, the right code too, until the oldest failure in
 * the window has aged out; otherwise the limit would only slow guessing down. Successful
 * check-ins never count. What is kept per person is only the times of their recent failures.
 */
import { z } from 'zod';
import { tooManyAttempts, type DomainError } from '../errors.js';

export interface CheckInAttemptLimit {
  maxFailures: number;
  windowMinutes: number;
}

export const DEFAULT_CHECK_IN_ATTEMPT_LIMIT: CheckInAttemptLimit = { maxFailures: 10, windowMinutes: 15 };

/** One person's record: when they gave a wrong code (at most the newest `maxFailures`), nothing else. */
export const checkInFailures = z.object({ failures: z.array(z.iso.datetime()).max(1000) }).strict();
export type CheckInFailures = z.infer<typeof checkInFailures>;

export type CheckInAttemptDecision =
  { allowed: true; failuresLeft: number } | { allowed: false; retryAfterSeconds: number };

const windowMs = (limit: CheckInAttemptLimit): number => limit.windowMinutes * 60_000;

/**
 * The failures that still count at `now`, oldest first, in epoch milliseconds. A failure
 * counts for exactly `windowMinutes` after it happened; one stamped slightly after `now` (the
 * clock of another instance) counts too.
 */
export function recentFailures(
  record: CheckInFailures | undefined,
  now: Date,
  limit: CheckInAttemptLimit,
): number[] {
  const from = now.getTime() - windowMs(limit);
  return (record?.failures ?? [])
    .map((at) => Date.parse(at))
    .filter((at) => at > from)
    .sort((a, b) => a - b);
}

/** May the person try a code now; if not, how many whole seconds until one failure ages out. */
export function decideCheckInAttempt(
  record: CheckInFailures | undefined,
  now: Date,
  limit: CheckInAttemptLimit,
): CheckInAttemptDecision {
  const recent = recentFailures(record, now, limit);
  if (recent.length < limit.maxFailures)
    return { allowed: true, failuresLeft: limit.maxFailures - recent.length };
  // With k ≥ max failures in the window, one more attempt is allowed once k − max + 1 have aged out.
  const freesAt = recent[recent.length - limit.maxFailures]! + windowMs(limit);
  const seconds = Math.ceil((freesAt - now.getTime()) / 1000);
  return { allowed: false, retryAfterSeconds: Math.min(Math.max(1, seconds), limit.windowMinutes * 60) };
}

/** The record after one more wrong code at `now`: older failures that no longer count are dropped. */
export function recordCheckInFailure(
  record: CheckInFailures | undefined,
  now: Date,
  limit: CheckInAttemptLimit,
): CheckInFailures {
  const kept = [...recentFailures(record, now, limit), now.getTime()]
    .sort((a, b) => a - b)
    .slice(-limit.maxFailures);
  return { failures: kept.map((at) => new Date(at).toISOString()) };
}

/** A record with no failure inside the window holds nothing that counts: it can be deleted. */
export const checkInFailuresExpired = (
  record: CheckInFailures,
  now: Date,
  limit: CheckInAttemptLimit,
): boolean => recentFailures(record, now, limit).length === 0;

function waitText(seconds: number): { nl: string; en: string } {
  if (seconds < 60)
    return seconds === 1
      ? { nl: '1 seconde', en: '1 second' }
      : { nl: `${seconds} seconden`, en: `${seconds} seconds` };
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1
    ? { nl: '1 minuut', en: '1 minute' }
    : { nl: `${minutes} minuten`, en: `${minutes} minutes` };
}

/** The refusal at the limit (HTTP 429 with Retry-After; the bot shows the message). */
export function tooManyCheckInAttempts(retryAfterSeconds: number): DomainError {
  const wait = waitText(retryAfterSeconds);
  return tooManyAttempts(
    {
      nl: `U hebt te vaak een verkeerde incheckcode ingevoerd. Probeer het over ${wait.nl} opnieuw.`,
      en: `You entered a wrong check-in code too many times. Try again in ${wait.en}.`,
    },
    retryAfterSeconds,
  );
}
