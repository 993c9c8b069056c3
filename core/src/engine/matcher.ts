/**
 * Finds the documents a free-text tender description is about: the product groups (their
 * names, keywords and CPV labels), or the codes of the CPV vocabulary (their labels).
 * MiniSearch (BM25 with fuzzy and prefix matching) does the searching; this module feeds it
 * stems in both languages, splits Dutch compounds ("schoonmaakdienstverlening") into words
 * the index knows, and asks for fuzzy matches only for words the index does not know (typos).
 */
import MiniSearch from 'minisearch';
import type { CpvEntry, ProductGroup } from '../content/schema.js';
import { Decompounder } from './compounds.js';
import { isStopWord, stems, words } from './text.js';

/** What the matcher searches: a name, the words people use for it, and labels that describe it. */
export interface MatchDocument {
  id: string;
  name: string;
  keywords: string;
  labels: string;
}

export interface TextMatch {
  /** The id of the document: a product group id or an 8-digit CPV code. */
  groupId: string;
  score: number;
  /** The words of the query that matched, for the explanation. */
  matchedWords: string[];
  /**
   * `word`: a whole word of the title is a word of the group. `partial`: only part of a
   * compound, a typo-tolerant or prefix match, or the description; worth a look, not sure.
   */
  evidence: 'word' | 'partial';
  /** The part of the score that came from the title alone. */
  titleScore: number;
  /**
   * The group is the best match for a title word that at most two groups know
   * ("juridische"): it explains part of what is bought, however strong the others are.
   */
  anchor: boolean;
  /** Whole title words that matched exactly. */
  exactWords: string[];
  /**
   * The share (0..1) of the title's words that this group explains, whole or in part. A
   * title of which one word out of four matched ("CNC Milling Machine") is not understood.
   */
  titleCoverage: number;
}

const MAX_QUERY_WORDS = 60;
const MAX_DESCRIPTION_WORDS = 200;
/** How far the description can lift a group, relative to the best title score. */
const DESCRIPTION_SHARE = 1;
/** The description alone (a title the index does not know) counts at this rate. */
const DESCRIPTION_ALONE = 0.6;
/** Parts of a compound the index knows as a whole. */
const PART_OF_KNOWN_WORD = 0.5;
/** The non-final parts of an unknown compound. */
const MODIFIER_PART = 0.7;
/** Unknown words this long may hold two typos; shorter ones one. */
const FUZZY_2_FROM = 10;
/** A title word known to at most this many groups anchors its best group in the answer. */
const MAX_ANCHOR_GROUPS = 2;

export interface MatcherOptions {
  /** Description words found in more documents than this say too little to count. */
  maxDescriptionDf: number;
  /** A title word known to at most this many documents anchors its best document. */
  maxAnchorDocuments: number;
  /** Whether unknown words are read as typos of known ones (fuzzy matching). */
  typos: boolean;
  /** At most this many description words are looked up (the rarest). */
  maxDescriptionTerms?: number;
  /** Whether an unknown word may be read by a known start or end ("buurtbemiddeling"). */
  looseCompounds: boolean;
  /** Whether a long title word also finds the words it starts ("warmtenet" → warmtenetten). */
  prefixes: boolean;
}

/** The product groups as documents: names, keywords and the labels of their CPV prefixes. */
export function productGroupDocuments(groups: readonly ProductGroup[]): MatchDocument[] {
  return groups.map((g) => ({
    id: g.id,
    name: `${g.name.nl} ; ${g.name.en}`,
    keywords: [...g.keywords.nl, ...g.keywords.en].join(' ; '),
    labels: g.cpv.map((c) => `${c.label.nl} ; ${c.label.en}`).join(' ; '),
  }));
}

/** The CPV codes as documents: their labels, and the label of their parent for context. */
export function cpvDocuments(entries: readonly CpvEntry[]): MatchDocument[] {
  const byCode = new Map(entries.map((e) => [e.code.slice(0, 8), e]));
  return entries.map((e) => {
    const parent = e.parent ? byCode.get(e.parent) : undefined;
    return {
      id: e.code.slice(0, 8),
      name: `${e.nl} ; ${e.en}`,
      keywords: e.nlAlt ?? '',
      labels: parent ? `${parent.nl} ; ${parent.en}` : '',
    };
  });
}

