import { describe, expect, it } from 'vitest';
import { parseAmount, parseDate } from './parse.js';

describe('amounts as typed in spreadsheets', () => {
  it.each([
    ['€ 1.250.000,50', 1_250_000.5],
    ['1.250.000', 1_250_000],
    ['400.000,-', 400_000],
    ['1,250,000.50', 1_250_000.5],
    ['218000', 218_000],
    ['218000.00', 218_000],
    ['EUR 95.000', 95_000],
  ])('%s → %d', (text, value) => expect(parseAmount(text)).toBe(value));

  it.each(['', 'n.t.b.', 'ongeveer veel'])('“%s” is not an amount', (text) =>
    expect(parseAmount(text)).toBeUndefined(),
  );
});

describe('dates as typed in spreadsheets', () => {
  it.each([
    ['15-03-2027', '2027-03-15'],
    ['1/4/2027', '2027-04-01'],
    ['2027-03-15', '2027-03-15'],
    ['15 maart 2027', '2027-03-15'],
  ])('%s → %s', (text, iso) => expect(parseDate(text)).toBe(iso));

  it.each(['31-02-2027', '2027-13-01', 'volgend jaar'])('“%s” is not a date', (text) =>
    expect(parseDate(text)).toBeUndefined(),
  );
});
