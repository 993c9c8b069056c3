import { describe, expect, it } from 'vitest';
import { formatEur, formatLongDate } from './format.js';

describe('money and dates for people', () => {
  it('writes euros the way each language reads them', () => {
    expect(formatEur(1_250_000, 'nl')).toMatch(/^€\s1\.250\.000$/);
    expect(formatEur(1_250_000, 'en')).toBe('€1,250,000');
  });

  it('writes a calendar day in full, the same day whatever the time zone of the timestamp', () => {
    expect(formatLongDate('2026-12-04', 'nl')).toBe('4 december 2026');
    expect(formatLongDate('2026-12-04T23:30:00Z', 'en')).toBe('4 December 2026');
  });
});
