/**
 * Accuracy and speed of the advice engine.
 *
 * - On real TED notices (a CSV with title, description and cpv_main columns, or the lots
 *   file with lot_title, lot_description, lot_cpv_main), the engine gets the title and the
 *   description only, never the code, and is judged against the notice's own CPV code:
 *   - strict: the code lies under a returned group's CPV prefix;
 *   - by branch: a returned group has a prefix in the code's three-digit branch, or under a
 *     broad code such as 85000000 (a group prefix 3913 refines a notice code 39100000);
 *   - coverage: notices some group could answer, strictly or by branch;
 *   - sure rate and right-when-sure, over covered notices and over all notices;
 *   - CPV suggestions: notices whose branch is among the top 5 suggested codes;
 *   - criteria: notices answered with at least one criterion;
 *   - unrelated groups: returned groups (main ones, and all) whose branch is not the notice's;
 *   - p50/p95 latency, warm (second pass) and cold.
 * - On a labelled set (JSONL with title, description and `expect`: the acceptable group
 *   ids, empty for tenders outside every group), such as content/evaluation/advice-golden.jsonl:
 *   top-1 and top-3 against the labels, right-when-sure, and how out-of-scope tenders are answered.
 */
import { readFileSync, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { loadCatalogue } from '../../content/index.js';
import { AdviceEngine, type Advice, type MatchedProductGroup } from '../../core/src/engine/advise.js';
import { inBranchOf } from '../../core/src/engine/cpv.js';

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const pct = (n: number, of: number): string => (of ? `${((100 * n) / of).toFixed(1)} %` : 'n/a');

interface Notice {
  id: string;
  title: string;
  description: string;
  /** The notice's main CPV code, 8 digits. */
  cpv: string;
}

interface Labelled {
  id: string;
  title: string;
  description: string;
  expect: string[];
}

/** A group's prefix holds the code. */
const strictHit = (g: MatchedProductGroup, code: string): boolean =>
  g.cpv.some((c) => code.startsWith(c.prefix));
/** A group's prefix lies in the code's branch (or holds the code). */
const branchHit = (g: MatchedProductGroup, code: string): boolean =>
  strictHit(g, code) || g.cpv.some((c) => inBranchOf(c.prefix.padEnd(8, '0'), code));

function notices(file: string): Notice[] {
  const rows = parse<Record<string, string>>(readFileSync(file, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  });
  const field = (row: Record<string, string>, name: string): string => row[name] || row[`lot_${name}`] || '';
  return rows
    .map((row, i) => ({
      id: row['id'] || row['notice_id'] || String(i + 1),
      title: field(row, 'title'),
      description: field(row, 'description'),
      cpv: (field(row, 'cpv_main') || row['notice_cpv_main'] || '').replace(/\D/g, '').slice(0, 8),
    }))
    .filter((n) => n.title && n.cpv.length === 8);
}

function labelled(file: string): Labelled[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const c = JSON.parse(line) as { id: string; title: string; description?: string; expect: string[] };
      return { id: c.id, title: c.title, description: c.description ?? '', expect: c.expect };
    });
}

/** Advises every case twice: the second pass is timed warm. */
function timed<T extends { title: string; description: string }>(
  engine: AdviceEngine,
  cases: T[],
): { advice: Advice[]; cold: number[]; warm: number[] } {
  const ask = (c: T): Advice =>
    engine.advise(
      engine.parseRequest({ title: c.title.slice(0, 500), description: c.description }),
      '2026-11-21',
    );
  const cold: number[] = [];
  const advice = cases.map((c) => {
    const start = performance.now();
    const a = ask(c);
    cold.push(performance.now() - start);
    return a;
  });
  const warm = cases.map((c) => {
    const start = performance.now();
    ask(c);
    return performance.now() - start;
  });
  return { advice, cold: cold.sort((a, b) => a - b), warm: warm.sort((a, b) => a - b) };
}

