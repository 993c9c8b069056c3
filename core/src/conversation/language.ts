/**
 * Which language a message is written in, Dutch or English: people write in their own
 * language whatever their Teams client is set to, and expect the answer in it. Function words
 * decide ("welke", "voor", "het" against "which", "for", "the"); a message too short to tell
 * gives no answer, and the caller falls back to the conversation's or the client's language.
 */
import type { Language } from '../kernel/language.js';

// prettier-ignore
const DUTCH = new Set([
  'de', 'het', 'een', 'en', 'van', 'voor', 'is', 'zijn', 'wat', 'welke', 'wie', 'hoe', 'waar', 'ik', 'wij', 'we', 'jij', 'u', 'uw',
  'niet', 'geen', 'met', 'op', 'als', 'bij', 'aan', 'naar', 'om', 'te', 'mijn', 'onze', 'ons', 'graag', 'kan', 'kun', 'kunt', 'moet',
  'moeten', 'wil', 'willen', 'ook', 'nog', 'maar', 'dan', 'dat', 'dit', 'deze', 'die', 'er', 'heb', 'hebben', 'heeft', 'wordt',
  'worden', 'gaat', 'nee', 'ja', 'bedoel', 'alleen', 'dank', 'bedankt', 'alstublieft', 'aub', 'hoeveel', 'waarom', 'inkopen',
  'aanbesteding', 'gemeente', 'criteria', 'opdracht', 'ongeveer', 'circa', 'miljoen', 'graag', 'mogelijk', 'nieuwe', 'vraag', 'in',
]);

// prettier-ignore
const ENGLISH = new Set([
  'the', 'a', 'an', 'and', 'of', 'for', 'is', 'are', 'what', 'which', 'who', 'how', 'where', 'i', 'we', 'you', 'your', 'not', 'no',
  'with', 'on', 'if', 'at', 'to', 'my', 'our', 'us', 'please', 'can', 'could', 'must', 'should', 'want', 'would', 'also', 'still',
  'but', 'then', 'that', 'this', 'these', 'those', 'there', 'have', 'has', 'will', 'be', 'been', 'yes', 'mean', 'only', 'thanks',
  'thank', 'much', 'many', 'why', 'buy', 'buying', 'tender', 'municipality', 'about', 'around', 'million', 'new', 'question',
  'contract', 'services', 'supply', 'do', 'does', 'it', 'its', 'from', 'in',
]);

/** Dutch letter pairs that English hardly has: "ij" in "wij", "oe" in "schoonmaak", "aa" in "waarde". */
const DUTCH_LETTERS = /ij|oe|aa|uu|sch|eeu|ui/g;

/**
 * The language of a text, or undefined when it cannot be told (too short, or as much of
 * either). Reads at most the first 400 characters: the start of a message says enough.
 */
export function detectLanguage(text: string): Language | undefined {
  const words = text
    .slice(0, 400)
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z]+/)
    .filter(Boolean);
  let nl = 0;
  let en = 0;
  for (const w of words) {
    // "in", "is", "we" are both; each side scores them, so they cancel out.
    if (DUTCH.has(w)) nl++;
    if (ENGLISH.has(w)) en++;
    nl += (w.match(DUTCH_LETTERS)?.length ?? 0) * 0.5;
  }
  if (nl === en || Math.max(nl, en) < 1) return undefined;
  return nl > en ? 'nl' : 'en';
}

/**
 * An explicit request to switch language ("in English please", "in het Nederlands", "speak
 * Dutch"), or undefined.
 */
export function languageSwitch(text: string): Language | undefined {
  const t = text
    .toLowerCase()
    .trim()
    .replace(/[.!?]+$/, '');
  if (
    /^(?:(?:in|graag in|liever in|answer in|reply in|speak|please answer in)\s+)?(?:english|engels)(?:\s+(?:please|graag|alstublieft|aub))?$/.test(
      t,
    )
  )
    return 'en';
  if (
    /^(?:(?:in|graag in|liever in|answer in|reply in|speak|spreek|please answer in)\s+)?(?:het\s+)?(?:nederlands|dutch)(?:\s+(?:please|graag|alstublieft|aub))?$/.test(
      t,
    )
  )
    return 'nl';
  return undefined;
}