export const PRODUCT_GROUP_MATCHING: MatcherOptions = {
  maxDescriptionDf: 12,
  maxAnchorDocuments: MAX_ANCHOR_GROUPS,
  typos: true,
  looseCompounds: true,
  prefixes: true,
};
/**
 * Thousands of short labels: a typo would find a neighbour ("fridge" → "bridge"), and a
 * loose split a stranger ("rentmeesters" → esters).
 */
export const CPV_MATCHING: MatcherOptions = {
  maxDescriptionDf: 60,
  maxAnchorDocuments: 8,
  typos: false,
  maxDescriptionTerms: 12,
  looseCompounds: false,
  prefixes: false,
};

export class TextMatcher {
  private readonly search: MiniSearch<MatchDocument>;
  /** Splits compounds into the words (and the parts of words) the index is made of. */
  private readonly compounds: Decompounder;
  private readonly knownStems = new Set<string>();
  private indexStemCache: Map<string, string[]> | undefined;
  /** In how many groups each stem occurs (document frequency). */
  private readonly groupsPerStem = new Map<string, number>();

  /**
   * `neutralStems`: stems of words that never bring a document in on their own and that a
   * title may leave unexplained (places, buildings, generic words: "raadhuis", "duurzaam").
   */
  constructor(
    documents: readonly MatchDocument[],
    private readonly options: MatcherOptions = PRODUCT_GROUP_MATCHING,
    private readonly neutralStems: ReadonlySet<string> = new Set(),
  ) {
    // The vocabulary for compound splitting: every word of the index.
    this.compounds = new Decompounder(
      documents.flatMap((d) => words(`${d.name} ${d.keywords} ${d.labels}`)).filter((w) => !isStopWord(w)),
      isStopWord,
    );
    this.search = new MiniSearch<MatchDocument>({
      fields: ['name', 'keywords', 'labels'],
      tokenize: (text) => words(text),
      searchOptions: { bm25: { k: 1.2, b: 0.3, d: 0.5 } },
      // Compounds are split on both sides: "belastingadvies" also indexes "belasting" and
      // "advies", so "belastingtaken" finds it.
      processTerm: (term) => {
        const s = this.indexStems(term);
        s.forEach((x) => this.knownStems.add(x));
        return s.length ? s : null;
      },
    });
    this.indexStemCache = new Map();
    this.search.addAll(documents);
    this.indexStemCache = undefined;
    // Document frequency counts the words a group uses, not the parts of its compounds: a
    // description word or an anchoring title word must be one of the group's own words.
    for (const d of documents) {
      const groupStems = new Set(
        words(`${d.name} ${d.keywords} ${d.labels}`)
          .filter((w) => !isStopWord(w))
          .flatMap(stems),
      );
      for (const s of groupStems) this.groupsPerStem.set(s, (this.groupsPerStem.get(s) ?? 0) + 1);
    }
  }

  /** The stems an index word is found by: its own, and those of the parts of a compound. Memoised while indexing. */
  private indexStems(word: string): string[] {
    const cached = this.indexStemCache?.get(word);
    if (cached) return cached;
    const parts = isStopWord(word)
      ? []
      : this.compounds
          .split(word)
          .map((p) => p.part)
          .filter((p) => !isStopWord(p));
    const result = isStopWord(word) ? [] : [...new Set([word, ...parts].flatMap(stems))];
    this.indexStemCache?.set(word, result);
    return result;
  }

