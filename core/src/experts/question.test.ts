import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.js';
import { WorkCalendar } from '../nudges/calendar.js';
import {
  ageInWorkingDays,
  answer,
  claim,
  expertQuestion,
  reminderDue,
  withoutAsker,
  type ExpertQuestion,
} from './question.js';

const calendar = new WorkCalendar();
const asked: ExpertQuestion = expertQuestion.parse({
  id: 'q1',
  municipalityId: 'havendam',
  askedBy: { userId: 'u-asker', displayName: 'Pieter Jansen' },
  askedAt: '2026-12-03T10:00:00.000Z', // a Thursday
  language: 'nl',
  question: 'Mag ik bij leerlingenvervoer om elektrische busjes vragen?',
  context: {
    title: 'Leerlingenvervoer',
    estimatedValueEur: 900_000,
    productGroupIds: ['student-transport'],
    botAnswer: 'Leerlingenvervoer (zeker)',
  },
  state: 'open',
});
const anna = { userId: 'u-anna', displayName: 'Anna de Vries' };
const bram = { userId: 'u-bram', displayName: 'Bram Smit' };
const now = new Date('2026-12-03T11:00:00Z');

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return isDomainError(error) ? error.code : 'other';
  }
  return undefined;
};

describe('a question for the MVI team', () => {
  it('is claimed by one expert, whose name the card then shows; another cannot take it over', () => {
    const claimed = claim(asked, anna, now);
    expect(claimed).toMatchObject({ state: 'claimed', claimedBy: anna, claimedAt: now.toISOString() });
    expect(claim(claimed, anna, now)).toBe(claimed);
    expect(codeOf(() => claim(claimed, bram, now))).toBe('conflict');
  });

  it('is answered by whoever claimed it, once', () => {
    const answered = answer(
      claim(asked, anna, now),
      anna,
      '  Ja: vraag om emissievrije voertuigen vanaf 2028. ',
      now,
    );
    expect(answered).toMatchObject({
      state: 'answered',
      answer: { text: 'Ja: vraag om emissievrije voertuigen vanaf 2028.', by: anna },
    });
    expect(codeOf(() => answer(claim(asked, anna, now), bram, 'Nee', now))).toBe('conflict');
    expect(codeOf(() => answer(answered, anna, 'Nog eens', now))).toBe('conflict');
    expect(codeOf(() => answer(asked, anna, '   ', now))).toBe('validation');
    // An open question may be answered straight away: the expert is then also the one who took it.
    expect(answer(asked, bram, 'Ja', now)).toMatchObject({ claimedBy: bram });
  });

  it('is brought up in the channel after two working days without anyone taking it', () => {
    // Asked on Thursday 3 December: Friday is one working day, Monday the second.
    expect(reminderDue(asked, new Date('2026-12-04T15:00:00Z'), calendar)).toBe(false);
    expect(reminderDue(asked, new Date('2026-12-05T15:00:00Z'), calendar)).toBe(false);
    expect(reminderDue(asked, new Date('2026-12-07T09:00:00Z'), calendar)).toBe(true);
    // Then again two working days after the reminder; never once somebody took it.
    const reminded = { ...asked, remindedAt: ['2026-12-07T09:00:00.000Z'] };
    expect(reminderDue(reminded, new Date('2026-12-08T09:00:00Z'), calendar)).toBe(false);
    expect(reminderDue(reminded, new Date('2026-12-09T09:00:00Z'), calendar)).toBe(true);
    expect(reminderDue(claim(asked, anna, now), new Date('2026-12-09T09:00:00Z'), calendar)).toBe(false);
  });

  it('counts its age in working days, skipping public holidays', () => {
    const christmas = { ...asked, askedAt: '2026-12-24T10:00:00.000Z' };
    // 25 and 26 December are holidays, 27 is a Sunday: the first working day after is the 28th.
    expect(ageInWorkingDays(christmas, new Date('2026-12-28T10:00:00Z'), calendar)).toBe(1);
    expect(ageInWorkingDays(asked, new Date('2026-12-10T10:00:00Z'), calendar)).toBe(5);
  });

  it('keeps no trace of the asker once they are erased', () => {
    const erased = withoutAsker(answer(asked, anna, 'Ja', now));
    expect(JSON.stringify(erased)).not.toContain('Pieter');
    expect(JSON.stringify(erased)).not.toContain('u-asker');
    expect(JSON.stringify(erased)).not.toContain('elektrische busjes');
    expect(erased.answer?.text).toBe('Ja');
  });
});