const latency = (t: { cold: number[]; warm: number[] }) => ({
  p50: Number(percentile(t.warm, 50).toFixed(3)),
  p95: Number(percentile(t.warm, 95).toFixed(3)),
  max: Number((t.warm.at(-1) ?? 0).toFixed(3)),
  coldP95: Number(percentile(t.cold, 95).toFixed(3)),
});

function noticeFigures(engine: AdviceEngine, cases: Notice[], verbose: boolean): Record<string, unknown> {
  const t = timed(engine, cases);
  const covered = { strict: 0, branch: 0 };
  const top1 = { strict: 0, branch: 0 };
  const top3 = { strict: 0, branch: 0 };
  let sure = 0;
  let sureRight = 0;
  let sureAll = 0;
  let sureRightAll = 0;
  let cpvTop5 = 0;
  let withCriteria = 0;
  let general = 0;
  let unrelatedMain = 0;
  let unrelatedAll = 0;
  const misses: string[] = [];
  cases.forEach((c, i) => {
    const advice = t.advice[i]!;
    const groups = advice.productGroups;
    const main = groups.filter((g) => g.relevance === 'main');
    const coveredStrict = !!engine.groupOfCpv(c.cpv);
    const coveredBranch =
      coveredStrict ||
      engine.catalogue.productGroups.some((g) =>
        g.cpv.some((p) => inBranchOf(p.prefix.padEnd(8, '0'), c.cpv)),
      );
    if (coveredStrict) {
      covered.strict++;
      if (groups[0] && strictHit(groups[0], c.cpv)) top1.strict++;
      if (groups.slice(0, 3).some((g) => strictHit(g, c.cpv))) top3.strict++;
    }
    const rightFirst = !!groups[0] && branchHit(groups[0], c.cpv);
    if (coveredBranch) {
      covered.branch++;
      if (rightFirst) top1.branch++;
      if (groups.slice(0, 3).some((g) => branchHit(g, c.cpv))) top3.branch++;
      else
        misses.push(
          `${c.id} ${c.cpv} ← ${c.title.slice(0, 70)} → ${groups.map((g) => g.id).join(', ') || '(none)'}`,
        );
      if (advice.confidence === 'high') {
        sure++;
        if (rightFirst) sureRight++;
      }
    }
    if (advice.confidence === 'high') {
      sureAll++;
      if (rightFirst) sureRightAll++;
      else if (!coveredBranch)
        misses.push(`${c.id} ${c.cpv} (no group) ← ${c.title.slice(0, 70)} → sure of ${groups[0]?.id}`);
    }
    if (advice.cpvSuggestions.slice(0, 5).some((s) => inBranchOf(s.code, c.cpv))) cpvTop5++;
    if (advice.criteria.length > 0) withCriteria++;
    if (advice.general) general++;
    unrelatedMain += main.filter((g) => !branchHit(g, c.cpv)).length;
    unrelatedAll += groups.filter((g) => !branchHit(g, c.cpv)).length;
  });
  if (verbose) console.error(`Misses:\n${misses.join('\n')}\n`);
  const n = cases.length;
  return {
    cases: n,
    coverage: {
      strict: `${covered.strict} (${pct(covered.strict, n)})`,
      byBranch: `${covered.branch} (${pct(covered.branch, n)})`,
    },
    top1: { strict: pct(top1.strict, covered.strict), byBranch: pct(top1.branch, covered.branch) },
    top3: { strict: pct(top3.strict, covered.strict), byBranch: pct(top3.branch, covered.branch) },
    sure: {
      ofCovered: pct(sure, covered.branch),
      rightWhenSure: pct(sureRight, sure),
      ofAll: pct(sureAll, n),
      rightWhenSureOfAll: pct(sureRightAll, sureAll),
    },
    cpvSuggestionsTop5Branch: pct(cpvTop5, n),
    answeredWithCriteria: pct(withCriteria, n),
    answeredWithGeneralCriteria: pct(general, n),
    unrelatedGroupsPerAnswer: {
      main: Number((unrelatedMain / n).toFixed(2)),
      all: Number((unrelatedAll / n).toFixed(2)),
    },
    latencyMs: latency(t),
  };
}

