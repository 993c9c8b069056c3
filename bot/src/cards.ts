/**
 * Adaptive Cards (schema 1.5) the bot sends, built by pure functions of the advice and the
 * language. Teams shows at most about 28 KB per card: lists are capped and link to the tab.
 */
import { AMBITION_LABELS, CRITERION_TYPE_LABELS } from '../../core/src/content/labels.js';
import type { Advice, AdvisedCriterion } from '../../core/src/engine/advise.js';
import type { AmbitionLevel, CriterionType, Session, Tender } from '../../core/src/index.js';
import { formatEur, formatLongDate } from '../../core/src/format.js';
import {
  NO_MVI_REASONS,
  NO_MVI_REASON_LABELS,
  REALISATIONS,
  REALISATION_LABELS,
  type NoMviReason,
  type Realisation,
} from '../../core/src/monitoring/record.js';
import type { SessionOverview, SessionView } from '../../core/src/sessions/index.js';
import type { NeighboursBlock } from '../../core/src/neighbours/view.js';
import type { BotLanguage } from './messages.js';
import { neighboursSection } from './neighbours-card.js';
import { truncate } from './text.js';

export type Card = Record<string, unknown> & { type: 'AdaptiveCard'; version: '1.5' };

const card = (body: unknown[], actions: unknown[] = []): Card => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body,
  ...(actions.length ? { actions } : {}),
});

const text = (value: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...extra,
});
const heading = (value: string, size: 'Medium' | 'Large' = 'Medium'): Record<string, unknown> =>
  text(value, { weight: 'Bolder', size, style: 'heading' });

/**
 * Text from users or organisers: TextRuns are never read as Markdown, so a title like
 * "[klik](http://…)" stays plain text.
 */
type Run = string | { text: string; bold?: boolean; subtle?: boolean };
const plain = (runs: Run[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'RichTextBlock',
  inlines: runs.map((r) =>
    typeof r === 'string'
      ? { type: 'TextRun', text: r }
      : {
          type: 'TextRun',
          text: r.text,
          ...(r.bold ? { weight: 'Bolder' } : {}),
          ...(r.subtle ? { isSubtle: true } : {}),
        },
  ),
  ...extra,
});

const AMBITION_RANK: Record<AmbitionLevel, number> = { ambitious: 0, significant: 1, basic: 2 };
const TYPE_RANK: Record<CriterionType, number> = {
  requirement: 0,
  award: 1,
  'contract-clause': 2,
  selection: 3,
};
/** The most ambitious criteria first, then requirements before award criteria and clauses. */
const byRelevance = (a: AdvisedCriterion, b: AdvisedCriterion): number =>
  AMBITION_RANK[a.ambition] - AMBITION_RANK[b.ambition] || TYPE_RANK[a.type] - TYPE_RANK[b.type];

