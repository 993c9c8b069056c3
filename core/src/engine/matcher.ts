/**
 * Finds the product groups a free-text tender description is about. MiniSearch (BM25 with
 * fuzzy and prefix matching) does the searching; this module feeds it stems in both
 * languages, splits Dutch compounds ("schoonmaakdienstverlening") into words the index
 * knows, and asks for fuzzy matches only for words the index does not know (typos).
 */
import MiniSearch from 'minisearch';
import type { ProductGroup } from '../content/schema.js';
import { isStopWord, stems, words } from './text.js';

interface GroupDocument {
  id: string;
  name: string;
  keywords: string;
  cpvLabels: string;
}

export interface TextMatch {
  groupId: string;
  score: number;
  /** The words of the query that matched, for the explanation. */
  matchedWords: string[];
}

const MIN_PART = 4;
const MAX_QUERY_WORDS = 60;
const DESCRIPTION_WEIGHT = 0.3;

export class ProductGroupMatcher {
  private readonly search: MiniSearch<GroupDocument>;
  /** Index words (not stemmed) by their first four letters, longest first: compound splitting. */
  private readonly partsByStart = new Map<string, string[]>();
  private readonly knownStems = new Set<string>();

  constructor(groups: readonly ProductGroup[]) {
    const documents = groups.map<GroupDocument>((g) => ({
      id: g.id,
      name: `${g.name.nl} ; ${g.name.en}`,
      keywords: [...g.keywords.nl, ...g.keywords.en].join(' ; '),
      cpvLabels: g.cpv.map((c) => `${c.label.nl} ; ${c.label.en}`).join(' ; '),
    }));
    const rawWords = new Set<string>();
    this.search = new MiniSearch<GroupDocument>({
      fields: ['name', 'keywords', 'cpvLabels'],
      tokenize: (text) => words(text),
      searchOptions: { bm25: { k: 1.2, b: 0.3, d: 0.5 } },
      processTerm: (term) => {
        if (isStopWord(term)) return null;
        if (term.length >= MIN_PART) rawWords.add(term);
        const s = stems(term);
        s.forEach((x) => this.knownStems.add(x));
        return s;
      },
    });
    this.search.addAll(documents);
    for (const word of [...rawWords].sort((a, b) => b.length - a.length)) {
      const key = word.slice(0, MIN_PART);
      const list = this.partsByStart.get(key);
      if (list) list.push(word);
      else this.partsByStart.set(key, [word]);
    }
  }

  /** Known words inside a long word, greedy from the left, longest first. */
  private compoundParts(word: string): string[] {
    const parts: string[] = [];
    let i = 0;
    while (word.length - i >= MIN_PART) {
      const rest = word.slice(i);
      const part = this.partsByStart.get(rest.slice(0, MIN_PART))?.find((w) => w.length < word.length && rest.startsWith(w));
      if (part) {
        parts.push(part);
        i += part.length;
        // Linking letters of Dutch compounds: stadhuis-s-, boek-en-.
        const link = /^(s|en|e)(?=[a-z]{4})/.exec(word.slice(i));
        if (link && !this.partsByStart.get(word.slice(i, i + MIN_PART))) i += link[0].length;
      } else {
        i++;
      }
    }
    return parts;
  }

  /**
   * Product groups for a title and an optional description. Title words count fully, with
   * compound splitting, prefix and typo tolerance; description words count less and only
   * when they match exactly (descriptions are long and wander).
   */
  match(title: string, description = ''): TextMatch[] {
    const origin = new Map<string, string>();
    const weight = new Map<string, number>();
    const unknown = new Set<string>();
    const add = (term: string, word: string, w: number): void => {
      if (!origin.has(term)) origin.set(term, word);
      weight.set(term, Math.max(weight.get(term) ?? 0, w));
    };
    for (const word of words(title).slice(0, MAX_QUERY_WORDS)) {
      if (isStopWord(word)) continue;
      const wordStems = stems(word);
      wordStems.forEach((s) => add(s, word, 1));
      const parts = word.length >= 2 * MIN_PART ? this.compoundParts(word) : [];
      for (const part of parts) stems(part).forEach((s) => add(s, word, 1));
      if (parts.length === 0 && !wordStems.some((s) => this.knownStems.has(s))) wordStems.forEach((s) => unknown.add(s));
    }
    const titleTerms = new Set(origin.keys());
    for (const word of words(description).slice(0, MAX_QUERY_WORDS)) {
      if (isStopWord(word)) continue;
      for (const s of stems(word)) {
        if (this.knownStems.has(s)) add(s, word, DESCRIPTION_WEIGHT);
      }
    }
    if (origin.size === 0) return [];
    const results = this.search.search([...origin.keys()].join(' '), {
      boost: { keywords: 2, name: 3, cpvLabels: 1 },
      boostTerm: (term) => weight.get(term) ?? 1,
      fuzzy: (term) => (unknown.has(term) && term.length >= 5 ? (term.length >= 8 ? 2 : 1) : false),
      prefix: (term) => titleTerms.has(term) && term.length >= 6,
      combineWith: 'OR',
      weights: { fuzzy: 0.7, prefix: 0.5 },
      // Terms are stems already.
      processTerm: (term) => term,
      tokenize: (q) => q.split(' '),
    });
    return results.map((r) => ({
      groupId: String(r.id),
      score: r.score,
      matchedWords: [...new Set(r.queryTerms.map((t) => origin.get(t) ?? t))],
    }));
  }
}
