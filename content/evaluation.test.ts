/**
 * The engine against a labelled set of municipal tender titles (content/evaluation), written
 * apart from the engine and its keywords: 179 tenders with the groups a buyer would accept,
 * and 12 outside every group. This guards what a buyer notices: the right group among the
 * first three, and mostly first; and that it says it is sure only when it is.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AdviceEngine } from '../core/src/engine/advise.js';
import { loadCatalogue } from './index.js';

interface LabelledTender {
  id: string;
  title: string;
  description?: string;
  lang: 'nl' | 'en';
  expect: string[];
}

const cases = readFileSync(new URL('./evaluation/advice-golden.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as LabelledTender);
const catalogue = loadCatalogue();
const engine = new AdviceEngine(catalogue);
const inScope = cases.filter((c) => c.expect.length > 0);
const outOfScope = cases.filter((c) => c.expect.length === 0);
const adviceFor = (c: LabelledTender) => engine.advise({ title: c.title, description: c.description, language: c.lang }, '2026-11-21');

describe('the labelled evaluation set', () => {
  it('names only groups that exist, and covers every group', () => {
    const ids = new Set(catalogue.productGroups.map((g) => g.id));
    expect(cases.flatMap((c) => c.expect).filter((id) => !ids.has(id))).toEqual([]);
    expect(new Set(inScope.flatMap((c) => c.expect))).toEqual(ids);
  });

  it('puts an acceptable group in the first three for at least 95 % of tenders, and first for at least 90 %', () => {
    const misses: string[] = [];
    let first = 0;
    for (const c of inScope) {
      const ids = adviceFor(c).productGroups.map((g) => g.id);
      if (c.expect.includes(ids[0] ?? '')) first++;
      if (!ids.slice(0, 3).some((id) => c.expect.includes(id))) misses.push(`${c.id} “${c.title}” → ${ids.join(', ') || '(none)'}; expected ${c.expect.join(' or ')}`);
    }
    expect(misses.length, misses.join('\n')).toBeLessThanOrEqual(Math.floor(inScope.length * 0.05));
    expect(first / inScope.length).toBeGreaterThanOrEqual(0.9);
  });

  it('is right at least 95 % of the times it says it is sure, and sure of most tenders it can place', () => {
    const sure = inScope.map((c) => ({ c, advice: adviceFor(c) })).filter(({ advice }) => advice.confidence === 'high');
    const wrong = sure.filter(({ c, advice }) => !c.expect.includes(advice.productGroups[0]?.id ?? '')).map(({ c, advice }) => `${c.id} “${c.title}” → ${advice.productGroups[0]?.id}`);
    expect(wrong.length / sure.length, wrong.join('\n')).toBeLessThanOrEqual(0.05);
    expect(sure.length / inScope.length).toBeGreaterThanOrEqual(0.9);
  });

  it('is sure of at most half of the tenders that fit no group', () => {
    const sure = outOfScope.filter((c) => adviceFor(c).confidence === 'high').map((c) => `${c.id} “${c.title}”`);
    expect(sure.length, sure.join('\n')).toBeLessThanOrEqual(outOfScope.length / 2);
  });
});
