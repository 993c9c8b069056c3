/**
 * Accuracy and speed of the advice engine.
 *
 * - On real TED notices (CSV with title, description and cpv_main columns): coverage (the
 *   notice's CPV falls under some product group), top-1 and top-3 hit rate from title and
 *   description only (no CPV given to the engine), and latency percentiles.
 * - On a labelled set (JSONL with title, description and `expect`: the acceptable group
 *   ids, empty for tenders outside every group), such as tests/fixtures/advice-golden.jsonl:
 *   top-1 and top-3 against the labels, and how often out-of-scope tenders stay empty.
 */
import { readFileSync, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { AdviceEngine } from '../../core/src/engine/advise.js';
import { loadCatalogue } from '../../content/index.js';
import { parse } from 'csv-parse/sync';

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

interface Case {
  id: string;
  title: string;
  description: string;
  /** Whether a returned group counts as right; undefined when the case is outside the catalogue. */
  isRight?: (group: { id: string; cpv: string[] }) => boolean;
  /** A labelled case that no group should answer. */
  outOfScope?: boolean;
  label: string;
}

function csvCases(file: string, engine: AdviceEngine): Case[] {
  const rows = parse<Record<string, string>>(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true });
  // Notice files have title/description/cpv_main; the lots file lot_title/lot_description/lot_cpv_main.
  const field = (row: Record<string, string>, name: string): string => row[name] || row[`lot_${name}`] || '';
  return rows
    .filter((row) => field(row, 'title'))
    .map((row, i) => {
      const cpv = (field(row, 'cpv_main') || row['notice_cpv_main'] || '').replace(/\D/g, '').slice(0, 8);
      const expected = engine.groupOfCpv(cpv);
      return {
        id: row['id'] || String(i + 1),
        title: field(row, 'title'),
        description: field(row, 'description'),
        isRight: expected ? (g: { cpv: string[] }) => g.cpv.some((p) => cpv.startsWith(p)) : undefined,
        label: `${cpv} ${expected?.id ?? '-'}`,
      };
    });
}

function jsonlCases(file: string): Case[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const c = JSON.parse(line) as { id: string; title: string; description?: string; expect: string[] };
      return {
        id: c.id,
        title: c.title,
        description: c.description ?? '',
        isRight: c.expect.length ? (g: { id: string }) => c.expect.includes(g.id) : undefined,
        outOfScope: c.expect.length === 0,
        label: c.expect.join('|') || '(none)',
      };
    });
}

export function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, verbose: { type: 'boolean' } } });
  const file = values.data ?? new URL('../../../shared/data/tenders-nl-ted.csv', import.meta.url).pathname;
  if (!existsSync(file)) {
    console.error(`No data at ${file}. Pass --data FILE (a CSV with title, description and cpv_main columns, or a JSONL file with title and expect).`);
    process.exit(2);
  }
  const catalogue = loadCatalogue();
  const t0 = performance.now();
  const engine = new AdviceEngine(catalogue);
  const buildMs = performance.now() - t0;
  const cases = file.endsWith('.jsonl') ? jsonlCases(file) : csvCases(file, engine);

  let covered = 0;
  let top1 = 0;
  let top3 = 0;
  let empty = 0;
  let outOfScope = 0;
  let outOfScopeEmpty = 0;
  let outOfScopeSure = 0;
  let sure = 0;
  let sureAndRight = 0;
  // Notices whose CPV falls under no group: how often the engine is sure of one anyway.
  let uncovered = 0;
  let uncoveredSure = 0;
  const latencies: number[] = [];
  const misses: string[] = [];
  const advise = (c: Case) => engine.advise({ title: c.title, description: c.description }, '2026-11-21');
  for (const c of cases) {
    const start = performance.now();
    const advice = advise(c);
    latencies.push(performance.now() - start);
    const returned = advice.productGroups.map((g) => g.id).join(', ') || '(none)';
    if (c.outOfScope) {
      outOfScope++;
      if (advice.productGroups.length === 0) outOfScopeEmpty++;
      if (advice.confidence === 'high') outOfScopeSure++;
      else misses.push(`${c.id} out of scope ← ${c.title.slice(0, 80)} → ${returned}`);
    }
    if (!c.isRight) {
      if (!c.outOfScope) {
        uncovered++;
        if (advice.confidence === 'high') uncoveredSure++;
      }
      continue;
    }
    covered++;
    const hits = advice.productGroups.map((g) => c.isRight!(g));
    if (hits[0]) top1++;
    if (advice.confidence === 'high') {
      sure++;
      if (hits[0]) sureAndRight++;
    }
    if (hits.slice(0, 3).some(Boolean)) top3++;
    else misses.push(`${c.id} ${c.label} ← ${c.title.slice(0, 80)} → ${returned}`);
    if (advice.productGroups.length === 0) empty++;
  }
  // Warm timing: the same inputs again, now that the JIT has seen them.
  const warm: number[] = [];
  for (const c of cases) {
    const start = performance.now();
    advise(c);
    warm.push(performance.now() - start);
  }
  warm.sort((a, b) => a - b);
  latencies.sort((a, b) => a - b);
  const pct = (n: number, of: number): string => (of ? `${((100 * n) / of).toFixed(1)} %` : 'n/a');
  console.log(
    JSON.stringify(
      {
        data: file,
        cases: cases.length,
        productGroups: catalogue.productGroups.length,
        covered,
        coverage: pct(covered, cases.length),
        top1: pct(top1, covered),
        top3: pct(top3, covered),
        coveredWithoutAnyGroup: empty,
        // How often the engine says it is sure, and how often it is right then.
        sure: pct(sure, covered),
        top1WhenSure: pct(sureAndRight, sure),
        // Broad codes (85000000) count here too, so some of these answers are right.
        ...(uncovered ? { uncovered, uncoveredAnsweredSure: pct(uncoveredSure, uncovered) } : {}),
        ...(outOfScope ? { outOfScope, outOfScopeLeftEmpty: pct(outOfScopeEmpty, outOfScope), outOfScopeAnsweredSure: pct(outOfScopeSure, outOfScope) } : {}),
        engineBuildMs: Number(buildMs.toFixed(1)),
        latencyMs: { p50: Number(percentile(warm, 50).toFixed(3)), p95: Number(percentile(warm, 95).toFixed(3)), max: Number((warm.at(-1) ?? 0).toFixed(3)), coldP95: Number(percentile(latencies, 95).toFixed(3)) },
      },
      null,
      2,
    ),
  );
  if (values.verbose) console.log(`\nMisses:\n${misses.join('\n')}`);
  return Promise.resolve();
}
