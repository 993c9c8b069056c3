import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const run = (args: string[], input = ''): { status: number | null; stdout: string; stderr: string } => {
  const r = spawnSync(TSX, args, { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('npm run advise -- --jsonl', () => {
  it('answers one JSON line per request, in order, and reports bad lines without stopping', () => {
    const input = [
      JSON.stringify({ id: 't1', title: 'Schoonmaak gemeentehuis', estimatedValueEur: 400_000 }),
      '{broken',
      JSON.stringify({ id: 't2', title: '' }),
      JSON.stringify({
        id: 't3',
        title: 'Services',
        cpv: ['90910000'],
        estimatedValueEur: 218_000,
        date: '2025-06-01',
      }),
    ].join('\n');
    const { status, stdout } = run(['scripts/advise.ts', '--jsonl'], input);
    expect(status).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['t1', null, 't2', 't3']);
    expect(lines[0]).toMatchObject({
      productGroups: [{ id: 'cleaning' }],
      contractType: 'services',
      thresholds: { euThresholdEur: 216_000, aboveEuThreshold: true },
      socialReturn: { applies: true, percentage: 5 },
    });
    // The fields of the contract stay; new ones come after them.
    expect(Object.keys(lines[0].criteria[0])).toEqual([
      'id',
      'productGroupId',
      'themes',
      'type',
      'ambition',
      'title',
      'productGroupName',
    ]);
    expect(lines[0].productGroups[0].cpv).toContain('90911');
    expect(lines[0].productGroups[0].cpvCodes).toContainEqual({
      code: '90911000-6',
      label: 'Reiniging van woningen en gebouwen en glazenwassersdiensten',
    });
    expect(lines[0].cpvSuggestions.length).toBeGreaterThan(0);
    expect(lines[0].cpvSuggestions.length).toBeLessThanOrEqual(5);
    expect(lines[0].cpvSuggestions[0]).toEqual({
      code: expect.stringMatching(/^909\d{5}-\d$/),
      label: expect.any(String),
      score: expect.any(Number),
    });
    expect(lines[3].cpvSuggestions[0]).toMatchObject({ code: '90910000-9', score: 1 });
    expect(lines[1].error).toMatch(/not valid JSON/);
    expect(lines[2].error).toMatch(/title/);
    expect(lines[3].thresholds).toEqual({ euThresholdEur: 221_000, aboveEuThreshold: false });
  });
});

describe('npm run advise -- --csv', () => {
  it('ranks the MVI opportunities of a Dutch procurement plan (semicolons, Dutch amounts and dates)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-'));
    const file = join(dir, 'inkoopplanning.csv');
    writeFileSync(
      file,
      [
        'Referentie;Titel;Omschrijving;CPV;Geraamde waarde;Startdatum',
        'IP-01;Kantoorartikelen;;;€ 20.000;01-03-2027',
        'IP-02;Schoonmaak stadhuis;Dagelijkse schoonmaak;90911200;€ 450.000,00;15-04-2027',
        'IP-03;Vervanging openbare verlichting;;;1.250.000;1 juni 2027',
        'IP-04;;;;;',
      ].join('\r\n'),
    );
    const { status, stdout } = run(['scripts/advise.ts', '--csv', file, '--date', '2026-11-21']);
    expect(status).toBe(0);
    const rows = parse<Record<string, string>>(stdout, { columns: true });
    expect(rows.map((r) => r.reference)).toEqual(['IP-03', 'IP-02', 'IP-01', 'IP-04']);
    expect(rows[1]).toMatchObject({
      productGroups: expect.stringContaining('cleaning'),
      estimatedValueEur: '450000',
      socialReturn: 'true',
      socialReturnEur: '22500',
    });
    expect(rows[3]!.error).toBe('no title');
  });

  it('says so when the file cannot be read', () => {
    const { status, stderr } = run(['scripts/advise.ts', '--csv', '/nonexistent/plan.csv']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/Cannot read/);
  });
});

describe('npm run catalogue -- --json', () => {
  it('prints themes, groups with CPV prefixes, criteria, thresholds and the default policy', () => {
    const { status, stdout } = run(['scripts/catalogue.ts', '--json']);
    expect(status).toBe(0);
    const catalogue = JSON.parse(stdout);
    expect(catalogue.themes).toHaveLength(6);
    expect(catalogue.productGroups.length).toBeGreaterThanOrEqual(45);
    expect(catalogue.productGroups[0].cpv[0].prefix).toMatch(/^\d{3,8}$/);
    expect(catalogue.thresholds.periods).toHaveLength(2);
    expect(catalogue.defaultPolicy.mviRequiredFromEur).toBe(50_000);
  });
});
