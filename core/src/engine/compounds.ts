/**
 * Dutch compound splitting against a vocabulary. Dutch writes compounds as one word
 * ("schoonmaakdienstverlening", "buurtbemiddeling", "stadsdeel"); the parts say what the
 * word is about, the last part (the head) most of all.
 *
 * A split must account for the whole word: known parts, one after the other, with the
 * linking letters Dutch puts between them (stad-s-deel, boek-en-kast). Words found
 * somewhere inside a word ("enten" inside "componenten", "hand" inside "handheld") are
 * not parts of it. Only a word nobody knows may be split loosely: a known start or a
 * known end, the rest left unread.
 *
 * Besides the vocabulary's own words, the splitter learns the parts that the vocabulary
 * itself is built of: when two or more of its compounds start with the same letters
 * followed by a known word ("buurtwerk", "buurtteam"), that start ("buurt") is a part
 * too; likewise for a shared end after a known word.
 */

export interface CompoundPart {
  part: string;
  /** The last part, what the compound is. */
  head: boolean;
}

/** Parts are at least this long; shorter pieces are too often an accident. */
const MIN_PART = 4;
/** Linking letters between parts, longest first. */
const LINKS = ['en', 's', 'e'] as const;
/** A learnt part must be the start (or end) of this many compounds of the vocabulary. */
const MIN_LEARNT_FROM = 2;
/** Learnt parts are at least this long: shorter shared ends are suffixes ("eren", "ing"), not words. */
const MIN_LEARNT_PART = 5;
/** Splits remembered per vocabulary (a bounded cache: queries repeat their words). */
const SPLIT_CACHE_LIMIT = 50_000;
/** Letters a loose split may leave unread at the start or the end of an unknown word. */
const MIN_UNREAD = 3;

export class Decompounder {
  private readonly parts: Set<string>;
  private readonly splits = new Map<string, CompoundPart[]>();

  /** `vocabulary`: the words that may be parts (lower-case, no stop words). */
  /** `isWord`: words that are words without being parts (stop words such as "diensten"). */
  constructor(vocabulary: Iterable<string>, isWord: (word: string) => boolean = () => false) {
    const known = new Set<string>();
    for (const w of vocabulary) if (w.length >= MIN_PART) known.add(w);
    this.parts = new Set([...known, ...learntParts(known, isWord)]);
  }

  has(word: string): boolean {
    return this.parts.has(word);
  }

  /**
   * The parts of a compound, when they make up the whole word; empty when the word is no
   * compound of known parts. Fewest parts win, then the longest head.
   */
  split(word: string): CompoundPart[] {
    if (word.length < 2 * MIN_PART) return [];
    const cached = this.splits.get(word);
    if (cached) return cached;
    const found = this.tile(word);
    const parts = found ? found.map((part, i) => ({ part, head: i === found.length - 1 })) : [];
    // Queries repeat their words; splitting is the costliest step of reading one.
    if (this.splits.size >= SPLIT_CACHE_LIMIT) this.splits.clear();
    this.splits.set(word, parts);
    return parts;
  }

  /**
   * Like split, and for a word the vocabulary does not know as a whole and cannot tile:
   * the longest known start (a modifier) and the longest known end (the head).
   */
  splitLoosely(word: string): CompoundPart[] {
    const exact = this.split(word);
    if (exact.length > 0 || word.length < 2 * MIN_PART) return exact;
    let start = '';
    for (let i = word.length - MIN_UNREAD; i >= MIN_PART; i--) {
      const candidate = word.slice(0, i);
      if (this.parts.has(candidate)) {
        start = candidate;
        break;
      }
    }
    let end = '';
    for (let i = MIN_UNREAD; i <= word.length - MIN_PART; i++) {
      const candidate = word.slice(i);
      if (this.parts.has(candidate)) {
        end = candidate;
        break;
      }
    }
    if (start && end && start.length + end.length > word.length) {
      // They overlap: keep the one that reads more of the word, the head when equal.
      if (start.length > end.length) end = '';
      else start = '';
    }
    // An unread end leaves the head unknown: a known start only modifies it.
    return [...(start ? [{ part: start, head: false }] : []), ...(end ? [{ part: end, head: true }] : [])];
  }

  /** The fewest known parts that, with linking letters, make up exactly `word`. */
  private tile(word: string): string[] | undefined {
    const n = word.length;
    // best[i]: the best tiling of word[0, i), or undefined when there is none.
    const best: (string[] | undefined)[] = new Array<string[] | undefined>(n + 1);
    best[0] = [];
    for (let i = MIN_PART; i <= n; i++) {
      let choice: string[] | undefined;
      for (let j = 0; j <= i - MIN_PART; j++) {
        const part = word.slice(j, i);
        if (part.length === n || !this.parts.has(part)) continue;
        for (const before of this.tilingsEndingAt(best, word, j)) {
          const candidate = [...before, part];
          if (
            !choice ||
            candidate.length < choice.length ||
            (candidate.length === choice.length && part.length > choice.at(-1)!.length)
          )
            choice = candidate;
        }
      }
      best[i] = choice;
    }
    const result = best[n];
    return result && result.length >= 2 ? result : undefined;
  }

  /** Tilings of word[0, j), directly or before linking letters that end at j. */
  private *tilingsEndingAt(best: (string[] | undefined)[], word: string, j: number): Generator<string[]> {
    const direct = best[j];
    if (direct) yield direct;
    if (j === 0) return;
    for (const link of LINKS) {
      const k = j - link.length;
      const before = best[k];
      if (k >= MIN_PART && before && before.length > 0 && word.slice(k, j) === link) yield before;
    }
  }
}

/**
 * Parts the vocabulary is built of: the start of at least two of its compounds that end in
 * one of its words ("buurt" from "buurtwerk" and "buurtteam"), and the end of at least two
 * that start with one of its words.
 */
function learntParts(known: ReadonlySet<string>, isWord: (word: string) => boolean): string[] {
  const starts = new Map<string, Set<string>>();
  const ends = new Map<string, Set<string>>();
  const note = (map: Map<string, Set<string>>, part: string, from: string): void => {
    if (known.has(part)) return;
    const set = map.get(part);
    if (set) set.add(from);
    else map.set(part, new Set([from]));
  };
  // A linking letter belongs between the parts, not to one of them ("koerier-s-diensten"
  // teaches no part "sdiensten").
  const word = (w: string): boolean => known.has(w) || isWord(w);
  const linked = (part: string, where: 'start' | 'end'): boolean =>
    LINKS.some((l) =>
      where === 'end'
        ? part.startsWith(l) && word(part.slice(l.length))
        : part.endsWith(l) && word(part.slice(0, -l.length)),
    );
  for (const word of known) {
    for (let i = MIN_PART; i <= word.length - MIN_PART; i++) {
      const start = word.slice(0, i);
      const rest = word.slice(i);
      for (const link of ['', ...LINKS]) {
        if (!rest.startsWith(link)) continue;
        const end = rest.slice(link.length);
        if (end.length < MIN_PART) continue;
        if (known.has(end) && start.length >= MIN_LEARNT_PART && !linked(start, 'start'))
          note(starts, start, word);
        if (known.has(start) && end.length >= MIN_LEARNT_PART && !linked(end, 'end')) note(ends, end, word);
      }
    }
  }
  const productive = (map: Map<string, Set<string>>): string[] =>
    [...map].filter(([, from]) => from.size >= MIN_LEARNT_FROM).map(([part]) => part);
  return [...productive(starts), ...productive(ends)];
}
