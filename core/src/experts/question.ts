/**
 * A question for the MVI team ("vraag een expert"): what a person asked the bot, the tender
 * context and what the bot answered, handed to the team's channel. An expert claims it,
 * answers it, and the answer reaches the asker. Rules only: storage and Teams are adapters.
 */
import { z } from 'zod';
import { conflict, validationError } from '../errors.js';
import { LANGUAGES } from '../kernel/language.js';
import { addDays, dateIn, type WorkCalendar } from '../nudges/calendar.js';

export const EXPERT_QUESTION_STATES = ['open', 'claimed', 'answered'] as const;
export type ExpertQuestionState = (typeof EXPERT_QUESTION_STATES)[number];

/** An unclaimed question is brought up in the channel again after this many working days. */
export const REMIND_AFTER_WORKING_DAYS = 2;
export const QUESTION_MAX = 2_000;
export const ANSWER_MAX = 4_000;

const person = z.object({ userId: z.string().min(1).max(200), displayName: z.string().max(200).optional() });
export type QuestionPerson = z.infer<typeof person>;

export const expertQuestion = z.object({
  id: z.string().min(1).max(100),
  municipalityId: z.string().min(1).max(100),
  askedBy: person,
  askedAt: z.iso.datetime(),
  language: z.enum(LANGUAGES),
  question: z.string().trim().min(1).max(QUESTION_MAX),
  /** The tender the question is about, as the bot understood it. */
  context: z.object({
    title: z.string().max(500),
    estimatedValueEur: z.number().nonnegative().optional(),
    tenderReference: z.string().max(40).optional(),
    productGroupIds: z.array(z.string().max(60)).max(5),
    /** What the bot answered, in a sentence (its groups and how sure it was). */
    botAnswer: z.string().max(1_000),
  }),
  state: z.enum(EXPERT_QUESTION_STATES),
  claimedBy: person.optional(),
  claimedAt: z.iso.datetime().optional(),
  answer: z
    .object({ text: z.string().trim().min(1).max(ANSWER_MAX), by: person, at: z.iso.datetime() })
    .optional(),
  /** When the channel was reminded of the question, if it was. */
  remindedAt: z.array(z.iso.datetime()).max(20).default([]),
  /** The asker's verdict on the answer. */
  helpful: z.boolean().optional(),
  /** The toolbox page the answer was published as. */
  publishedAs: z.string().max(120).optional(),
});
export type ExpertQuestion = z.infer<typeof expertQuestion>;

/** An expert takes the question: the card shows who. Claiming one's own claim again is fine. */
export function claim(question: ExpertQuestion, expert: QuestionPerson, now: Date): ExpertQuestion {
  if (question.state === 'answered') {
    throw conflict({ nl: 'Deze vraag is al beantwoord.', en: 'This question has been answered already.' });
  }
  if (question.state === 'claimed' && question.claimedBy?.userId !== expert.userId) {
    const who = question.claimedBy?.displayName ?? question.claimedBy?.userId ?? '?';
    throw conflict({
      nl: `${who} heeft deze vraag al opgepakt.`,
      en: `${who} has already taken this question.`,
    });
  }
  if (question.state === 'claimed') return question;
  return { ...question, state: 'claimed', claimedBy: expert, claimedAt: now.toISOString() };
}

/** The answer, by whoever claimed the question (or anyone, when it was still open). */
export function answer(
  question: ExpertQuestion,
  expert: QuestionPerson,
  text: string,
  now: Date,
): ExpertQuestion {
  const trimmed = text.trim();
  if (!trimmed) throw validationError({ nl: 'Schrijf een antwoord.', en: 'Write an answer.' });
  if (trimmed.length > ANSWER_MAX) {
    throw validationError({
      nl: `Het antwoord is langer dan ${ANSWER_MAX.toLocaleString('nl-NL')} tekens.`,
      en: `The answer is longer than ${ANSWER_MAX.toLocaleString('en-GB')} characters.`,
    });
  }
  if (question.state === 'answered')
    throw conflict({ nl: 'Deze vraag is al beantwoord.', en: 'This question has been answered already.' });
  if (question.state === 'claimed' && question.claimedBy?.userId !== expert.userId) {
    const who = question.claimedBy?.displayName ?? question.claimedBy?.userId ?? '?';
    throw conflict({
      nl: `${who} heeft deze vraag opgepakt; laat die het antwoord geven.`,
      en: `${who} has taken this question; let them answer it.`,
    });
  }
  return {
    ...question,
    state: 'answered',
    claimedBy: question.claimedBy ?? expert,
    claimedAt: question.claimedAt ?? now.toISOString(),
    answer: { text: trimmed, by: expert, at: now.toISOString() },
  };
}

/**
 * Whether the channel should be reminded now: the question is still open (nobody took it)
 * and REMIND_AFTER_WORKING_DAYS working days have passed since it was asked or last reminded.
 */
export function reminderDue(question: ExpertQuestion, now: Date, calendar: WorkCalendar): boolean {
  if (question.state !== 'open') return false;
  const since = question.remindedAt.at(-1) ?? question.askedAt;
  return (
    workingDaysBetween(
      dateIn(new Date(since), calendar.timeZone),
      dateIn(now, calendar.timeZone),
      calendar,
    ) >= REMIND_AFTER_WORKING_DAYS
  );
}

/** Working days after `from` up to and including `to` (0 on the same day). */
export function workingDaysBetween(from: string, to: string, calendar: WorkCalendar): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to && count < 1_000; d = addDays(d, 1))
    if (calendar.isWorkingDay(d)) count++;
  return count;
}

/** How long a question has waited, in working days: for the MVI team's list. */
export function ageInWorkingDays(question: ExpertQuestion, now: Date, calendar: WorkCalendar): number {
  const end = question.answer?.at ?? now.toISOString();
  return workingDaysBetween(
    dateIn(new Date(question.askedAt), calendar.timeZone),
    dateIn(new Date(end), calendar.timeZone),
    calendar,
  );
}

/** A question as it is kept once the person who asked it is erased: the asker and their words gone. */
export function withoutAsker(question: ExpertQuestion): ExpertQuestion {
  return {
    ...question,
    askedBy: { userId: 'erased' },
    question: '(verwijderd / erased)',
    context: { ...question.context, title: '(verwijderd / erased)', botAnswer: '' },
  };
}