function labelledFigures(engine: AdviceEngine, cases: Labelled[], verbose: boolean): Record<string, unknown> {
  const t = timed(engine, cases);
  const inScope = cases.map((c, i) => ({ c, a: t.advice[i]! })).filter(({ c }) => c.expect.length > 0);
  const outOfScope = cases.map((c, i) => ({ c, a: t.advice[i]! })).filter(({ c }) => c.expect.length === 0);
  const first = ({ c, a }: { c: Labelled; a: Advice }): boolean =>
    c.expect.includes(a.productGroups[0]?.id ?? '');
  const sure = inScope.filter(({ a }) => a.confidence === 'high');
  const misses = inScope.filter(
    ({ c, a }) => !a.productGroups.slice(0, 3).some((g) => c.expect.includes(g.id)),
  );
  if (verbose)
    console.error(
      `Misses:\n${misses.map(({ c, a }) => `${c.id} ${c.expect.join('|')} ← ${c.title} → ${a.productGroups.map((g) => g.id).join(', ')}`).join('\n')}\n`,
    );
  return {
    cases: cases.length,
    inScope: inScope.length,
    top1: pct(inScope.filter(first).length, inScope.length),
    top3: pct(inScope.length - misses.length, inScope.length),
    sure: pct(sure.length, inScope.length),
    rightWhenSure: pct(sure.filter(first).length, sure.length),
    answeredWithCriteria: pct(t.advice.filter((a) => a.criteria.length > 0).length, cases.length),
    outOfScope: outOfScope.length,
    outOfScopeAnsweredSure: pct(
      outOfScope.filter(({ a }) => a.confidence === 'high').length,
      outOfScope.length,
    ),
    outOfScopeWithoutGroup: pct(
      outOfScope.filter(({ a }) => a.confidence === 'none').length,
      outOfScope.length,
    ),
    latencyMs: latency(t),
  };
}

export function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, verbose: { type: 'boolean' } } });
  const file = values.data ?? new URL('../../../shared/data/tenders-nl-ted.csv', import.meta.url).pathname;
  if (!existsSync(file)) {
    console.error(
      `No data at ${file}. Pass --data FILE (a CSV with title, description and cpv_main columns, or a JSONL file with title and expect).`,
    );
    process.exit(2);
  }
  const catalogue = loadCatalogue();
  const t0 = performance.now();
  const engine = new AdviceEngine(catalogue);
  // The first advice builds the CPV index; count it as part of building the engine.
  engine.advise(engine.parseRequest({ title: 'schoonmaak' }), '2026-11-21');
  const buildMs = performance.now() - t0;
  // Input of any length: a 20,000-character title is refused, a description of that length is cut.
  const longText = 'schoonmaak kantoren glasbewassing '.repeat(600).slice(0, 20_000);
  const longInput = (input: Record<string, string>): number => {
    const start = performance.now();
    try {
      engine.advise(engine.parseRequest(input), '2026-11-21');
    } catch {
      // Refused: what is timed is how soon.
    }
    return Number((performance.now() - start).toFixed(2));
  };
  const longInputMs = {
    title20k: longInput({ title: longText }),
    description20k: longInput({ title: 'Schoonmaak', description: longText }),
  };
  const figures = file.endsWith('.jsonl')
    ? labelledFigures(engine, labelled(file), values.verbose === true)
    : noticeFigures(engine, notices(file), values.verbose === true);
  console.log(
    JSON.stringify(
      {
        data: file,
        productGroups: catalogue.productGroups.length,
        ...figures,
        longInputMs,
        engineBuildMs: Number(buildMs.toFixed(1)),
      },
      null,
      2,
    ),
  );
  return Promise.resolve();
}
