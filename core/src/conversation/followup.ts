/**
 * Reading a message in a conversation about a tender: does it change one thing of what was
 * asked before ("en als het 150.000 is?", "ambitieuzer", "start in 2027", "nee, ik bedoel
 * leerlingenvervoer"), start over ("nieuwe vraag"), switch language, or ask a new question?
 * Pure and linear in the length of the text: every pattern is anchored or bounded.
 */
import { AMBITION_LEVELS, type AmbitionLevel } from '../content/schema.js';
import type { Language } from '../kernel/language.js';
import { languageSwitch } from './language.js';

/** What a follow-up changes in the conversation's tender context. */
export interface ContextChange {
  estimatedValueEur?: number;
  ambition?: AmbitionLevel;
  /** YYYY-MM-DD: the planned start, which sets the threshold period. */
  date?: string;
  /** What the user says the tender is about instead ("leerlingenvervoer"). */
  groupText?: string;
  /** The user asks for the criteria as a document. */
  download?: true;
}

export type Turn =
  | { kind: 'reset' }
  | { kind: 'language'; language: Language }
  | { kind: 'follow-up'; change: ContextChange }
  | { kind: 'question' };

/** Follow-ups are short; a longer message is a question of its own. */
const MAX_FOLLOW_UP_WORDS = 12;
/** Only the start of a message is read for a follow-up. */
const READ = 300;

const RESET =
  /^(?:nieuwe vraag|andere vraag|opnieuw|begin opnieuw|opnieuw beginnen|reset|new question|another question|start over|start again)$/;
const LEAD =
  /^(?:en|and|maar|but|wat|what|stel|suppose|als|if|nee|no|ja|yes|oh|ok|oke|okay|dus|so|dan|then|bij|with|met|per|vanaf|from|start|starting|begin|en als|and if|wat als|what if)\b/;
const DOWNLOAD =
  /\b(?:download(?:en)?|docx|word-?(?:bestand|document)|als word|as word|stuur (?:het|de) (?:document|criteria)|send (?:the|me the) (?:document|criteria))\b/;
