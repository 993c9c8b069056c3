/**
 * Property-based fuzzing of every write endpoint the registry defines (POST and PUT routes
 * of functions/src/registry.ts, so a new route is fuzzed without editing the suite): random
 * JSON, random objects with the fields the API knows, text that is not JSON, CSV, huge and
 * hostile strings, random path parameters and percent-encodings. The property: no answer is
 * a 5xx, and a refused write (4xx) leaves every list the API reads unchanged. Used by
 * tests/security/fuzz.test.ts and `npm run bench -- security`.
 */
import fc from 'fast-check';
import type { HttpFunctionDefinition } from '../../../functions/src/definitions.js';
import { buildFunctions } from '../../../functions/src/registry.js';
import type { CheckResult } from './formula.js';

/** Every HTTP function of the registry (handlers are built but never called here). */
export function httpRoutes(): HttpFunctionDefinition[] {
  return buildFunctions(() => {
    throw new Error('the route list does not run handlers');
  }).filter((f): f is HttpFunctionDefinition => f.kind === 'http');
}

export const writeRoutes = (): HttpFunctionDefinition[] =>
  httpRoutes().filter((r) => r.methods.some((m) => m === 'POST' || m === 'PUT' || m === 'PATCH'));

/** GET routes without parameters: what "the stored data" looks like from outside. */
export const readRoutes = (): HttpFunctionDefinition[] =>
  httpRoutes().filter((r) => r.methods.includes('GET') && !r.route.includes('{'));

/** Field names the API's bodies use, so random objects get past the first checks now and then. */
const FIELDS = [
  'reference',
  'title',
  'description',
  'cpv',
  'estimatedValueEur',
  'commissioningManager',
  'kickoffDate',
  'status',
  'kind',
  'body',
  'summary',
  'themes',
  'productGroupIds',
  'regionWide',
  'type',
  'start',
  'end',
  'location',
  'capacity',
  'code',
  'rating',
  'comment',
  'appliedCriteria',
  'socialReturn',
  'noMviReason',
  'results',
  'until',
  'tenders',
  'municipalityId',
  'criterionIds',
  'format',
  'subject',
  'query',
  'text',
  'channelId',
  'conversation',
  'from',
  'stages',
  'enabled',
  'retentionMonths',
] as const;

const hostile = fc.constantFrom(
  '=HYPERLINK("http://evil.example","x")',
  '"'.repeat(20_000),
  '\u0001'.repeat(3000),
  'x@' + 'a.'.repeat(2000) + ' b',
  '<script>alert(1)</script>',
  '\uFFFD\u0000\uD800',
  '-- x --',
  'ab!',
  '2027-02-30',
  '9'.repeat(400),
);

const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: hostile },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 1e308, 3.5, true, null, [], {}) },
);

const object = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 });

export interface FuzzBody {
  contentType: string;
  text: string;
}

const body: fc.Arbitrary<FuzzBody> = fc.oneof(
  { weight: 4, arbitrary: object.map((o) => ({ contentType: 'application/json', text: JSON.stringify(o) })) },
  {
    weight: 2,
    arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => ({
      contentType: 'application/json',
      text: JSON.stringify(v) ?? 'null',
    })),
  },
  {
    weight: 1,
    arbitrary: fc.string({ maxLength: 200 }).map((text) => ({ contentType: 'application/json', text })),
  },
  { weight: 1, arbitrary: hostile.map((text) => ({ contentType: 'text/csv', text })) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.array(fc.oneof(fc.string({ maxLength: 30 }), hostile), { maxLength: 9 }), { maxLength: 6 })
      .map((rows) => ({
        contentType: 'text/csv',
        text: [
          'Referentie;Titel;CPV;Geraamde waarde;Startdatum;Opdrachtgever;Status',
          ...rows.map((r) => r.join(';')),
        ].join('\n'),
      })),
  },
);

/** A path segment: an existing id now and then, else random text or a broken percent-encoding. */
const segment = (known: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...known).map(encodeURIComponent) },
    { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.constantFrom('%FF%FE', '%E0%A4%A', '%C0', '..', '%2F', 'a'.repeat(300)) },
  );

export interface FuzzCase {
  method: string;
  path: string;
  token: string;
  body: FuzzBody;
}

