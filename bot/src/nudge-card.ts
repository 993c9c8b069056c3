/**
 * The card of a proactive MVI nudge: what is coming up for the tender and what to do now,
 * followed by the engine's advice for it (the same advice card as in a conversation, so the
 * ambition switch and feedback work on it). A pure function of the stage, tender and advice.
 */
import type { Advice } from '../../core/src/engine/advise.js';
import type { Tender } from '../../core/src/index.js';
import type { NeighboursBlock } from '../../core/src/neighbours/view.js';
import { cardIntro, kickoffChecklist, type NudgeStage } from '../../core/src/nudges/index.js';
import { adviceCard, type Card } from './cards.js';
import type { BotLanguage } from './messages.js';

export interface NudgeCardOptions {
  adviceId: string;
  lang: BotLanguage;
  /** What the region did in similar tenders. */
  neighbours?: NeighboursBlock | null;
  links: {
    /** The tender's page in the tab. */
    tender: string;
    showAll: string;
    download: string;
    /** The Ambitieweb tool in the toolbox. */
    ambitieweb: string;
  };
}

const text = (value: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...extra,
});

export function nudgeCard(
  stage: NudgeStage,
  tender: Pick<Tender, 'reference' | 'title' | 'kickoffDate' | 'estimatedValueEur'>,
  advice: Advice,
  options: NudgeCardOptions,
): Card {
  const { lang } = options;
  const intro = cardIntro(stage, tender, lang);
  const opening: unknown[] = [
    text(intro.title, { weight: 'Bolder', size: 'Large', style: 'heading' }),
    // The tender's title is the user's text: a TextRun is never read as Markdown.
    {
      type: 'RichTextBlock',
      inlines: [{ type: 'TextRun', text: `${tender.reference} · ${tender.title}`, weight: 'Bolder' }],
    },
    text(intro.text),
  ];
  if (stage === 'kickoff')
    opening.push(
      text(
        kickoffChecklist(lang)
          .map((item) => `- ${item}`)
          .join('\n'),
        { spacing: 'Small' },
      ),
    );
  const actions: unknown[] = [
    {
      type: 'Action.OpenUrl',
      title: lang === 'en' ? 'Open the tender' : 'Open de aanbesteding',
      url: options.links.tender,
    },
  ];
  if (stage === 'prepare')
    actions.push({
      type: 'Action.OpenUrl',
      title: lang === 'en' ? 'Plan an Ambitieweb session' : 'Plan een Ambitieweb-sessie',
      url: options.links.ambitieweb,
    });
  opening.push({ type: 'ActionSet', actions });

  const advised = adviceCard(advice, {
    adviceId: options.adviceId,
    title: tender.title,
    tenderReference: tender.reference,
    ...(tender.estimatedValueEur !== undefined ? { estimatedValueEur: tender.estimatedValueEur } : {}),
    lang,
    ...(options.neighbours ? { neighbours: options.neighbours } : {}),
    links: { showAll: options.links.showAll, download: options.links.download },
    // At kickoff the criteria are being chosen: the commissioning manager can record them right here.
    canRecordMvi: stage === 'kickoff',
  });
  const body = Array.isArray(advised['body']) ? (advised['body'] as unknown[]) : [];
  return {
    ...advised,
    body: [{ type: 'Container', style: 'emphasis', bleed: true, items: opening }, ...body],
  };
}
