/**
 * The advice engine on the command line (a contract other tools rely on; see README).
 *   npm run --silent advise -- --jsonl            one JSON request per stdin line → one JSON answer per line
 *   npm run --silent advise -- --csv plan.csv     an annual procurement plan → MVI opportunities ranked, as CSV
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { safeRow } from '../core/src/kernel/csv.js';
import { loadCatalogue } from '../content/index.js';
import { AdviceEngine, type Advice } from '../core/src/engine/advise.js';
import { isDomainError } from '../core/src/errors.js';
import { parseAmount, parseDate } from '../core/src/parse.js';

const today = (): string => new Date().toISOString().slice(0, 10);

/** The JSON line of the CLI contract. */
export function contractLine(id: unknown, advice: Advice): Record<string, unknown> {
  return {
    id,
    productGroups: advice.productGroups.map((g) => ({
      id: g.id,
      name: g.name,
      score: g.score,
      cpv: g.cpv.map((c) => c.prefix),
      relevance: g.relevance,
      cpvCodes: g.cpv.map((c) => ({ code: c.code, label: c.label })),
    })),
    contractType: advice.contractType,
    thresholds: {
      euThresholdEur: advice.thresholds.euThresholdEur,
      aboveEuThreshold: advice.thresholds.aboveEuThreshold,
    },
    socialReturn: {
      applies: advice.socialReturn.applies,
      ...(advice.socialReturn.percentage !== undefined ? { percentage: advice.socialReturn.percentage } : {}),
      reason: advice.socialReturn.reason,
    },
    criteria: advice.criteria.map((c) => ({
      id: c.id,
      productGroupId: c.productGroupId,
      themes: c.themes,
      type: c.type,
      ambition: c.ambition,
      title: c.title,
      productGroupName: c.productGroupName,
    })),
    ...(advice.general ? { general: advice.general } : {}),
    cpvSuggestions: advice.cpvSuggestions,
    nextSteps: advice.nextSteps,
  };
}

export function adviseLine(engine: AdviceEngine, line: string, date: string): Record<string, unknown> {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { id: null, error: 'This line is not valid JSON.' };
  }
  const id: unknown = typeof input === 'object' && input !== null && 'id' in input ? input.id : null;
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { id, error: 'Each line must be a JSON object.' };
  const request = Object.fromEntries(Object.entries(input).filter(([key]) => key !== 'id'));
  try {
    return contractLine(id, engine.advise(engine.parseRequest(request), date));
  } catch (error) {
    if (isDomainError(error)) return { id, error: error.userMessage.en };
    throw error;
  }
}

const COLUMN_NAMES: Record<string, string[]> = {
  reference: ['referentie', 'reference', 'kenmerk', 'nummer', 'id'],
  title: ['titel', 'title', 'onderwerp', 'omschrijving opdracht', 'naam'],
  description: ['omschrijving', 'description', 'toelichting'],
  cpv: ['cpv', 'cpv-code', 'cpv code', 'cpv_codes'],
  value: ['geraamde waarde', 'waarde', 'estimated value', 'estimated_value', 'raming', 'bedrag'],
  start: ['startdatum', 'start', 'start date', 'start_date', 'kick-off', 'kickoff'],
  municipality: ['gemeente', 'municipality'],
};

function column(record: Record<string, string>, key: keyof typeof COLUMN_NAMES): string {
  for (const [name, value] of Object.entries(record)) {
    if (COLUMN_NAMES[key]!.includes(name.trim().toLowerCase())) return value.trim();
  }
  return '';
}

export function scanPlan(engine: AdviceEngine, csv: string, date: string): string {
  const firstLine = csv.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records = parse<Record<string, string>>(csv, {
    columns: true,
    skip_empty_lines: true,
    bom: true,
    delimiter,
    trim: true,
    relax_column_count: true,
  });
  const rows = records.map((record, index) => {
    const title = column(record, 'title');
    const value = parseAmount(column(record, 'value'));
    const start = column(record, 'start');
    const cpv = column(record, 'cpv')
      .split(/[\s;,|]+/)
      .filter((c) => /^\d{8}(-\d)?$/.test(c));
    const municipality = column(record, 'municipality').toLowerCase() || undefined;
    if (!title) return { line: index + 2, reference: column(record, 'reference'), title, error: 'no title' };
    const advice = engine.advise(
      {
        title,
        description: column(record, 'description') || undefined,
        cpv,
        estimatedValueEur: value,
        municipality: municipality && /^[a-z0-9-]+$/.test(municipality) ? municipality : undefined,
      },
      parseDate(start) ?? date,
    );
    // Bigger, MVI-required, confidently matched tenders first.
    const weight =
      (value ?? 0) * (advice.mvi.required === false ? 0.2 : 1) * (advice.productGroups[0]?.score ?? 0.1);
    return {
      line: index + 2,
      reference: column(record, 'reference'),
      title,
      value,
      start: parseDate(start) ?? start,
      advice,
      weight,
    };
  });
  const weightOf = (r: (typeof rows)[number]): number => ('weight' in r ? (r.weight ?? 0) : -1);
  const ranked = rows.sort((a, b) => weightOf(b) - weightOf(a));
  return stringify(
    ranked
      .map((r, i) =>
        'advice' in r && r.advice
          ? {
              rank: i + 1,
              line: r.line,
              reference: r.reference,
              title: r.title,
              estimatedValueEur: r.value ?? '',
              start: r.start,
              productGroups: r.advice.productGroups.map((g) => g.id).join(' '),
              contractType: r.advice.contractType ?? '',
              aboveEuThreshold: r.advice.thresholds.aboveEuThreshold ?? '',
              mviRequired: r.advice.mvi.required ?? '',
              socialReturn: r.advice.socialReturn.applies ?? '',
              socialReturnEur: r.advice.socialReturn.amountEur ?? '',
              criteria: r.advice.criteria.length,
              confidence: r.advice.confidence,
              error: '',
            }
          : {
              rank: i + 1,
              line: r.line,
              reference: r.reference,
              title: r.title,
              error: 'error' in r ? r.error : '',
            },
      )
      // Titles come from a plan people typed: never let a spreadsheet run one as a formula.
      .map((row) => safeRow(row)),
    {
      header: true,
      cast: { boolean: (value) => String(value) },
      columns: [
        'rank',
        'line',
        'reference',
        'title',
        'estimatedValueEur',
        'start',
        'productGroups',
        'contractType',
        'aboveEuThreshold',
        'mviRequired',
        'socialReturn',
        'socialReturnEur',
        'criteria',
        'confidence',
        'error',
      ],
    },
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { jsonl: { type: 'boolean' }, csv: { type: 'string' }, date: { type: 'string' } },
  });
  const engine = new AdviceEngine(loadCatalogue());
  const date = values.date ?? today();
  if (values.csv) {
    let text: string;
    try {
      text = readFileSync(values.csv, 'utf8');
    } catch {
      console.error(`Cannot read ${values.csv}.`);
      process.exit(2);
    }
    process.stdout.write(scanPlan(engine, text, date));
    return;
  }
  if (!values.jsonl) {
    console.error(
      'Usage: npm run --silent advise -- --jsonl < requests.jsonl | --csv plan.csv [--date YYYY-MM-DD]',
    );
    process.exit(2);
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    process.stdout.write(`${JSON.stringify(adviseLine(engine, line, date))}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(`advise failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
