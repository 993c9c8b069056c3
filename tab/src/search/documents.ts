/** Everything searchable, as documents for the search index. */
import type { CatalogueData, Language, ToolboxItem } from '../data/types.js';
import type { SearchDocument } from './search-index.js';

const both = (t: { nl: string; en: string }): string => `${t.nl} ${t.en}`;

export function searchDocuments(
  catalogue: CatalogueData,
  items: readonly ToolboxItem[],
  lang: Language,
): SearchDocument[] {
  const docs: SearchDocument[] = [];
  for (const theme of catalogue.themes) {
    docs.push({
      id: `theme:${theme.id}`,
      kind: 'theme',
      title: theme.name[lang],
      text: `${both(theme.summary)} ${both(theme.description)}`,
      path: `/themes/${theme.id}`,
    });
  }
  for (const group of catalogue.productGroups) {
    docs.push({
      id: `group:${group.id}`,
      kind: 'product-group',
      title: group.name[lang],
      text: `${both(group.name)} ${both(group.description)} ${group.keywords.nl.join(' ')} ${group.keywords.en.join(' ')} ${group.cpv.map((c) => `${c.prefix} ${both(c.label)}`).join(' ')}`,
      path: `/product-groups/${group.id}`,
    });
    for (const c of group.criteria) {
      docs.push({
        id: `criterion:${c.id}`,
        kind: 'criterion',
        title: c.title[lang],
        // Long texts in the reader's language only: half the index, same answers.
        text: `${both(c.title)} ${c.text[lang]} ${group.name[lang]}`,
        path: `/product-groups/${group.id}#${encodeURIComponent(c.id)}`,
      });
    }
  }
  for (const tool of catalogue.tools) {
    docs.push({
      id: `tool:${tool.id}`,
      kind: 'tool',
      title: tool.name[lang],
      text: `${both(tool.summary)} ${tool.whenToUse[lang]} ${tool.body[lang]}`,
      path: `/tools/${tool.id}`,
    });
  }
  for (const entry of catalogue.glossary) {
    docs.push({
      id: `glossary:${entry.id}`,
      kind: 'glossary',
      title: entry.term[lang],
      text: `${both(entry.term)} ${both(entry.definition)}`,
      path: `/glossary#${entry.id}`,
    });
  }
  for (const d of catalogue.dosAndDonts) {
    docs.push({
      id: `dodont:${d.id}`,
      kind: 'do-dont',
      title: d.text[lang],
      text: `${both(d.text)} ${both(d.why)}`,
      path: `/dos-and-donts#${d.id}`,
    });
  }
  for (const item of items) {
    docs.push({
      id: `item:${item.id}`,
      kind: item.kind,
      title: item.title,
      text: `${item.summary} ${item.body}`,
      path: `/examples/${item.id}`,
    });
  }
  return docs;
}