  /**
   * The query terms of a title: stems of every word, plus the known words inside
   * compounds. A compound the index knows as a whole ("straatmeubilair") is more specific
   * than its parts, so its parts count for less; in an unknown compound the last part is
   * the head of the word (Dutch compounds end in what they are: "buurtbemiddeling").
   */
  private titleTerms(title: string): { terms: Map<string, QueryTerm>; unknown: Set<string> } {
    const terms = new Map<string, QueryTerm>();
    const unknown = new Set<string>();
    for (const word of words(title).slice(0, MAX_QUERY_WORDS)) {
      if (isStopWord(word)) continue;
      const known = this.knownStemsOf(word);
      if (known.length > 0) known.forEach((s) => addTerm(terms, s, word, 1 / known.length, 'word'));
      // A word the index knows is split only where its parts make it up; an unknown one
      // may also be read by a known start or end.
      const parts =
        known.length > 0 || !this.options.looseCompounds
          ? this.compounds.split(word)
          : this.compounds.splitLoosely(word);
      parts.forEach(({ part, head }) => {
        // A neutral part ("apparatuur" in röntgenapparatuur) says nothing about what is bought.
        if (isStopWord(part) || this.isNeutral(part)) return;
        const weight = known.length > 0 ? PART_OF_KNOWN_WORD : head ? 1 : MODIFIER_PART;
        const partStems = this.knownStemsOf(part);
        partStems.forEach((s) => addTerm(terms, s, word, weight / partStems.length, 'part'));
      });
      if (parts.length === 0 && known.length === 0) {
        // A typo, perhaps: both stems go fuzzy, sharing the word's weight.
        const wordStems = stems(word);
        wordStems.forEach((s) => {
          addTerm(terms, s, word, 1 / wordStems.length, 'word');
          unknown.add(s);
        });
      }
    }
    return { terms, unknown };
  }

  /**
   * The stems of a word that the index knows. A word has a Dutch and an English stem; when
   * both are known they share the word's weight, so no word counts twice.
   */
  private knownStemsOf(word: string): string[] {
    return stems(word).filter((s) => this.knownStems.has(s));
  }

  /**
   * The query terms of a description: only words the index knows that few groups share
   * (descriptions are long and wander), weighted by how often the description uses them.
   */
  private descriptionTerms(description: string): Map<string, QueryTerm> {
    const counts = new Map<string, { word: string; n: number }>();
    for (const word of words(description).slice(0, MAX_DESCRIPTION_WORDS)) {
      if (isStopWord(word)) continue;
      let wordStems = stems(word);
      // A compound no group uses speaks through its parts ("buurtbewoners": buurt).
      if (wordStems.every((s) => !this.groupsPerStem.has(s))) {
        wordStems = this.compounds
          .split(word)
          .filter((p) => !isStopWord(p.part))
          .flatMap((p) => stems(p.part));
      }
      for (const s of wordStems) {
        const df = this.groupsPerStem.get(s) ?? 0;
        if (df === 0 || df > this.options.maxDescriptionDf) continue;
        const entry = counts.get(s);
        if (entry) entry.n++;
        else counts.set(s, { word, n: 1 });
      }
    }
    // The rarest words say the most; a limit keeps long descriptions cheap on a large index.
    const chosen = [...counts]
      .sort((a, b) => (this.groupsPerStem.get(a[0]) ?? 0) - (this.groupsPerStem.get(b[0]) ?? 0))
      .slice(0, this.options.maxDescriptionTerms ?? Infinity);
    const terms = new Map<string, QueryTerm>();
    for (const [s, { word, n }] of chosen)
      addTerm(terms, s, word, Math.min(1, 0.5 + 0.25 * (n - 1)), 'description');
    return terms;
  }

  private run(
    terms: Map<string, QueryTerm>,
    options: { unknown?: Set<string>; prefix?: boolean },
  ): Map<string, TextMatch> {
    const out = new Map<string, TextMatch>();
    if (terms.size === 0) return out;
    const results = this.search.search([...terms.keys()].join(' '), {
      boost: { keywords: 2, name: 3, labels: 1 },
      boostTerm: (term) => terms.get(term)?.weight ?? 1,
      fuzzy: (term) =>
        options.unknown?.has(term) && term.length >= 5 ? (term.length >= FUZZY_2_FROM ? 2 : 1) : false,
      prefix: (term) => options.prefix === true && term.length >= 6,
      combineWith: 'OR',
      weights: { fuzzy: 0.7, prefix: 0.5 },
      // Terms are stems already.
      processTerm: (term) => term,
      tokenize: (q) => q.split(' '),
    });
    for (const r of results) {
      const matchedWords = [...new Set(r.queryTerms.map((t) => terms.get(t)?.word ?? t))];
      out.set(String(r.id), {
        groupId: String(r.id),
        score: r.score,
        matchedWords,
        // An index term equal to a whole-word query term: neither a part, nor fuzzy, nor a prefix.
        evidence: r.terms.some((t) => terms.get(t)?.kind === 'word') ? 'word' : 'partial',
        titleScore: r.score,
        anchor: false,
        exactWords: [
          ...new Set(r.terms.filter((t) => terms.get(t)?.kind === 'word').map((t) => terms.get(t)!.word)),
        ],
        titleCoverage: 0,
      });
    }
    return out;
  }