const GROUP =
  /^(?:nee[,.!]?\s+|no[,.!]?\s+)?(?:ik bedoel|ik bedoelde|bedoel|het gaat om|het gaat over|eigenlijk|i mean|i meant|it is about|it's about|actually)\s+(.{2,120})$/;

const MONTHS: Record<string, number> = {
  januari: 1,
  january: 1,
  jan: 1,
  februari: 2,
  february: 2,
  feb: 2,
  maart: 3,
  march: 3,
  mrt: 3,
  mar: 3,
  april: 4,
  apr: 4,
  mei: 5,
  may: 5,
  juni: 6,
  june: 6,
  jun: 6,
  juli: 7,
  july: 7,
  jul: 7,
  augustus: 8,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  october: 10,
  okt: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

const WORD_NUMBERS: Record<string, number> = {
  een: 1,
  één: 1,
  one: 1,
  a: 1,
  anderhalf: 1.5,
  anderhalve: 1.5,
  half: 0.5,
  halve: 0.5,
  twee: 2,
  two: 2,
  drie: 3,
  three: 3,
  vier: 4,
  four: 4,
  vijf: 5,
  five: 5,
  zes: 6,
  six: 6,
  zeven: 7,
  seven: 7,
  acht: 8,
  eight: 8,
  negen: 9,
  nine: 9,
  tien: 10,
  ten: 10,
};

const UNITS: Record<string, number> = {
  mln: 1e6,
  miljoen: 1e6,
  million: 1e6,
  m: 1e6,
  mio: 1e6,
  ton: 1e5,
  k: 1e3,
  duizend: 1e3,
  thousand: 1e3,
  dzd: 1e3,
};

/** What a message is, given whether the conversation has a tender context to change. */
export function readTurn(text: string, hasContext: boolean, current?: { ambition?: AmbitionLevel }): Turn {
  const t = normalise(text.slice(0, READ));
  if (RESET.test(t)) return { kind: 'reset' };
  const language = languageSwitch(t);
  if (language) return { kind: 'language', language };
  if (!hasContext) return { kind: 'question' };
  const words = t.split(' ').filter(Boolean);
  if (text.length > READ || words.length > MAX_FOLLOW_UP_WORDS) return { kind: 'question' };
  const group = GROUP.exec(t)?.[1]?.trim();
  if (group) return { kind: 'follow-up', change: { groupText: group } };
  const change: ContextChange = {};
  const date = dateIn(t);
  const rest = date ? t.replace(date.text, ' ') : t;
  const value = amountIn(rest);
  if (value !== undefined) change.estimatedValueEur = value;
  if (date) change.date = date.iso;
  const ambition = ambitionIn(rest, current?.ambition);
  if (ambition) change.ambition = ambition;
  if (DOWNLOAD.test(t)) change.download = true;
  if (Object.keys(change).length === 0) return { kind: 'question' };
  // "Schoonmaak gemeentehuis 400.000" is a new question that names a value; a follow-up is
  // short or starts like one ("en als het...").
  const onlyChange = words.length <= 4 || LEAD.test(t);
  return onlyChange ? { kind: 'follow-up', change } : { kind: 'question' };
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[€]/g, ' € ').replace(/[?!]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * An amount of money as people type it in a follow-up, with or without a euro sign:
 * "150.000", "€ 1,2 mln", "1.2 million", "95k", "een ton", "anderhalf miljoen". A bare number
 * below 1,000 is no amount (it may be a count or a percentage), nor is a year.
 */
export function amountIn(text: string): number | undefined {
  const t = normalise(text);
  let best: number | undefined;
  for (const m of t.matchAll(
    /(?<![\d.,])(\d{1,3}(?:[.,\s ]\d{3})+|\d+(?:[.,]\d{1,2})?)(?![\d%])\s*(mln|miljoen|million|mio|m|ton|k|duizend|thousand|dzd)?\b/g,
  )) {
    const number = numberOf(m[1]!);
    if (number === undefined) continue;
    const unit = m[2];
    const value = unit ? number * UNITS[unit]! : number;
    const grouped = /[.,\s ]\d{3}$/.test(m[1]!);
    if (!unit && (value < 1000 || (!grouped && /^(19|20)\d{2}$/.test(m[1]!)))) continue;
    best = Math.max(best ?? 0, value);
  }
  for (const m of t.matchAll(
    /\b(een|één|one|a|anderhalf|anderhalve|half|halve|twee|two|drie|three|vier|four|vijf|five|zes|six|zeven|seven|acht|eight|negen|nine|tien|ten)\s+(ton|miljoen|million)\b/g,
  )) {
    best = Math.max(best ?? 0, WORD_NUMBERS[m[1]!]! * UNITS[m[2]!]!);
  }
  return best !== undefined && best > 0 && best <= 1e11 ? Math.round(best) : undefined;
}

/** "150.000" (Dutch thousands), "150,000" (English thousands), "1,2" (Dutch decimal), "1.2" (English decimal). */
function numberOf(raw: string): number | undefined {
  if (/^\d{1,3}(?:[.,\s ]\d{3})+$/.test(raw)) return Number(raw.replace(/[.,\s ]/g, ''));
  const value = Number(raw.replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

/** A start date in a follow-up: "start in 2027", "in maart 2027", "per 1 april 2027", "15-03-2027". */
function dateIn(t: string): { text: string; iso: string } | undefined {
  const full = /\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b/.exec(t);
  if (full) return iso(full[0], Number(full[3]), Number(full[2]), Number(full[1]));
  const dayMonth = /\b(\d{1,2})\s+([a-z]{3,9})\s+(\d{4})\b/.exec(t);
  if (dayMonth && MONTHS[dayMonth[2]!])
    return iso(dayMonth[0], Number(dayMonth[3]), MONTHS[dayMonth[2]!]!, Number(dayMonth[1]));
  const monthYear = /\b([a-z]{3,9})\s+(\d{4})\b/.exec(t);
  if (monthYear && MONTHS[monthYear[1]!])
    return iso(monthYear[0], Number(monthYear[2]), MONTHS[monthYear[1]!]!, 1);
  const year =
    /\b(?:start(?:en|s|ing)?|begin(?:t|nen|s)?|vanaf|per|from|in)\s+(?:in\s+)?((?:19|20)\d{2})\b/.exec(t);
  if (year) return iso(year[0], Number(year[1]), 1, 1);
  return undefined;
}

function iso(text: string, y: number, m: number, d: number): { text: string; iso: string } | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return { text, iso: date.toISOString().slice(0, 10) };
}

/** An ambition level, absolute ("alleen basis") or relative to the current one ("ambitieuzer"). */
function ambitionIn(t: string, current: AmbitionLevel | undefined): AmbitionLevel | undefined {
  const step = (by: number): AmbitionLevel => {
    const at = AMBITION_LEVELS.indexOf(current ?? 'significant');
    return AMBITION_LEVELS[Math.max(0, Math.min(AMBITION_LEVELS.length - 1, at + by))]!;
  };
  if (
    /\b(?:minder ambitieu[sz]e?|lager(?:e)? ambitie(?:niveau)?|less ambitious|lower ambition|minder ambitie)\b/.test(
      t,
    )
  )
    return step(-1);
  if (
    /\b(?:ambitieuzer|ambitieuzere|meer ambitie|hoger(?:e)? ambitie(?:niveau)?|more ambitious|higher ambition|more ambition)\b/.test(
      t,
    )
  )
    return step(1);
  if (/\b(?:basis|basisniveau|basic|minimum|minimaal)\b/.test(t)) return 'basic';
  if (/\b(?:significant|significante|middel|gemiddeld)\b/.test(t)) return 'significant';
  if (/\b(?:ambitieus|ambitieuze|ambitious|hoogste|highest|maximaal)\b/.test(t)) return 'ambitious';
  return undefined;
}
