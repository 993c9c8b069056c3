/** Reading what users type in Teams, and writing user text safely into cards. */

/** Removes mentions, HTML tags and entities that Teams puts into message text. */
export function cleanMessageText(text: string | undefined): string {
  return (
    (text ?? '')
      // Bounded, so markup without an end is read in time linear in its length.
      .replace(/<at>[^<]{0,300}<\/at>/gi, ' ')
      .replace(/<[^<>]{1,500}>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/\s+/g, ' ')
      .trim()
  );
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export type Intent =
  | { kind: 'empty' }
  | { kind: 'help' }
  | { kind: 'sessions' }
  | { kind: 'my-tenders' }
  | { kind: 'tender'; reference: string }
  | { kind: 'record-mvi'; reference: string }
  | { kind: 'ask-expert'; question?: string }
  | { kind: 'advice'; text: string };

/**
 * What the user wants: a command, or else a question about a tender (which may be a
 * follow-up to the one discussed: core's readTurn tells).
 */
export function readIntent(text: string): Intent {
  const t = text.trim();
  const lower = t
    .toLowerCase()
    .replace(/[?!.]+$/, '')
    .trim();
  if (!lower) return { kind: 'empty' };
  if (/^(help|hulp|\?|wat kun je|what can you do)$/.test(lower)) return { kind: 'help' };
  if (/^(sessies|sessions|lunchsessies|workshops)$/.test(lower)) return { kind: 'sessions' };
  if (/^(mijn aanbestedingen|my tenders|aanbestedingen|tenders)$/.test(lower)) return { kind: 'my-tenders' };
  const expert =
    /^(?:(?:ik wil )?(?:een )?(?:vraag|stel) (?:een |het |de )?(?:mvi-?)?(?:expert|team)(?: een vraag)?|vraag het mvi-?team|ask (?:an? |the )?(?:mvi )?(?:expert|team))(?:$|\s*[:,-]\s*)/.exec(
      lower,
    );
  if (expert) {
    const question = t.slice(expert[0].length).trim();
    return question ? { kind: 'ask-expert', question } : { kind: 'ask-expert' };
  }
  // Recording MVI without naming a tender: the list of one's tenders, each with the form.
  if (/^(mvi (vastleggen|registreren)|registreer mvi|leg mvi vast|record mvi)$/.test(lower))
    return { kind: 'my-tenders' };
  const reference = /\b([A-Z]{1,4}-\d{4}-\d{2,4})\b/i.exec(t)?.[1];
  if (
    reference &&
    /\b(vastleggen|leg\b.*\bvast|registreren|registreer|registratie|record|register)\b/.test(lower)
  )
    return { kind: 'record-mvi', reference: reference.toUpperCase() };
  if (reference) return { kind: 'tender', reference: reference.toUpperCase() };
  return { kind: 'advice', text: t };
}
