/** Reading what users type in Teams, and writing user text safely into cards. */

/** Removes mentions, HTML tags and entities that Teams puts into message text. */
export function cleanMessageText(text: string | undefined): string {
  return (text ?? '')
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
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
  | { kind: 'follow-up'; estimatedValueEur?: number; ambition?: 'basic' | 'significant' | 'ambitious' }
  | { kind: 'advice'; text: string };

const AMBITION_WORDS: Record<string, 'basic' | 'significant' | 'ambitious'> = {
  basis: 'basic',
  basic: 'basic',
  significant: 'significant',
  ambitieus: 'ambitious',
  ambitieuze: 'ambitious',
  ambitious: 'ambitious',
};

/**
 * What the user wants. `hasContext` tells whether the conversation has earlier advice, so
 * "en als het €150.000 is?" can be read as a follow-up.
 */
export function readIntent(
  text: string,
  hasContext: boolean,
  amount: (t: string) => number | undefined,
): Intent {
  const t = text.trim();
  const lower = t
    .toLowerCase()
    .replace(/[?!.]+$/, '')
    .trim();
  if (!lower) return { kind: 'empty' };
  if (/^(help|hulp|\?|wat kun je|what can you do)$/.test(lower)) return { kind: 'help' };
  if (/^(sessies|sessions|lunchsessies|workshops)$/.test(lower)) return { kind: 'sessions' };
  if (/^(mijn aanbestedingen|my tenders|aanbestedingen|tenders)$/.test(lower)) return { kind: 'my-tenders' };
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
  if (hasContext) {
    const words = lower.split(/\s+/);
    const short = words.length <= 8;
    const value = amount(t);
    const ambitionWord = words.map((w) => AMBITION_WORDS[w.replace(/[^a-z]/g, '')]).find(Boolean);
    const followUpWords = /^(en|and|what|wat|stel|als|if|bij|met|with|maar|but)\b/.test(lower);
    if (short && (value !== undefined || ambitionWord) && (followUpWords || words.length <= 3)) {
      return {
        kind: 'follow-up',
        ...(value !== undefined ? { estimatedValueEur: value } : {}),
        ...(ambitionWord ? { ambition: ambitionWord } : {}),
      };
    }
  }
  return { kind: 'advice', text: t };
}
