/**
 * The neighbours' block of the advice card ("Ga kijken bij de buren"): what the region did in
 * similar tenders, the criteria used most, the tenders shared with title and year, and a Teams
 * chat with a shared contact person. A pure function of the block the backend computed.
 */
import type { NeighboursBlock } from '../../core/src/neighbours/view.js';
import type { BotLanguage } from './messages.js';
import { truncate } from './text.js';

const L = {
  nl: {
    title: 'Ga kijken bij de buren',
    used: 'Meest gebruikt in de regio',
    tenders: (n: number) => `${n} ${n === 1 ? 'aanbesteding' : 'aanbestedingen'}`,
    shared: 'Gedeeld door de buren',
    chat: (name: string) => `Chat met ${name}`,
    take: 'Criteria van de buren in de selectie (tab)',
  },
  en: {
    title: 'Look at the neighbours',
    used: 'Used most in the region',
    tenders: (n: number) => `${n} ${n === 1 ? 'tender' : 'tenders'}`,
    shared: 'Shared by the neighbours',
    chat: (name: string) => `Chat with ${name}`,
    take: 'Neighbours’ criteria in the selection (tab)',
  },
} as const;

const text = (value: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...extra,
});

/** Titles and names come from other municipalities: TextRuns, never Markdown. */
const run = (value: string, extra: Record<string, unknown> = {}) => ({
  type: 'TextRun',
  text: value,
  ...extra,
});

/**
 * The block's card elements: a container after the social return section. `selectLink` opens
 * the tab with the region's most used criteria added to the selection for the .docx.
 */
export function neighboursSection(
  block: NeighboursBlock | null | undefined,
  lang: BotLanguage,
  selectLink?: (criterionIds: readonly string[]) => string,
): unknown[] {
  if (!block) return [];
  const l = L[lang];
  const items: unknown[] = [
    text(l.title, { weight: 'Bolder', size: 'Medium', style: 'heading' }),
    { type: 'RichTextBlock', inlines: [run(block.sentence)] },
  ];
  if (block.reciprocity) items.push(text(block.reciprocity, { isSubtle: true, spacing: 'Small' }));
  if (block.topCriteria.length > 0) {
    items.push(text(l.used, { weight: 'Bolder', spacing: 'Small' }), {
      type: 'FactSet',
      facts: block.topCriteria.map((c) => ({ title: l.tenders(c.tenders), value: truncate(c.title, 120) })),
    });
  }
  const actions: unknown[] = [];
  if (block.examples.length > 0) {
    items.push(text(l.shared, { weight: 'Bolder', spacing: 'Small' }));
    for (const e of block.examples) {
      items.push({
        type: 'RichTextBlock',
        spacing: 'None',
        inlines: [
          run(`${truncate(e.title, 100)} · ${e.municipalityName} · ${e.year}`),
          ...(e.contact ? [run(` · ${e.contact.displayName}`, { isSubtle: true })] : []),
        ],
      });
    }
    const contacts = new Map(
      block.examples
        .filter((e) => e.contact?.chatUrl)
        .map((e) => [e.contact!.chatUrl!, e.contact!.displayName]),
    );
    for (const [url, name] of contacts) actions.push({ type: 'Action.OpenUrl', title: l.chat(name), url });
  }
  if (selectLink && block.topCriteria.length > 0)
    actions.push({
      type: 'Action.OpenUrl',
      title: l.take,
      url: selectLink(block.topCriteria.map((c) => c.id)),
    });
  if (actions.length > 0) items.push({ type: 'ActionSet', actions: actions.slice(0, 4) });
  return [{ type: 'Container', separator: true, spacing: 'Medium', items }];
}
