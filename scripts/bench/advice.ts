/**
 * Accuracy and speed of the advice engine on real TED notices: coverage (the notice's CPV
 * falls under some product group), top-1 and top-3 hit rate from title and description only
 * (no CPV given to the engine), and latency percentiles.
 */
import { readFileSync, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { AdviceEngine } from '../../core/src/engine/advise.js';
import { loadCatalogue } from '../../content/index.js';
import { parse } from 'csv-parse/sync';

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, verbose: { type: 'boolean' } } });
  const file = values.data ?? new URL('../../../shared/data/tenders-nl-ted.csv', import.meta.url).pathname;
  if (!existsSync(file)) {
    console.error(`No data at ${file}. Pass --data FILE (a CSV with title, description and cpv_main columns).`);
    process.exit(2);
  }
  const rows = parse<Record<string, string>>(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true });
  const catalogue = loadCatalogue();
  const t0 = performance.now();
  const engine = new AdviceEngine(catalogue);
  const buildMs = performance.now() - t0;

  let covered = 0;
  let top1 = 0;
  let top3 = 0;
  let empty = 0;
  const latencies: number[] = [];
  const misses: string[] = [];
  // Notice files have title/description/cpv_main; the lots file lot_title/lot_description/lot_cpv_main.
  const field = (row: Record<string, string>, name: string): string => row[name] || row[`lot_${name}`] || '';
  for (const row of rows) {
    const cpv = (field(row, 'cpv_main') || row['notice_cpv_main'] || '').replace(/\D/g, '').slice(0, 8);
    const request = { title: field(row, 'title'), description: field(row, 'description') };
    if (!request.title) continue;
    const start = performance.now();
    const advice = engine.advise(request, '2026-11-21');
    latencies.push(performance.now() - start);
    const expected = engine.groupOfCpv(cpv);
    if (!expected) continue;
    covered++;
    const hits = advice.productGroups.map((g) => g.cpv.some((p) => cpv.startsWith(p)));
    if (hits[0]) top1++;
    if (hits.slice(0, 3).some(Boolean)) top3++;
    else misses.push(`${cpv} ${expected.id} ← ${request.title.slice(0, 80)} → ${advice.productGroups.map((g) => g.id).join(', ') || '(none)'}`);
    if (advice.productGroups.length === 0) empty++;
  }
  // Warm timing: the same inputs again, now that the JIT has seen them.
  const warm: number[] = [];
  for (const row of rows) {
    const start = performance.now();
    const title = field(row, 'title');
    if (title) engine.advise({ title, description: field(row, 'description') }, '2026-11-21');
    warm.push(performance.now() - start);
  }
  warm.sort((a, b) => a - b);
  latencies.sort((a, b) => a - b);
  const pct = (n: number): string => (covered ? `${((100 * n) / covered).toFixed(1)} %` : 'n/a');
  console.log(
    JSON.stringify(
      {
        data: file,
        notices: rows.length,
        productGroups: catalogue.productGroups.length,
        covered,
        coverage: `${((100 * covered) / rows.length).toFixed(1)} %`,
        top1: pct(top1),
        top3: pct(top3),
        coveredWithoutAnyGroup: empty,
        engineBuildMs: Number(buildMs.toFixed(1)),
        latencyMs: { p50: Number(percentile(warm, 50).toFixed(3)), p95: Number(percentile(warm, 95).toFixed(3)), max: Number((warm.at(-1) ?? 0).toFixed(3)), coldP95: Number(percentile(latencies, 95).toFixed(3)) },
      },
      null,
      2,
    ),
  );
  if (values.verbose) console.log(`\nMisses (top 3):\n${misses.join('\n')}`);
  return Promise.resolve();
}