const L = {
  nl: {
    adviceFor: 'MVI-advies voor',
    basedOn: 'Uitgangspunt',
    askExpert: 'Vraag een MVI-expert',
    productGroups: 'Passende productgroepen',
    alsoPossible: 'Ook mogelijk',
    cpvTitle: 'CPV-codes voor de aankondiging',
    cpvIntro: 'Voorstel voor de codes in de aankondiging op TenderNed (best passende eerst):',
    threshold: 'Drempel en procedure',
    mvi: 'MVI-beleid',
    socialReturn: 'Social return',
    criteria: 'Criteria bij ambitieniveau',
    nextSteps: 'Volgende stappen',
    more: (n: number) => `en nog ${n} criteria in de toolbox`,
    showAll: 'Alle criteria tonen',
    download: 'Download selectie (.docx)',
    helpful: 'Was dit advies nuttig?',
    yes: 'Ja, nuttig',
    no: 'Nee, niet nuttig',
    thanks: 'Dank voor uw feedback! Het MVI-team gebruikt die om het advies te verbeteren.',
    unsureTitle: 'Ik weet niet zeker wat u inkoopt',
    unsureText:
      'Ik vond geen productgroep die duidelijk past. Wat koopt u precies in, en wat is de geraamde waarde? Bijvoorbeeld: “schoonmaak kantoren, €300.000”.',
    lowConfidence:
      'Ik ben niet zeker van deze match: klopt de productgroep? Beschrijf anders iets preciezer wat u inkoopt.',
    tendersTitle: 'Uw aanbestedingen',
    noTenders: 'Er staan geen aanbestedingen op uw naam.',
    kickoff: 'Kick-off',
    value: 'Geraamde waarde',
    adviceButton: 'MVI-advies',
    sessionsTitle: 'Komende sessies',
    noSessions: 'Er zijn geen sessies gepland.',
    register: 'Aanmelden',
    tender: 'Aanbesteding',
  },
  en: {
    adviceFor: 'MVI advice for',
    basedOn: 'Based on',
    askExpert: 'Ask an MVI expert',
    productGroups: 'Matching product groups',
    alsoPossible: 'Also possible',
    cpvTitle: 'CPV codes for the notice',
    cpvIntro: 'Suggested codes for the notice on TenderNed (best match first):',
    threshold: 'Threshold and procedure',
    mvi: 'MVI policy',
    socialReturn: 'Social return',
    criteria: 'Criteria at ambition level',
    nextSteps: 'Next steps',
    more: (n: number) => `and ${n} more criteria in the toolbox`,
    showAll: 'Show all criteria',
    download: 'Download selection (.docx)',
    helpful: 'Was this advice helpful?',
    yes: 'Yes, helpful',
    no: 'No, not helpful',
    thanks: 'Thank you for your feedback! The MVI team uses it to improve the advice.',
    unsureTitle: 'I am not sure what you are buying',
    unsureText:
      'I found no product group that clearly fits. What exactly are you buying, and what is the estimated value? For example: “office cleaning, €300,000”.',
    lowConfidence:
      'I am not sure of this match: is the product group right? Otherwise describe a bit more precisely what you are buying.',
    tendersTitle: 'Your tenders',
    noTenders: 'No tenders are registered in your name.',
    kickoff: 'Kickoff',
    value: 'Estimated value',
    adviceButton: 'MVI advice',
    sessionsTitle: 'Upcoming sessions',
    noSessions: 'No sessions are planned.',
    register: 'Register',
    tender: 'Tender',
  },
} as const;

export const labels = (lang: BotLanguage) => L[lang];

export const ambitionLabel = (lang: BotLanguage, a: AmbitionLevel): string => AMBITION_LABELS[a][lang];
export const typeLabel = (lang: BotLanguage, t: CriterionType): string => CRITERION_TYPE_LABELS[t][lang];

const CRITERIA_PER_THEME = 3;

export interface AdviceCardOptions {
  adviceId: string;
  title: string;
  tenderReference?: string;
  estimatedValueEur?: number;
  lang: BotLanguage;
  links: AdviceCardLinks;
  /** Set after the user gave feedback. */
  feedbackGiven?: boolean;
  /** The user may record the MVI of the tender: the card offers the form. */
  canRecordMvi?: boolean;
  /** The MVI team takes questions: the card offers to hand this one to an expert. */
  canAskExpert?: boolean;
  /** What the advice is based on, as the conversation remembers it (see core's contextLine). */
  contextLine?: string;
  /** What the region's municipalities did in similar tenders, as far as they share it. */
  neighbours?: NeighboursBlock | null;
}

/** Links a card may carry: the criteria page, the download and, when known, each product group's page. */
export interface AdviceCardLinks {
  showAll: string;
  download: string;
  productGroup?: (id: string) => string;
  /** The tab's product group page with these criteria in the selection for the .docx. */
  selectCriteria?: (productGroupId: string, criterionIds: readonly string[]) => string;
}

/** Each criterion names its product group, so a list of several groups stays readable. */
function criterionLine(c: AdvisedCriterion, lang: BotLanguage): string {
  return `**${c.title}** · ${c.productGroupName} · ${typeLabel(lang, c.type)} · ${ambitionLabel(lang, c.ambition)}`;
}

