/**
 * Generates content/cpv/cpv-2008.json, the official CPV 2008 vocabulary, from the EU
 * Publications Office code list as a CSV (code, code8, parent, division, contract_type,
 * label_en, label_nl, label_nl_alt_xterr).
 *
 *   npx tsx scripts/generate-cpv.ts [--from ../shared/data/cpv-2008.csv]
 *
 * The output has one code a line, so a change of the list reads as a small diff. Source and
 * licence are in content/cpv/README.md.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { cpvVocabularyFile, type CpvEntry } from '../core/src/content/schema.js';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({ options: { from: { type: 'string' } } });
const from = values.from ?? `${root}../shared/data/cpv-2008.csv`;

const rows = parse<Record<string, string>>(readFileSync(from, 'utf8'), {
  columns: true,
  skip_empty_lines: true,
  bom: true,
});
const codes: CpvEntry[] = rows.map((row) => {
  const nl = row['label_nl']!.trim();
  const alt = row['label_nl_alt_xterr']?.trim();
  return {
    code: row['code']!,
    ...(row['parent'] ? { parent: row['parent'].slice(0, 8) } : {}),
    type: row['contract_type'] as CpvEntry['type'],
    nl,
    en: row['label_en']!.trim(),
    ...(alt && alt !== nl ? { nlAlt: alt } : {}),
  };
});

const file = {
  source: {
    name: 'Common Procurement Vocabulary (CPV) 2008, Regulation (EC) No 213/2008',
    publisher: 'Publications Office of the European Union, code list Cpv2008Core (version 2018-08-01)',
    licence: 'Reuse allowed with acknowledgement of the source (Commission Decision 2011/833/EU)',
  },
  codes,
};
// Validate before writing: a broken source never becomes content.
const parsed = cpvVocabularyFile.parse(file);

mkdirSync(`${root}content/cpv`, { recursive: true });
const lines = parsed.codes.map((c) => `    ${JSON.stringify(c)}`);
writeFileSync(
  `${root}content/cpv/cpv-2008.json`,
  `{\n  "source": ${JSON.stringify(parsed.source)},\n  "codes": [\n${lines.join(',\n')}\n  ]\n}\n`,
);
console.log(`content/cpv/cpv-2008.json: ${parsed.codes.length} codes`);