export interface FuzzOptions {
  apiUrl: string;
  /** Tokens to send (a person's with broad roles, an app's): each case picks one. */
  tokens: readonly string[];
  /** Ids that exist (a tender reference, a session id, a user id, …), tried as path parameters. */
  knownIds: readonly string[];
  runsPerRoute: number;
  seed?: number;
  /**
   * Parameterless reads left out of the comparison: reports computed from the stored lists
   * (which are compared), and static content. Everything else the registry reads is compared.
   */
  skipReads?: readonly string[];
}

export interface FuzzFailure {
  route: string;
  counterexample: string;
  error: string;
}

const TIMEOUT_MS = 15_000;

async function send(apiUrl: string, c: FuzzCase): Promise<number> {
  const response = await fetch(`${apiUrl}/${c.path}`, {
    method: c.method,
    headers: { authorization: `Bearer ${c.token}`, 'content-type': c.body.contentType },
    body: c.body.text,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await response.arrayBuffer();
  return response.status;
}

/** What the parameterless GET routes answer, read twice to leave out what changes by itself. */
async function snapshotOf(apiUrl: string, token: string, routes: readonly string[]): Promise<string[]> {
  return Promise.all(
    routes.map(async (route) => {
      const response = await fetch(`${apiUrl}/${route}`, { headers: { authorization: `Bearer ${token}` } });
      return `${response.status} ${await response.text()}`;
    }),
  );
}

export async function fuzzWriteRoutes(
  options: FuzzOptions,
): Promise<CheckResult & { failures: FuzzFailure[] }> {
  const reader = options.tokens[0]!;
  // Reads that answer the same twice in a row (the rest, like health, change by themselves).
  const candidates = readRoutes()
    .map((r) => r.route)
    .filter((r) => !options.skipReads?.includes(r));
  const [a, b] = [
    await snapshotOf(options.apiUrl, reader, candidates),
    await snapshotOf(options.apiUrl, reader, candidates),
  ];
  const stable = candidates.filter((_, i) => a[i] === b[i] && a[i]!.startsWith('200'));
  if (process.env['FUZZ_LOG']) console.log(`fuzz reads back: ${stable.join(', ')}`);
  let baseline = await snapshotOf(options.apiUrl, reader, stable);

  let tried = 0;
  let correct = 0;
  const failures: FuzzFailure[] = [];
  for (const route of writeRoutes()) {
    for (const method of route.methods.filter((m) => m !== 'GET')) {
      const names = [...route.route.matchAll(/\{(\w+)\??(?::\w+)?\}/g)].map((m) => m[1]!);
      const params = fc.tuple(...names.map(() => segment(options.knownIds)));
      let wrote = false;
      const property = fc.asyncProperty(
        params,
        body,
        fc.constantFrom(...options.tokens),
        async (values, b, token) => {
          let i = 0;
          const path = route.route.replace(/\{\w+\??(?::\w+)?\}/g, () => values[i++] ?? 'x');
          tried++;
          const status = await send(options.apiUrl, { method, path, token, body: b });
          if (status >= 500) throw new Error(`${method} /${path} answered ${status}`);
          if (status < 400) wrote = true;
          correct++;
        },
      );
      const started = Date.now();
      const result = await fc.check(property, {
        numRuns: options.runsPerRoute,
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        endOnFailure: true,
      });
      if (process.env['FUZZ_LOG'])
        console.log(`fuzz ${method} /${route.route}: ${result.numRuns} runs, ${Date.now() - started} ms`);
      // Refused writes only: then nothing the API reads may have changed.
      const after = await snapshotOf(options.apiUrl, reader, stable);
      const changed = wrote ? [] : stable.filter((_, k) => after[k] !== baseline[k]);
      baseline = after;
      if (changed.length) {
        correct -= result.numRuns;
        failures.push({
          route: `${method} /${route.route}`,
          counterexample: '',
          error: `every write was refused, yet ${changed.join(', ')} changed`,
        });
      }
      if (result.failed) {
        failures.push({
          route: `${method} /${route.route}`,
          counterexample: JSON.stringify(result.counterexample)?.slice(0, 500) ?? '',
          error: String('errorInstance' in result ? result.errorInstance : '').slice(0, 500),
        });
      }
    }
  }
  return { family: 'fuzz-write-endpoints', tried, correct, failures };
}