/** The suggested CPV codes: Teams shows a code block with a copy button (plain text elsewhere). */
function cpvSection(advice: Advice, lang: BotLanguage): unknown[] {
  if (advice.cpvSuggestions.length === 0) return [];
  const lines = advice.cpvSuggestions.map((s) => `${s.code} ${s.label}`);
  return [
    heading(L[lang].cpvTitle),
    text(L[lang].cpvIntro, { spacing: 'Small' }),
    {
      type: 'CodeBlock',
      codeSnippet: lines.join('\n'),
      language: 'PlainText',
      fallback: text(lines.map((l) => `- ${l}`).join('\n'), { spacing: 'Small' }),
    },
  ];
}

/** The advice card: groups and why, criteria per theme, threshold, social return, next steps, actions. */
export function adviceCard(advice: Advice, options: AdviceCardOptions): Card {
  const l = L[options.lang];
  const subject = options.tenderReference ? `${options.tenderReference} · ${options.title}` : options.title;
  const body: unknown[] = [
    plain(
      [
        { text: `${l.adviceFor}: `, bold: true },
        { text: truncate(subject, 120), bold: true },
      ],
      { style: 'heading' },
    ),
  ];
  if (options.contextLine)
    body.push(
      plain(
        [
          { text: `${l.basedOn}: `, subtle: true },
          { text: options.contextLine, subtle: true },
        ],
        {
          spacing: 'None',
        },
      ),
    );
  if (advice.confidence === 'none')
    body.push(
      text(l.unsureTitle, { weight: 'Bolder', color: 'Warning' }),
      text(l.unsureText, { spacing: 'Small' }),
    );
  if (advice.confidence === 'low') body.push(text(l.lowConfidence, { color: 'Warning' }));
  const main = advice.productGroups.filter((g) => g.relevance === 'main');
  const possible = advice.productGroups.filter((g) => g.relevance === 'possible');
  if (main.length > 0) {
    body.push(heading(l.productGroups));
    for (const g of main) body.push(text(`**${g.name}** — ${g.explanation}`, { spacing: 'Small' }));
  }
  if (possible.length > 0) {
    const named = possible.map((g) =>
      options.links.productGroup ? `[${g.name}](${options.links.productGroup(g.id)})` : g.name,
    );
    body.push(text(`${l.alsoPossible}: ${named.join(', ')}`, { spacing: 'Small', isSubtle: true }));
  }
  for (const note of advice.notes) body.push(text(`_${note}_`, { isSubtle: true, spacing: 'Small' }));
  body.push(heading(l.threshold), text(advice.thresholds.explanation, { spacing: 'Small' }));
  body.push(heading(l.mvi), text(advice.mvi.explanation, { spacing: 'Small' }));
  body.push(heading(l.socialReturn), text(advice.socialReturn.reason, { spacing: 'Small' }));
  const select = options.links.selectCriteria;
  const neighbours = options.neighbours;
  body.push(
    ...neighboursSection(
      neighbours,
      options.lang,
      select && neighbours ? (ids) => select(neighbours.productGroupId, ids) : undefined,
    ),
  );
  body.push(heading(`${l.criteria} “${ambitionLabel(options.lang, advice.ambition)}”`));
  if (advice.general) body.push(text(advice.general.explanation, { spacing: 'Small' }));
  let hidden = 0;
  for (const theme of advice.criteriaByTheme) {
    const shown = [...theme.criteria].sort(byRelevance).slice(0, CRITERIA_PER_THEME);
    hidden += theme.criteria.length - shown.length;
    body.push({
      type: 'Container',
      spacing: 'Small',
      items: [
        text(theme.name, { weight: 'Bolder' }),
        ...shown.map((c) => text(`- ${criterionLine(c, options.lang)}`, { spacing: 'None' })),
      ],
    });
  }
  if (hidden > 0) body.push(text(`_${l.more(hidden)}_`, { isSubtle: true, spacing: 'Small' }));
  body.push(...cpvSection(advice, options.lang));
  body.push(
    heading(l.nextSteps),
    text(advice.nextSteps.map((s) => `- ${s.text}`).join('\n'), { spacing: 'Small' }),
  );
  body.push({
    type: 'ActionSet',
    actions: (['basic', 'significant', 'ambitious'] as const).map((a) => ({
      type: 'Action.Execute',
      title: ambitionLabel(options.lang, a),
      verb: 'setAmbition',
      data: { adviceId: options.adviceId, ambition: a },
      ...(a === advice.ambition ? { style: 'positive' } : {}),
    })),
  });
  if (options.feedbackGiven) {
    body.push(text(l.thanks, { isSubtle: true }));
  } else {
    body.push(text(l.helpful, { weight: 'Bolder' }), {
      type: 'ActionSet',
      actions: [
        {
          type: 'Action.Execute',
          title: l.yes,
          verb: 'feedback',
          data: { adviceId: options.adviceId, helpful: true },
        },
        {
          type: 'Action.Execute',
          title: l.no,
          verb: 'feedback',
          data: { adviceId: options.adviceId, helpful: false },
        },
      ],
    });
  }
  return card(body, [
    { type: 'Action.OpenUrl', title: l.showAll, url: options.links.showAll },
    { type: 'Action.OpenUrl', title: l.download, url: options.links.download },
    ...(options.canAskExpert
      ? [
          {
            type: 'Action.Execute',
            title: l.askExpert,
            verb: 'askExpert',
            data: { adviceId: options.adviceId },
          },
        ]
      : []),
    ...(options.tenderReference && options.canRecordMvi
      ? [
          {
            type: 'Action.Execute',
            title: ML[options.lang].title,
            verb: 'mviRecordForm',
            data: { reference: options.tenderReference },
          },
        ]
      : []),
  ]);
}

