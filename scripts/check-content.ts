/**
 * Authoring aid: validates every file in content/ against the schemas and checks that each
 * CPV prefix starts at least one real CPV 2008 code (when ../shared/data/cpv-2008.csv is
 * present). Usage: npx tsx scripts/check-content.ts
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { productGroupFile, thresholds, policies, knowledgeFile, theme } from '../core/src/content/schema.js';
import { z } from 'zod';

const root = new URL('..', import.meta.url).pathname;
const problems: string[] = [];
const read = (p: string): unknown => JSON.parse(readFileSync(join(root, p), 'utf8'));

function check<T>(file: string, schema: z.ZodType<T>): T | undefined {
  if (!existsSync(join(root, file))) return undefined;
  const r = schema.safeParse(read(file));
  if (!r.success) {
    for (const i of r.error.issues) problems.push(`${file}: ${i.path.join('.')}: ${i.message}`);
    return undefined;
  }
  return r.data;
}

check('content/themes.json', z.array(theme).length(6));
check('content/thresholds.json', thresholds);
check('content/policy.json', policies);
check('content/knowledge.json', knowledgeFile);

const cpvCsv = join(root, '../shared/data/cpv-2008.csv');
const codes = existsSync(cpvCsv)
  ? readFileSync(cpvCsv, 'utf8')
      .split('\n')
      .slice(1)
      .map((l) => l.slice(0, 8))
      .filter((c) => /^\d{8}$/.test(c))
  : [];
const groupIds = new Set<string>();
const criterionIds = new Set<string>();
let groups = 0;
let criteria = 0;
for (const f of readdirSync(join(root, 'content/product-groups')).filter((n) => n.endsWith('.json'))) {
  const data = check(`content/product-groups/${f}`, productGroupFile);
  if (!data) continue;
  for (const g of data.productGroups) {
    groups++;
    if (groupIds.has(g.id)) problems.push(`${f}: duplicate product group id ${g.id}`);
    groupIds.add(g.id);
    if (g.cluster !== data.cluster.id)
      problems.push(`${f}: ${g.id} has cluster ${g.cluster}, file is ${data.cluster.id}`);
    const types = new Set(g.criteria.map((c) => c.type));
    if (types.size < 2) problems.push(`${f}: ${g.id} needs criteria of at least 2 types`);
    for (const c of g.criteria) {
      criteria++;
      if (!c.id.startsWith(`${g.id}.`)) problems.push(`${f}: criterion ${c.id} must start with ${g.id}.`);
      if (criterionIds.has(c.id)) problems.push(`${f}: duplicate criterion id ${c.id}`);
      criterionIds.add(c.id);
    }
    for (const p of g.cpv) {
      if (codes.length && !codes.some((c) => c.startsWith(p.prefix)))
        problems.push(`${f}: ${g.id}: no CPV code starts with ${p.prefix}`);
    }
  }
}
console.log(`${groups} product groups, ${criteria} criteria`);
if (problems.length) {
  console.log(problems.join('\n'));
  process.exit(1);
}
console.log('content OK');
