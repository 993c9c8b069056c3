/**
 * `npm run bench -- advice-http [--records 5000] [--requests 200]`: POST /api/advice through the
 * API on Azurite (the same code Azure runs), with the neighbours' block over a region holding
 * `records` recorded tenders, against the same advice without the block (`?neighbours=false`)
 * in the same run, interleaved. Two layouts of the region: the records spread over the product
 * groups as in the labelled evaluation set (the usual case), and all of them in the asked group
 * (the worst case: one partition of `records` rows). Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { NeighbourRecord } from '../../core/src/neighbours/neighbours.js';
import { DEMO_REGION_ID, DEMO_USERS } from '../dev/demo-data.js';
import { startStack } from '../dev/stack.js';

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (n: number): number => Math.round(n * 10) / 10;
const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), n: ms.length };
};

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { records: { type: 'string', default: '5000' }, requests: { type: 'string', default: '200' } },
  });
  const count = Number(values.records);
  const requests = Number(values.requests);
  const stack = await startStack({
    ports: { blob: 0, queue: 0, table: 0, idp: 0, functions: 0, bot: 0, tab: 0 },
    tab: false,
    timers: false,
  });
  try {
    const { services } = stack;
    const groups = readFileSync(
      new URL('../../content/evaluation/advice-golden.jsonl', import.meta.url),
      'utf8',
    )
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { expect: string[] }).expect[0])
      .filter((g): g is string => !!g && services.catalogue.productGroupsById.has(g));
    const criteriaOf = (g: string) => services.catalogue.productGroupsById.get(g)!.criteria.map((c) => c.id);
    const thisYear = new Date().getFullYear();
    const others = ['polderveen', 'rietmond'];
    const recordsFor = (groupOf: (i: number) => string, prefix: string): NeighbourRecord[] =>
      Array.from({ length: count }, (_, i) => {
        const group = groupOf(i);
        const criteria = criteriaOf(group);
        return {
          municipalityId: others[i % 2]!,
          reference: `${prefix}-${String(i).padStart(5, '0')}`,
          title: `Aanbesteding ${i}`,
          productGroupIds: [group],
          year: thisYear - (i % 5),
          estimatedValueEur: 100_000 + ((i * 7919) % 1_500_000),
          appliedCriteria: criteria.slice(i % 3, (i % 3) + 1 + (i % 4)),
          socialReturn: i % 2 ? { applied: true, percentage: 3 + (i % 5) } : { applied: false },
          realisation: (['not-yet', 'realised', 'partly', 'not-realised'] as const)[i % 4]!,
        };
      });
    const write = async (list: NeighbourRecord[]): Promise<number> => {
      const start = performance.now();
      const byGroup = new Map<string, NeighbourRecord[]>();
      for (const r of list)
        byGroup.set(r.productGroupIds[0]!, [...(byGroup.get(r.productGroupIds[0]!) ?? []), r]);
      for (const [g, rs] of byGroup) {
        // One partition per municipality's rows within a transaction: split by municipality.
        for (const m of others)
          await services.neighbours.putMany(
            DEMO_REGION_ID,
            g,
            rs.filter((r) => r.municipalityId === m),
          );
      }
      return performance.now() - start;
    };
    const token = await stack.idp.issue(DEMO_USERS[3]!.upn); // Pieter, Havendam
    const advise = async (withNeighbours: boolean): Promise<{ ms: number; tenders: number | null }> => {
      const start = performance.now();
      const response = await fetch(`${stack.urls.api}/advice${withNeighbours ? '' : '?neighbours=false'}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          title: 'Schoonmaak gemeentehuis en wijkkantoren',
          estimatedValueEur: 400_000,
        }),
      });
      const body = (await response.json()) as { neighbours?: { tenders: number } | null };
      const ms = performance.now() - start;
      if (response.status !== 200) throw new Error(`advice answered ${response.status}`);
      return { ms, tenders: body.neighbours?.tenders ?? null };
    };
    const measure = async () => {
      for (let i = 0; i < 10; i++) await advise(i % 2 === 0); // warm-up
      const withMs: number[] = [];
      const withoutMs: number[] = [];
      let seen: number | null = null;
      for (let i = 0; i < requests; i++) {
        const a = await advise(true);
        withMs.push(a.ms);
        seen = a.tenders;
        withoutMs.push((await advise(false)).ms);
      }
      return { with: summary(withMs), without: summary(withoutMs), similarTendersShown: seen };
    };

    const spreadWriteMs = await write(recordsFor((i) => groups[i % groups.length]!, 'S'));
    const cleaningPartition = (await services.neighbours.listGroup(DEMO_REGION_ID, 'cleaning', 0)).length;
    const spread = await measure();
    const oneWriteMs = await write(recordsFor(() => 'cleaning', 'C'));
    const onePartition = (await services.neighbours.listGroup(DEMO_REGION_ID, 'cleaning', 0)).length;
    const one = await measure();
    console.log(
      JSON.stringify({
        bench: 'advice-http',
        records: count,
        requestsPerCase: requests,
        spread: { writeMs: round(spreadWriteMs), rowsInAskedPartition: cleaningPartition, ...spread },
        allInAskedGroup: { writeMs: round(oneWriteMs), rowsInAskedPartition: onePartition, ...one },
      }),
    );
  } finally {
    await stack.stop();
  }
}