export function tendersCard(tenders: readonly Tender[], lang: BotLanguage): Card {
  const l = L[lang];
  if (tenders.length === 0) return card([heading(l.tendersTitle, 'Large'), text(l.noTenders)]);
  return card([
    heading(l.tendersTitle, 'Large'),
    ...tenders.map((t) => ({
      type: 'Container',
      separator: true,
      items: [
        plain([{ text: t.reference, bold: true }, ` · ${t.title}`]),
        {
          type: 'FactSet',
          facts: [
            { title: l.kickoff, value: formatLongDate(t.kickoffDate, lang) },
            ...(t.estimatedValueEur !== undefined
              ? [{ title: l.value, value: formatEur(t.estimatedValueEur, lang) }]
              : []),
          ],
        },
        {
          type: 'ActionSet',
          actions: [
            {
              type: 'Action.Submit',
              title: l.adviceButton,
              data: { msteams: { type: 'imBack', value: `criteria voor ${t.reference}` } },
            },
            {
              type: 'Action.Execute',
              title: ML[lang].title,
              verb: 'mviRecordForm',
              data: { reference: t.reference },
            },
          ],
        },
      ],
    })),
  ]);
}

export function sessionsCard(
  sessions: readonly Session[],
  lang: BotLanguage,
  registerLink: (s: Session) => string,
): Card {
  const l = L[lang];
  if (sessions.length === 0) return card([heading(l.sessionsTitle, 'Large'), text(l.noSessions)]);
  const when = (s: Session): string =>
    new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Amsterdam',
    }).format(new Date(s.start));
  return card([
    heading(l.sessionsTitle, 'Large'),
    ...sessions.slice(0, 10).map((s) => ({
      type: 'Container',
      separator: true,
      items: [
        plain([{ text: s.title, bold: true }]),
        plain([{ text: `${when(s)}${s.location ? ` · ${s.location}` : ''}`, subtle: true }], {
          spacing: 'None',
        }),
        { type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: l.register, url: registerLink(s) }] },
      ],
    })),
  ]);
}

