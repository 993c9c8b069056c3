import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.js';
import {
  checkInFailures,
  checkInFailuresExpired,
  decideCheckInAttempt,
  recentFailures,
  recordCheckInFailure,
  tooManyCheckInAttempts,
  type CheckInFailures,
} from './attempts.js';

const limit = { maxFailures: 10, windowMinutes: 15 };
const at = (iso: string): Date => new Date(iso);
const plus = (iso: string, seconds: number): Date => new Date(Date.parse(iso) + seconds * 1000);
const START = '2027-03-10T11:00:00.000Z';

/** `count` failures, one every `everySeconds`, from START. */
function failures(count: number, everySeconds = 0): CheckInFailures | undefined {
  let record: CheckInFailures | undefined;
  for (let i = 0; i < count; i++) record = recordCheckInFailure(record, plus(START, i * everySeconds), limit);
  return record;
}

describe('the limit on wrong check-in codes', () => {
  it('allows a person without failures, with the whole allowance left', () => {
    expect(decideCheckInAttempt(undefined, at(START), limit)).toEqual({ allowed: true, failuresLeft: 10 });
  });

  it('allows up to the tenth failure and refuses the attempt after it', () => {
    expect(decideCheckInAttempt(failures(9), at(START), limit)).toEqual({ allowed: true, failuresLeft: 1 });
    expect(decideCheckInAttempt(failures(10), at(START), limit)).toEqual({
      allowed: false,
      retryAfterSeconds: 900,
    });
  });

  it('says how many seconds remain until the oldest failure in the window ages out', () => {
    const record = failures(10, 30); // 11:00:00 … 11:04:30
    expect(decideCheckInAttempt(record, plus(START, 5 * 60), limit)).toEqual({
      allowed: false,
      retryAfterSeconds: 600,
    });
    expect(decideCheckInAttempt(record, plus(START, 15 * 60 - 0.4), limit)).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    // Exactly 15 minutes after the first failure it no longer counts: one attempt is free again.
    expect(decideCheckInAttempt(record, plus(START, 15 * 60), limit)).toEqual({
      allowed: true,
      failuresLeft: 1,
    });
  });

  it('is a sliding window: ten failures in any 15 minutes, never twenty around a boundary', () => {
    let record = failures(10, 60); // 11:00 … 11:09
    const afterFirst = plus(START, 15 * 60); // 11:15: the 11:00 failure has aged out
    expect(decideCheckInAttempt(record, afterFirst, limit).allowed).toBe(true);
    record = recordCheckInFailure(record, afterFirst, limit);
    // The next one frees at 11:16, when the 11:01 failure ages out.
    expect(decideCheckInAttempt(record, afterFirst, limit)).toEqual({
      allowed: false,
      retryAfterSeconds: 60,
    });
  });

  it('counts a failure stamped a moment after now (another instance’s clock), never waiting longer than the window', () => {
    const record = recordCheckInFailure(failures(9), plus(START, 2), limit);
    expect(decideCheckInAttempt(record, at(START), limit)).toEqual({
      allowed: false,
      retryAfterSeconds: 900,
    });
  });

  it('keeps only the failures that still count, at most as many as the limit, as valid rows', () => {
    const record = failures(14, 1)!;
    expect(record.failures).toHaveLength(10);
    expect(record.failures[0]).toBe('2027-03-10T11:00:04.000Z');
    expect(checkInFailures.parse(record)).toEqual(record);
    const later = recordCheckInFailure(record, plus(START, 20 * 60), limit);
    expect(later).toEqual({ failures: ['2027-03-10T11:20:00.000Z'] });
    expect(recentFailures(record, plus(START, 20 * 60), limit)).toEqual([]);
  });

  it('tells when a record holds nothing that counts any more', () => {
    const record = failures(3)!;
    expect(checkInFailuresExpired(record, plus(START, 15 * 60 - 1), limit)).toBe(false);
    expect(checkInFailuresExpired(record, plus(START, 15 * 60), limit)).toBe(true);
  });

  it('honours another limit', () => {
    const strict = { maxFailures: 3, windowMinutes: 1 };
    let record: CheckInFailures | undefined;
    for (let i = 0; i < 3; i++) record = recordCheckInFailure(record, at(START), strict);
    expect(decideCheckInAttempt(record, plus(START, 20), strict)).toEqual({
      allowed: false,
      retryAfterSeconds: 40,
    });
    expect(decideCheckInAttempt(record, plus(START, 60), strict).allowed).toBe(true);
  });

  it('refuses with a typed error that says in Dutch and English how long to wait', () => {
    const error = tooManyCheckInAttempts(900);
    expect(isDomainError(error)).toBe(true);
    expect(error.code).toBe('too-many-attempts');
    expect(error.retryAfterSeconds).toBe(900);
    expect(error.userMessage).toEqual({
      nl: 'U hebt te vaak een verkeerde incheckcode ingevoerd. Probeer het over 15 minuten opnieuw.',
      en: 'You entered a wrong check-in code too many times. Try again in 15 minutes.',
    });
    expect(tooManyCheckInAttempts(61).userMessage.nl).toMatch(/over 2 minuten opnieuw/);
    expect(tooManyCheckInAttempts(60).userMessage.en).toMatch(/in 1 minute\.$/);
    expect(tooManyCheckInAttempts(1).userMessage.nl).toMatch(/over 1 seconde opnieuw/);
    expect(tooManyCheckInAttempts(42).userMessage.en).toMatch(/in 42 seconds\.$/);
  });
});
