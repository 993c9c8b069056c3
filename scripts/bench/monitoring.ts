/**
 * `npm run bench -- monitoring [--tenders 2000]`: the monitoring report over a municipality
 * with many tenders, through the API on Azurite (the same code Azure runs): `tenders` tenders
 * with kickoffs spread over one year, two thirds with an MVI record, written straight to
 * storage; then the report as JSON, the board's .docx and the CSV, each timed over a few
 * runs. Titles come from the labelled evaluation set, so the engine sees realistic text.
 * Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { tender as tenderSchema, type Tender } from '../../core/src/index.js';
import { DEMO_USERS } from '../dev/demo-data.js';
import { startStack } from '../dev/stack.js';

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { tenders: { type: 'string', default: '2000' }, runs: { type: 'string', default: '5' } },
  });
  const count = Number(values.tenders);
  const runs = Number(values.runs);
  const stack = await startStack({
    ports: { blob: 0, queue: 0, table: 0, idp: 0, functions: 0, bot: 0, tab: 0 },
    tab: false,
    timers: false,
  });
  try {
    const { services } = stack;
    const titles = readFileSync(
      new URL('../../content/evaluation/advice-golden.jsonl', import.meta.url),
      'utf8',
    )
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { title: string; expect: string[] })
      .filter((c) => c.expect.length > 0);
    const criteriaOf = new Map(
      services.catalogue.productGroups.map((g) => [g.id, g.criteria.map((c) => c.id)]),
    );
    const pieter = DEMO_USERS[3]!;
    const year = 2025;
    const tenders: Tender[] = Array.from({ length: count }, (_, i) => {
      const source = titles[i % titles.length]!;
      const day = new Date(Date.UTC(year, 0, 1 + (i % 365))).toISOString().slice(0, 10);
      const criteria = criteriaOf.get(source.expect[0]!) ?? [];
      return tenderSchema.parse({
        municipalityId: 'havendam',
        reference: `B-${String(i).padStart(5, '0')}`,
        title: source.title,
        estimatedValueEur: 20_000 + ((i * 7919) % 2_000_000),
        commissioningManager: { userId: pieter.id, upn: pieter.upn },
        kickoffDate: day,
        status: i % 5 === 0 ? 'planned' : 'awarded',
        ...(i % 3 !== 0
          ? {
              mvi: {
                appliedCriteria: criteria.slice(0, 1 + (i % 4)),
                socialReturn: i % 2 ? { applied: true, percentage: 5 } : { applied: false },
                realisation: 'not-yet',
                recordedAt: `${day}T12:00:00.000Z`,
              },
            }
          : {}),
      });
    });
    const writeStart = performance.now();
    for (let i = 0; i < tenders.length; i += 100)
      await services.nudges.tenders.upsertAll('havendam', tenders.slice(i, i + 100));
    const writeMs = performance.now() - writeStart;

    const token = await stack.idp.issue(DEMO_USERS[0]!.upn, { roles: ['mvi-admin'] });
    const time = async (path: string): Promise<{ p50: number; max: number; bytes: number }> => {
      const ms: number[] = [];
      let bytes = 0;
      for (let r = 0; r < runs; r++) {
        const start = performance.now();
        const response = await fetch(`${stack.urls.api}${path}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
        bytes = (await response.arrayBuffer()).byteLength;
        ms.push(performance.now() - start);
      }
      ms.sort((a, b) => a - b);
      return { p50: Math.round(percentile(ms, 50)), max: Math.round(ms.at(-1) ?? 0), bytes };
    };
    const report = (await (
      await fetch(`${stack.urls.api}/monitoring?year=${year}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { tenders: { total: number; withMvi: number } };
    console.log(
      JSON.stringify({
        tenders: count,
        inReport: report.tenders.total,
        withMvi: report.tenders.withMvi,
        writeMs: Math.round(writeMs),
        reportJsonMs: await time(`/monitoring?year=${year}`),
        boardDocxMs: await time(`/monitoring/export?format=docx&year=${year}`),
        csvMs: await time(`/monitoring/export?format=csv&year=${year}`),
      }),
    );
  } finally {
    await stack.stop();
  }
}