const SL = {
  nl: {
    title: 'Komende sessies',
    none: 'Er zijn geen sessies gepland.',
    register: 'Aanmelden',
    unregister: 'Afmelden',
    waitlist: 'Op de wachtlijst',
    registered: 'U bent aangemeld.',
    waiting: (n: number) => `U staat op de wachtlijst (plaats ${n}).`,
    full: 'Vol: aanmelden zet u op de wachtlijst.',
    places: (n: number) => `Nog ${n} ${n === 1 ? 'plaats' : 'plaatsen'}.`,
    checkIn: 'Inchecken',
    checkedIn: 'U bent ingecheckt.',
    pending: 'Ingecheckt; de organisator bevestigt uw aanwezigheid nog.',
    codeLabel: 'Code op het scherm (of leeg laten bij online deelname)',
    open: 'Bekijk in de tab',
    feedbackTitle: 'Hoe was het?',
    feedbackFor: (title: string) => `Uw oordeel over “${title}”`,
    rating: 'Cijfer van 1 (slecht) tot 5 (uitstekend)',
    stars: ['1 – slecht', '2 – matig', '3 – redelijk', '4 – goed', '5 – uitstekend'],
    comment: 'Toelichting (niet verplicht)',
    send: 'Verstuur beoordeling',
    thanks: 'Dank u wel voor uw beoordeling!',
    online: 'Online (Teams)',
  },
  en: {
    title: 'Upcoming sessions',
    none: 'No sessions are planned.',
    register: 'Register',
    unregister: 'Unregister',
    waitlist: 'On the waiting list',
    registered: 'You are registered.',
    waiting: (n: number) => `You are on the waiting list (place ${n}).`,
    full: 'Full: registering puts you on the waiting list.',
    places: (n: number) => `${n} ${n === 1 ? 'place' : 'places'} left.`,
    checkIn: 'Check in',
    checkedIn: 'You are checked in.',
    pending: 'Checked in; the organiser still has to confirm your attendance.',
    codeLabel: 'Code on the screen (leave empty when joining online)',
    open: 'Open in the tab',
    feedbackTitle: 'How was it?',
    feedbackFor: (title: string) => `Your rating of “${title}”`,
    rating: 'Rating from 1 (poor) to 5 (excellent)',
    stars: ['1 – poor', '2 – fair', '3 – reasonable', '4 – good', '5 – excellent'],
    comment: 'Comment (optional)',
    send: 'Send rating',
    thanks: 'Thank you for your rating!',
    online: 'Online (Teams)',
  },
} as const;

/**
 * The sessions card with actions: register or unregister in one click, check in while the
 * session runs (with the room's code, or without for online sessions), and rate sessions the
 * person attended. Titles and places come from organisers: plain text runs only.
 */
export function sessionOverviewCard(
  overview: SessionOverview,
  lang: BotLanguage,
  link: (s: SessionView) => string,
  notice?: string,
): Card {
  const l = SL[lang];
  const when = (s: SessionView): string =>
    new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Amsterdam',
    }).format(new Date(s.start));
  const body: unknown[] = [];
  if (notice) body.push(text(notice, { weight: 'Bolder', color: 'Accent' }));
  body.push(heading(l.title, 'Large'));
  if (overview.upcoming.length === 0) body.push(text(l.none));
  for (const s of overview.upcoming.slice(0, 8)) {
    const status =
      s.me.registration === 'registered'
        ? l.registered
        : s.me.registration === 'waitlisted'
          ? l.waiting(s.me.waitlistPosition ?? 1)
          : s.counts.placesLeft === 0
            ? l.full
            : s.counts.placesLeft !== null
              ? l.places(s.counts.placesLeft)
              : '';
    const actions: unknown[] = [];
    if (s.checkIn !== 'open' && !s.ended) {
      actions.push(
        s.me.registration
          ? {
              type: 'Action.Execute',
              title: l.unregister,
              verb: 'sessionUnregister',
              data: { sessionId: s.id },
            }
          : {
              type: 'Action.Execute',
              title: l.register,
              verb: 'sessionRegister',
              data: { sessionId: s.id },
              style: 'positive',
            },
      );
    }
    actions.push({ type: 'Action.OpenUrl', title: l.open, url: link(s) });
    const items: unknown[] = [
      plain([{ text: s.title, bold: true }]),
      plain([{ text: `${when(s)} · ${s.location ?? l.online}`, subtle: true }], { spacing: 'None' }),
    ];
    if (status) items.push(text(status, { spacing: 'Small' }));
    if (s.checkIn === 'open') {
      if (s.me.attendance === 'present') items.push(text(l.checkedIn, { color: 'Good' }));
      else if (s.me.attendance === 'pending') items.push(text(l.pending));
      else {
        items.push({ type: 'Input.Text', id: `code-${s.id}`, label: l.codeLabel, maxLength: 12 });
        actions.unshift({
          type: 'Action.Execute',
          title: l.checkIn,
          verb: 'sessionCheckIn',
          data: { sessionId: s.id },
          style: 'positive',
        });
      }
    }
    items.push({ type: 'ActionSet', actions });
    body.push({ type: 'Container', separator: true, items });
  }
  for (const s of overview.feedbackDue.slice(0, 3)) {
    body.push({
      type: 'Container',
      separator: true,
      items: [
        heading(l.feedbackTitle),
        plain([{ text: l.feedbackFor(s.title) }]),
        {
          type: 'Input.ChoiceSet',
          id: `rating-${s.id}`,
          label: l.rating,
          style: 'expanded',
          isRequired: true,
          errorMessage: l.rating,
          choices: l.stars.map((title, i) => ({ title, value: String(i + 1) })),
        },
        { type: 'Input.Text', id: `comment-${s.id}`, label: l.comment, isMultiline: true, maxLength: 1000 },
        {
          type: 'ActionSet',
          actions: [
            { type: 'Action.Execute', title: l.send, verb: 'sessionFeedback', data: { sessionId: s.id } },
          ],
        },
      ],
    });
  }
  return card(body);
}

