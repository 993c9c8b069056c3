/**
 * Instant search across the toolbox: product groups, criteria, themes, tools, glossary, do's
 * and don'ts and the municipality's own items. MiniSearch with the same Dutch/English stemming
 * as the advice engine, prefix matching while typing and typo tolerance.
 */
import MiniSearch from 'minisearch';
import { isStopWord, stems, words } from '../../../core/src/engine/text.js';

export type SearchKind =
  'product-group' | 'criterion' | 'theme' | 'tool' | 'glossary' | 'do-dont' | 'example' | 'page';

export interface SearchDocument {
  id: string;
  kind: SearchKind;
  title: string;
  text: string;
  /** The tab route to open. */
  path: string;
}

export interface SearchHit {
  id: string;
  kind: SearchKind;
  title: string;
  path: string;
  score: number;
}

const processTerm = (term: string): string[] | null => (isStopWord(term) ? null : stems(term));

export class ToolboxSearch {
  private readonly index: MiniSearch<SearchDocument>;

  constructor(documents: readonly SearchDocument[]) {
    this.index = new MiniSearch<SearchDocument>({
      fields: ['title', 'text'],
      storeFields: ['kind', 'title', 'path'],
      tokenize: (text) => words(text),
      processTerm,
    });
    this.index.addAll(documents);
  }

  search(query: string, limit = 30): SearchHit[] {
    if (!query.trim()) return [];
    return this.index
      .search(query, {
        boost: { title: 3 },
        prefix: (term) => term.length >= 3,
        fuzzy: (term) => (term.length >= 5 ? 0.25 : false),
        combineWith: 'AND',
        tokenize: (q) => words(q),
        processTerm,
      })
      .slice(0, limit)
      .map((r) => ({
        id: String(r.id),
        kind: r['kind'] as SearchKind,
        title: String(r['title']),
        path: String(r['path']),
        score: r.score,
      }));
  }
}
