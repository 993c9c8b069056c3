import { describe, expect, it } from 'vitest';
import { applyChange, contextLine, isExpired, type ConversationContext } from './context.js';
import { amountIn, readTurn } from './followup.js';
import { detectLanguage, languageSwitch } from './language.js';

describe('the language of a message', () => {
  it.each([
    ['Welke MVI-criteria voor de schoonmaak van het gemeentehuis?', 'nl'],
    ['Wij gaan catering inkopen voor ons stadskantoor', 'nl'],
    ['en als het 150.000 is?', 'nl'],
    ['Which MVI criteria for the cleaning of our town hall?', 'en'],
    ['What if it is 150,000?', 'en'],
    ['We are buying catering for the council offices', 'en'],
  ])('“%s” is %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('does not guess from too little', () => {
    expect(detectLanguage('95.000')).toBeUndefined();
    expect(detectLanguage('Catering')).toBeUndefined();
    expect(detectLanguage('')).toBeUndefined();
    // "in" is as Dutch as it is English: a short follow-up keeps the conversation's language.
    expect(detectLanguage('start in 2027')).toBeUndefined();
  });

  it('reads a request to switch', () => {
    expect(languageSwitch('in English please')).toBe('en');
    expect(languageSwitch('English')).toBe('en');
    expect(languageSwitch('graag in het Nederlands')).toBe('nl');
    expect(languageSwitch('Dutch please')).toBe('nl');
    expect(languageSwitch('schoonmaak in Engeland')).toBeUndefined();
  });

  it('reads a long message in time linear in its length (only its start)', () => {
    expect(detectLanguage(`${'de schoonmaak van het kantoor '.repeat(2_000)}`)).toBe('nl');
  });
});

describe('amounts in a follow-up', () => {
  it.each([
    ['en als het 150.000 is?', 150_000],
    ['95.000', 95_000],
    ['€ 1,2 mln', 1_200_000],
    ['1.2 million', 1_200_000],
    ['what if it is 150,000?', 150_000],
    ['95k', 95_000],
    ['een ton', 100_000],
    ['anderhalf miljoen', 1_500_000],
    ['€ 80.000,-', 80_000],
  ])('“%s” is %d euros', (text, value) => {
    expect(amountIn(text)).toBe(value);
  });

  it('does not read a small number, a percentage or a year as money', () => {
    expect(amountIn('5 %')).toBeUndefined();
    expect(amountIn('3 percelen')).toBeUndefined();
    expect(amountIn('start in 2027')).toBeUndefined();
  });
});

describe('a turn in a conversation about a tender', () => {
  it('changes the value, the ambition or the date of the tender already discussed', () => {
    expect(readTurn('en als het 150.000 is?', true)).toEqual({
      kind: 'follow-up',
      change: { estimatedValueEur: 150_000 },
    });
    expect(readTurn('95.000', true)).toEqual({ kind: 'follow-up', change: { estimatedValueEur: 95_000 } });
    expect(readTurn('ambitieuzer', true, { ambition: 'basic' })).toEqual({
      kind: 'follow-up',
      change: { ambition: 'significant' },
    });
    expect(readTurn('en ambitieuzer?', true, { ambition: 'ambitious' })).toEqual({
      kind: 'follow-up',
      change: { ambition: 'ambitious' },
    });
    expect(readTurn('alleen basis', true)).toEqual({ kind: 'follow-up', change: { ambition: 'basic' } });
    expect(readTurn('more ambitious', true, { ambition: 'significant' })).toEqual({
      kind: 'follow-up',
      change: { ambition: 'ambitious' },
    });
    expect(readTurn('start in 2027', true)).toEqual({ kind: 'follow-up', change: { date: '2027-01-01' } });
    expect(readTurn('en als we in maart 2027 beginnen?', true)).toEqual({
      kind: 'follow-up',
      change: { date: '2027-03-01' },
    });
    expect(readTurn('per 1 april 2027 voor € 1,2 mln', true)).toEqual({
      kind: 'follow-up',
      change: { date: '2027-04-01', estimatedValueEur: 1_200_000 },
    });
  });

  it('takes another group, asks for the download, starts over or switches language', () => {
    expect(readTurn('nee, ik bedoel leerlingenvervoer', true)).toEqual({
      kind: 'follow-up',
      change: { groupText: 'leerlingenvervoer' },
    });
    expect(readTurn('No, I mean school transport', true)).toEqual({
      kind: 'follow-up',
      change: { groupText: 'school transport' },
    });
    expect(readTurn('download als word', true)).toEqual({ kind: 'follow-up', change: { download: true } });
    expect(readTurn('Nieuwe vraag', true)).toEqual({ kind: 'reset' });
    expect(readTurn('opnieuw', false)).toEqual({ kind: 'reset' });
    expect(readTurn('in English please', true)).toEqual({ kind: 'language', language: 'en' });
  });

  it('treats a message that names what is bought as a new question', () => {
    expect(readTurn('Schoonmaak van het gemeentehuis en de wijkkantoren voor 400.000', true)).toEqual({
      kind: 'question',
    });
    expect(readTurn('Leerlingenvervoer', true)).toEqual({ kind: 'question' });
    expect(readTurn('95.000', false)).toEqual({ kind: 'question' });
    expect(readTurn(`en als het 150.000 is? ${'x '.repeat(5_000)}`, true)).toEqual({ kind: 'question' });
  });
});

describe('the conversation context', () => {
  const now = new Date('2026-12-03T10:00:00Z');
  const context: ConversationContext = {
    conversationId: 'c1',
    userId: 'u1',
    title: 'Schoonmaak gemeentehuis',
    estimatedValueEur: 400_000,
    updatedAt: '2026-12-03T09:00:00.000Z',
  };

  it('changes one thing at a time and keeps the rest', () => {
    const next = applyChange(context, { estimatedValueEur: 150_000 }, () => undefined, now);
    expect(next).toMatchObject({
      title: 'Schoonmaak gemeentehuis',
      estimatedValueEur: 150_000,
      updatedAt: now.toISOString(),
    });
  });

  it('takes the group a person names, or else reads their words as the new subject', () => {
    expect(
      applyChange(context, { groupText: 'leerlingenvervoer' }, () => 'student-transport', now),
    ).toMatchObject({
      title: 'Schoonmaak gemeentehuis',
      productGroupId: 'student-transport',
      estimatedValueEur: 400_000,
    });
    const other = applyChange(
      { ...context, productGroupId: 'cleaning' },
      { groupText: 'iets heel anders' },
      () => undefined,
      now,
    );
    expect(other.title).toBe('iets heel anders');
    expect(other).not.toHaveProperty('productGroupId');
  });

  it('is forgotten after its time to live', () => {
    expect(isExpired(context, now)).toBe(false);
    expect(isExpired(context, new Date('2026-12-07T10:00:00Z'))).toBe(true);
  });

  it('says which context an answer uses, in the reader’s language', () => {
    expect(contextLine({ ...context, date: '2027-03-01' }, 'nl', 'Schoonmaak en glasbewassing')).toMatch(
      /^Schoonmaak gemeentehuis · Schoonmaak en glasbewassing · €\s400\.000 · start 1 maart 2027$/,
    );
    expect(contextLine({ ...context, tenderReference: 'T-2026-014' }, 'en')).toBe(
      'T-2026-014 · Schoonmaak gemeentehuis · €400,000',
    );
  });
});