export const sessionLabels = (lang: BotLanguage) => SL[lang];

const ML = {
  nl: {
    title: 'MVI in deze aanbesteding',
    intro:
      'Vink aan welke criteria in de aanbestedingsstukken staan. Dit telt mee in de MVI-monitoring van uw gemeente.',
    socialReturn: 'Social return gevraagd',
    percentage: 'Percentage social return',
    reason: 'Geen MVI? Waarom niet',
    reasonPlaceholder: 'Kies een reden (alleen zonder criteria)',
    realisation: 'Realisatie bij levering',
    results: 'Resultaten (optioneel)',
    save: 'Opslaan',
    open: 'Openen in de tab',
    saved: 'MVI-registratie opgeslagen.',
    summary: (criteria: number, sr: string) => `${criteria} criteria vastgelegd; ${sr}.`,
    srAsked: (p: number | undefined) => `social return ${p ?? '?'} %`,
    srNone: 'geen social return',
  },
  en: {
    title: 'MVI in this tender',
    intro:
      'Tick the criteria that are in the tender documents. This counts in your municipality’s MVI monitoring.',
    socialReturn: 'Social return asked',
    percentage: 'Social return percentage',
    reason: 'No MVI? Why not',
    reasonPlaceholder: 'Choose a reason (only without criteria)',
    realisation: 'Realisation at delivery',
    results: 'Results (optional)',
    save: 'Save',
    open: 'Open in the tab',
    saved: 'MVI record saved.',
    summary: (criteria: number, sr: string) => `${criteria} criteria recorded; ${sr}.`,
    srAsked: (p: number | undefined) => `social return ${p ?? '?'}%`,
    srNone: 'no social return',
  },
} as const;

/** What the MVI record form shows: the stored record, or what the user just sent. */
export interface MviFormState {
  appliedCriteria: readonly string[];
  socialReturn: { applied: boolean; percentage?: number | undefined };
  noMviReason?: NoMviReason | undefined;
  realisation: Realisation;
  results?: string | undefined;
}

/** Card input ids of the criteria lists: one multi-select per product group. */
export const MVI_CRITERIA_INPUT = 'criteria-';

/**
 * The MVI record of a tender as a form: criteria of the tender's product groups to tick,
 * social return, the reason when there is no MVI, realisation. `notice` is shown on top
 * (saved, or what was wrong with the last try).
 */