  /**
   * Product groups for a title and an optional description. The title decides: its words
   * count fully, with compound splitting, prefix and typo tolerance. The description
   * supports: it can lift a group by at most DESCRIPTION_SHARE of the best title score,
   * and it only speaks on its own when the title names nothing the index knows.
   */
  match(title: string, description = ''): TextMatch[] {
    const { terms, unknown } = this.titleTerms(title);
    const byTitle = this.run(terms, {
      unknown: this.options.typos ? unknown : undefined,
      prefix: this.options.prefixes,
    });
    const titleWords = new Set([...contentWords(title)].filter((w) => !this.isNeutral(w)));
    for (const m of byTitle.values())
      m.titleCoverage = titleWords.size
        ? m.matchedWords.filter((w) => titleWords.has(w)).length / titleWords.size
        : 0;
    const byDescription = this.run(this.descriptionTerms(description), {});
    const bestTitle = Math.max(0, ...[...byTitle.values()].map((m) => m.score));
    const bestDescription = Math.max(0, ...[...byDescription.values()].map((m) => m.score));
    const combined = new Map<string, TextMatch>(byTitle);
    if (bestDescription > 0) {
      for (const [id, d] of byDescription) {
        const lift =
          bestTitle > 0
            ? (DESCRIPTION_SHARE * bestTitle * d.score) / bestDescription
            : d.score * DESCRIPTION_ALONE;
        const t = combined.get(id);
        combined.set(id, {
          groupId: id,
          score: (t?.score ?? 0) + lift,
          matchedWords: [...new Set([...(t?.matchedWords ?? []), ...d.matchedWords])],
          evidence: t?.evidence ?? 'partial',
          titleScore: t?.score ?? 0,
          anchor: false,
          exactWords: t?.exactWords ?? [],
          titleCoverage: t?.titleCoverage ?? 0,
        });
      }
    }
    for (const word of this.specificWords(title)) {
      let best: TextMatch | undefined;
      for (const m of byTitle.values())
        if (m.exactWords.includes(word) && (!best || m.score > best.score)) best = m;
      if (best) combined.get(best.groupId)!.anchor = true;
    }
    // A document found only by neutral words ("raadhuis", "duurzaam") is not what is bought.
    return [...combined.values()]
      .filter((m) => m.matchedWords.some((w) => !this.isNeutral(w)))
      .sort((a, b) => b.score - a.score);
  }

  /** A word that says where, for whom or how something is bought, not what. */
  isNeutral(word: string): boolean {
    return this.neutralStems.size > 0 && stems(word).some((s) => this.neutralStems.has(s));
  }

  /** Title words that at most two groups know. */
  private specificWords(title: string): string[] {
    return words(title).filter((w) => {
      if (isStopWord(w)) return false;
      const known = this.knownStemsOf(w).map((s) => this.groupsPerStem.get(s) ?? 0);
      return known.length > 0 && known.every((n) => n > 0 && n <= this.options.maxAnchorDocuments);
    });
  }
}

/**
 * The words of a title that say what is bought: no stop words, no codes or numbers
 * ("H2020", "2PT"), nothing shorter than three letters.
 */
function contentWords(title: string): Set<string> {
  return new Set(words(title).filter((w) => w.length >= 3 && /^[a-z]+$/.test(w) && !isStopWord(w)));
}

interface QueryTerm {
  /** The word of the text the term came from, for the explanation. */
  word: string;
  weight: number;
  kind: 'word' | 'part' | 'description';
}

function addTerm(
  terms: Map<string, QueryTerm>,
  term: string,
  word: string,
  weight: number,
  kind: QueryTerm['kind'],
): void {
  const existing = terms.get(term);
  if (!existing) terms.set(term, { word, weight, kind });
  else {
    existing.weight = Math.max(existing.weight, weight);
    if (kind === 'word') existing.kind = 'word';
  }
}
