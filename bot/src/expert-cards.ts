/**
 * Cards of "vraag een expert": the question in the MVI team's channel (claim, answer), the
 * answer in the asker's chat (with "was dit nuttig?"), as pure functions of the record.
 */
import type { ExpertQuestion } from '../../core/src/experts/question.js';
import { formatEur } from '../../core/src/format.js';
import type { Card } from './cards.js';
import type { BotLanguage } from './messages.js';
import type { ExpertQuestionRecord } from './ports.js';

export const EXPERT_ANSWER_INPUT = 'answer';

const L = {
  nl: {
    channelTitle: 'Vraag voor het MVI-team',
    askedBy: 'Gesteld door',
    askedAt: 'Gesteld op',
    about: 'Over',
    botAnswer: 'Wat de bot antwoordde',
    open: 'Nog niet opgepakt.',
    claimedBy: (who: string) => `Opgepakt door ${who}.`,
    answeredBy: (who: string) => `Beantwoord door ${who}.`,
    claim: 'Ik pak dit op',
    answerLabel: 'Uw antwoord (de vraagsteller krijgt het in de chat)',
    send: 'Antwoord versturen',
    answer: 'Antwoord',
    answerTitle: 'Antwoord van het MVI-team',
    yourQuestion: 'Uw vraag',
    helpful: 'Was dit nuttig?',
    yes: 'Ja, nuttig',
    no: 'Nee, niet nuttig',
    thanks: 'Dank u! Het MVI-team ziet uw oordeel.',
    reminder: 'Herinnering: deze vraag wacht al twee werkdagen op iemand die hem oppakt.',
    unknownAsker: 'iemand',
  },
  en: {
    channelTitle: 'Question for the MVI team',
    askedBy: 'Asked by',
    askedAt: 'Asked on',
    about: 'About',
    botAnswer: 'What the bot answered',
    open: 'Not taken yet.',
    claimedBy: (who: string) => `Taken by ${who}.`,
    answeredBy: (who: string) => `Answered by ${who}.`,
    claim: 'I will take this',
    answerLabel: 'Your answer (the person who asked gets it in their chat)',
    send: 'Send answer',
    answer: 'Answer',
    answerTitle: 'Answer from the MVI team',
    yourQuestion: 'Your question',
    helpful: 'Was this helpful?',
    yes: 'Yes, helpful',
    no: 'No, not helpful',
    thanks: 'Thank you! The MVI team sees your verdict.',
    reminder: 'Reminder: this question has been waiting two working days for someone to take it.',
    unknownAsker: 'someone',
  },
} as const;

const card = (body: unknown[], actions: unknown[] = []): Card => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body,
  ...(actions.length ? { actions } : {}),
});
const heading = (value: string): Record<string, unknown> => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  weight: 'Bolder',
  size: 'Medium',
  style: 'heading',
});
/** What people typed is shown as plain text runs, never as Markdown. */
const plain = (value: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'RichTextBlock',
  inlines: [{ type: 'TextRun', text: value }],
  ...extra,
});
const nameOf = (p: { displayName?: string; userId: string } | undefined, lang: BotLanguage): string =>
  p?.displayName ?? L[lang].unknownAsker;

function about(q: ExpertQuestion, lang: BotLanguage): string {
  const c = q.context;
  return [
    c.tenderReference ? `${c.tenderReference} · ${c.title}` : c.title,
    ...(c.estimatedValueEur !== undefined ? [formatEur(c.estimatedValueEur, lang)] : []),
  ].join(' · ');
}

const dateText = (iso: string, lang: BotLanguage): string =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', {
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));

/** The question in the MVI team's channel: who asked, about what, what the bot said; claim and answer. */
export function expertChannelCard(
  record: ExpertQuestionRecord,
  lang: BotLanguage,
  notice?: { text: string; error?: boolean },
): Card {
  const l = L[lang];
  const q = record.question;
  const data = { questionId: q.id, municipalityId: q.municipalityId };
  const body: unknown[] = [];
  if (notice)
    body.push({
      type: 'TextBlock',
      text: notice.text,
      wrap: true,
      color: notice.error ? 'Attention' : 'Warning',
      weight: 'Bolder',
    });
  body.push(heading(l.channelTitle), plain(q.question), {
    type: 'FactSet',
    facts: [
      { title: l.askedBy, value: nameOf(q.askedBy, lang) },
      { title: l.askedAt, value: dateText(q.askedAt, lang) },
      ...(q.context.title ? [{ title: l.about, value: about(q, lang) }] : []),
    ],
  });
  if (q.context.botAnswer)
    body.push(
      { type: 'TextBlock', text: l.botAnswer, wrap: true, weight: 'Bolder', spacing: 'Small' },
      plain(q.context.botAnswer, { spacing: 'None' }),
    );
  if (q.state === 'answered' && q.answer) {
    body.push(
      {
        type: 'TextBlock',
        text: l.answeredBy(nameOf(q.answer.by, lang)),
        wrap: true,
        color: 'Good',
        weight: 'Bolder',
      },
      plain(q.answer.text),
    );
    return card(body);
  }
  body.push({
    type: 'TextBlock',
    text: q.state === 'claimed' ? l.claimedBy(nameOf(q.claimedBy, lang)) : l.open,
    wrap: true,
    weight: 'Bolder',
    color: q.state === 'claimed' ? 'Accent' : 'Warning',
  });
  body.push({
    type: 'Input.Text',
    id: EXPERT_ANSWER_INPUT,
    label: l.answerLabel,
    isMultiline: true,
    maxLength: 4000,
  });
  return card(body, [
    ...(q.state === 'open' ? [{ type: 'Action.Execute', title: l.claim, verb: 'expertClaim', data }] : []),
    { type: 'Action.Execute', title: l.send, verb: 'expertAnswer', data, style: 'positive' },
  ]);
}

export const expertReminderText = (lang: BotLanguage): string => L[lang].reminder;

/** The answer in the asker's chat, with "was dit nuttig?". */
export function expertAnswerCard(record: ExpertQuestionRecord, lang: BotLanguage): Card {
  const l = L[lang];
  const q = record.question;
  const body: unknown[] = [
    heading(l.answerTitle),
    { type: 'TextBlock', text: l.yourQuestion, wrap: true, weight: 'Bolder', spacing: 'Small' },
    plain(q.question, { spacing: 'None' }),
    { type: 'TextBlock', text: `${l.answer} (${nameOf(q.answer?.by, lang)})`, wrap: true, weight: 'Bolder' },
    plain(q.answer?.text ?? '', { spacing: 'None' }),
  ];
  if (q.helpful !== undefined) {
    body.push({ type: 'TextBlock', text: l.thanks, wrap: true, isSubtle: true });
    return card(body);
  }
  const data = { questionId: q.id, municipalityId: q.municipalityId };
  body.push({ type: 'TextBlock', text: l.helpful, wrap: true, weight: 'Bolder' });
  return card(body, [
    { type: 'Action.Execute', title: l.yes, verb: 'expertHelpful', data: { ...data, helpful: true } },
    { type: 'Action.Execute', title: l.no, verb: 'expertHelpful', data: { ...data, helpful: false } },
  ]);
}
