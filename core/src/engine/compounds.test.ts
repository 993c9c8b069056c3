import { describe, expect, it } from 'vitest';
import { Decompounder } from './compounds.js';

const parts = (d: Decompounder, word: string, loosely = false): string[] =>
  (loosely ? d.splitLoosely(word) : d.split(word)).map((p) => (p.head ? `${p.part}*` : p.part));

describe('Dutch compound splitting', () => {
  const d = new Decompounder([
    'schoonmaak',
    'dienst',
    'verlening',
    'dienstverlening',
    'stad',
    'deel',
    'boek',
    'kast',
    'enten',
    'snoeien',
    'handheld',
    'hand',
    'reclame',
  ]);

  it('splits a compound into known parts that make up the whole word, the head last', () => {
    expect(parts(d, 'schoonmaakdienstverlening')).toEqual(['schoonmaak', 'dienstverlening*']);
  });

  it('reads the linking letters Dutch puts between parts', () => {
    expect(parts(d, 'stadsdeel')).toEqual(['stad', 'deel*']);
    expect(parts(d, 'boekenkast')).toEqual(['boek', 'kast*']);
  });

  it('does not take a word that only happens to sit inside another word', () => {
    expect(parts(d, 'componenten')).toEqual([]);
    expect(parts(d, 'componenten', true)).toEqual(['enten*']);
    expect(parts(d, 'handhaving')).toEqual([]);
  });

  it('leaves a word it knows as a whole alone unless its parts make it up', () => {
    expect(parts(d, 'handheld')).toEqual([]);
  });

  it('reads an unknown compound by its known start when its end is unknown', () => {
    expect(parts(d, 'reclamedragend', true)).toEqual(['reclame']);
    expect(parts(d, 'reclamedragend')).toEqual([]);
  });

  it('learns a part that several compounds of the vocabulary start with', () => {
    const learnt = new Decompounder([
      'werk',
      'team',
      'buurtwerk',
      'buurtteam',
      'schuld',
      'arbeid',
      'schuldbemiddeling',
      'arbeidsbemiddeling',
    ]);
    expect(learnt.has('buurt')).toBe(true);
    expect(learnt.has('bemiddeling')).toBe(true);
    expect(parts(learnt, 'buurtbemiddeling')).toEqual(['buurt', 'bemiddeling*']);
  });

  it('does not learn a part from a single compound', () => {
    const once = new Decompounder(['werk', 'buurtwerk']);
    expect(once.has('buurt')).toBe(false);
    expect(parts(once, 'buurtbemiddeling', true)).toEqual([]);
  });
});
