import { describe, expect, it } from 'vitest';
import { amountInText, cpvCodesInText, words } from './text.js';

describe('reading tender text', () => {
  it.each([
    ['Schoonmaak gemeentehuis, ca. €400.000?', 400_000],
    ['en als het €150.000 is?', 150_000],
    ['geraamd op € 1.250.000,- excl. btw', 1_250_000],
    ['ongeveer 2,5 miljoen', 2_500_000],
    ['EUR 250,000 per year', 250_000],
    ['budget €4 ton', 400_000],
    ['€150k', 150_000],
  ])('reads the amount in “%s”', (text, expected) => {
    expect(amountInText(text)).toBe(expected);
  });

  it.each([
    'levering 500 ton strooizout',
    'CPV 90910000',
    'looptijd 4 jaar, 2 percelen',
    'Raamovereenkomst 2022-2026',
  ])('finds no amount in “%s”', (text) => {
    expect(amountInText(text)).toBeUndefined();
  });

  it('finds CPV codes written in the text, with or without check digit', () => {
    expect(cpvCodesInText('Schoonmaak (CPV 90910000-9) en glasbewassing 90911300')).toEqual([
      '90910000',
      '90911300',
    ]);
    expect(cpvCodesInText('€ 12.345.678 en 2026-01-01')).toEqual([]);
  });

  it('folds case and diacritics', () => {
    expect(words('Café Coöperatie ÉÉN')).toEqual(['cafe', 'cooperatie', 'een']);
  });
});