export function mviRecordCard(
  tender: Pick<Tender, 'reference' | 'title'>,
  groups: readonly { id: string; name: string; criteria: readonly { id: string; title: string }[] }[],
  state: MviFormState,
  lang: BotLanguage,
  tabLink: string,
  notice?: { text: string; error: boolean },
): Card {
  const l = ML[lang];
  const body: unknown[] = [];
  if (notice) body.push(text(notice.text, { weight: 'Bolder', color: notice.error ? 'Attention' : 'Good' }));
  body.push(
    plain(
      [
        { text: `${l.title}: `, bold: true },
        { text: `${tender.reference} · ${truncate(tender.title, 100)}`, bold: true },
      ],
      { style: 'heading' },
    ),
    text(l.intro),
  );
  for (const g of groups) {
    body.push({
      type: 'Input.ChoiceSet',
      id: `${MVI_CRITERIA_INPUT}${g.id}`,
      label: g.name,
      isMultiSelect: true,
      style: 'expanded',
      value: g.criteria
        .filter((c) => state.appliedCriteria.includes(c.id))
        .map((c) => c.id)
        .join(','),
      choices: g.criteria.map((c) => ({ title: c.title, value: c.id })),
    });
  }
  body.push(
    {
      type: 'Input.Toggle',
      id: 'socialReturn',
      title: l.socialReturn,
      valueOn: 'true',
      valueOff: 'false',
      value: String(state.socialReturn.applied),
    },
    {
      type: 'Input.Number',
      id: 'percentage',
      label: l.percentage,
      min: 0,
      max: 100,
      ...(state.socialReturn.percentage !== undefined ? { value: state.socialReturn.percentage } : {}),
    },
    {
      type: 'Input.ChoiceSet',
      id: 'reason',
      label: l.reason,
      style: 'compact',
      placeholder: l.reasonPlaceholder,
      value: state.noMviReason ?? '',
      choices: NO_MVI_REASONS.map((r) => ({ title: NO_MVI_REASON_LABELS[r][lang], value: r })),
    },
    {
      type: 'Input.ChoiceSet',
      id: 'realisation',
      label: l.realisation,
      style: 'compact',
      value: state.realisation,
      choices: REALISATIONS.map((r) => ({ title: REALISATION_LABELS[r][lang], value: r })),
    },
    {
      type: 'Input.Text',
      id: 'results',
      label: l.results,
      isMultiline: true,
      maxLength: 2000,
      value: state.results ?? '',
    },
  );
  return card(body, [
    {
      type: 'Action.Execute',
      title: l.save,
      verb: 'mviRecord',
      data: { reference: tender.reference },
      style: 'positive',
    },
    { type: 'Action.OpenUrl', title: l.open, url: tabLink },
  ]);
}

/** After saving: what was recorded, with the way back to the form and to the tab. */
export function mviSavedCard(
  tender: Pick<Tender, 'reference' | 'title'>,
  record: MviFormState,
  lang: BotLanguage,
  tabLink: string,
): Card {
  const l = ML[lang];
  const sr = record.socialReturn.applied ? l.srAsked(record.socialReturn.percentage) : l.srNone;
  return card(
    [
      text(l.saved, { weight: 'Bolder', color: 'Good' }),
      plain([{ text: `${tender.reference} · ${truncate(tender.title, 100)}`, bold: true }]),
      text(l.summary(record.appliedCriteria.length, sr)),
      text(`${l.realisation}: ${REALISATION_LABELS[record.realisation][lang]}`, { spacing: 'Small' }),
    ],
    [
      {
        type: 'Action.Execute',
        title: l.title,
        verb: 'mviRecordForm',
        data: { reference: tender.reference },
      },
      { type: 'Action.OpenUrl', title: l.open, url: tabLink },
    ],
  );
}

const EL = {
  nl: {
    title: 'Sorry, er ging iets mis aan onze kant.',
    text: 'Probeer het over een ogenblik nog eens. Blijft het misgaan, typ dan **vraag een expert** of neem contact op met het MVI-team.',
    again: 'Typ **help** om te zien wat ik kan.',
  },
  en: {
    title: 'Sorry, something went wrong on our side.',
    text: 'Please try again in a moment. If it keeps failing, type **ask an expert** or contact the MVI team.',
    again: 'Type **help** to see what I can do.',
  },
} as const;

/** What a person sees when a turn fails: never the SDK's English default, always in their language. */
export function errorCard(lang: BotLanguage): Card {
  const l = EL[lang];
  return card([
    text(l.title, { weight: 'Bolder', color: 'Attention', style: 'heading' }),
    text(l.text, { spacing: 'Small' }),
    text(l.again, { isSubtle: true, spacing: 'Small' }),
  ]);
}
