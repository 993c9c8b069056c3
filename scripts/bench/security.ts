/**
 * `npm run bench -- security`: the security proof suite's families against a started stack,
 * printing how many cases each tried and how many the stack answered as it must (and how long
 * it took). The same checks as tests/security/, from tests/security/support/.
 */
import { performance } from 'node:perf_hooks';
import { checkBotEndpoint } from '../../tests/security/support/bot.js';
import type { FamilyResult } from '../../tests/security/support/family.js';
import { checkBodyLimits } from '../../tests/security/support/body-limits.js';
import { fuzzWriteRoutes, writeRoutes } from '../../tests/security/support/fuzz.js';
import { checkIsolation } from '../../tests/security/support/isolation.js';
import { checkTokens } from '../../tests/security/support/tokens.js';
import { DEMO_MUNICIPALITIES, DEMO_TENANT_ID, DEMO_USERS } from '../dev/demo-data.js';
import { startStack, type Stack } from '../dev/stack.js';

const FREE = { blob: 0, queue: 0, table: 0, idp: 0, functions: 0, bot: 0, tab: 0 };
const BOT_ID = '7d3f8e2a-1b4c-4d5e-8f6a-9b0c1d2e3f4a';
const APP = '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const victim = DEMO_USERS.find((u) => u.upn === 'pieter.jansen@havendam.example')!;

/** A family: the stack it runs against and the check. */
type Family = (stacks: { withBotId: Stack; localDev: Stack }) => Promise<FamilyResult>;

const FAMILIES: Family[] = [
  ({ withBotId: s }) =>
    checkTokens({
      api: s.urls.api,
      idp: s.idp,
      user: victim.upn,
      appClientId: APP,
      appRole: 'Tenders.ReadWrite.All',
      tenantId: DEMO_TENANT_ID,
    }),
  ({ withBotId: s }) =>
    checkIsolation({
      api: s.urls.api,
      idp: s.idp,
      municipalities: DEMO_MUNICIPALITIES.map((m) => m.id),
      users: DEMO_USERS,
    }),
  ({ withBotId: s }) =>
    checkBotEndpoint({
      url: s.urls.bot,
      idp: s.idp,
      tenantId: DEMO_TENANT_ID,
      victimObjectId: victim.id,
      botId: BOT_ID,
    }),
  ({ localDev: s }) =>
    checkBotEndpoint({ url: s.urls.bot, idp: s.idp, tenantId: DEMO_TENANT_ID, victimObjectId: victim.id }),
  // Body caps: an endless unauthenticated body gets 401 unread, an authenticated one over the cap 413.
  async ({ withBotId: s }) => {
    // The MVI team may write on every person's route; the integration routes take app tokens only.
    const token = await s.idp.issue(DEMO_USERS.find((u) => u.upn.startsWith('ingrid'))!.upn);
    const routes = writeRoutes()
      .filter(
        (r) =>
          r.methods.includes('POST') &&
          !/[{]/.test(r.route) &&
          r.route !== 'messages' &&
          !r.route.startsWith('integrations/'),
      )
      .map((r) => r.route);
    return checkBodyLimits(s.urls.api, token, routes);
  },
  // Fuzzing every write route of the registry: no 5xx, and a refused write changes nothing read back.
  async ({ withBotId: s }) => {
    const person = await s.idp.issue(victim.upn);
    const app = await s.idp.issueApp(APP, { appRoles: ['Tenders.ReadWrite.All'] });
    const result = await fuzzWriteRoutes({
      apiUrl: s.urls.api,
      tokens: [person, person, app],
      knownIds: ['T-2026-014', victim.id, 'prepare', 'circulair-meubilair'],
      runsPerRoute: Number(process.env['FUZZ_RUNS'] ?? 25),
      skipReads: ['health', 'catalogue', 'monitoring', 'monitoring/region', 'reports/reach', 'nudges/status'],
    });
    return {
      family: 'fuzz (write routes)',
      tried: result.tried,
      correct: result.correct,
      failures: result.failures.map((f) => `${f.route}: ${f.error} (${f.counterexample})`),
    };
  },
];

export async function run(): Promise<void> {
  const withBotId = await startStack({
    ports: FREE,
    tab: false,
    timers: false,
    env: {
      BOT_ID,
      BOT_PASSWORD: 'not-a-real-secret',
      BOT_TENANT_ID: DEMO_TENANT_ID,
      TENDER_API_CLIENTS: `${APP}=havendam`,
    },
  });
  const localDev = await startStack({ ports: FREE, tab: false, timers: false, seed: false });
  try {
    const rows: (FamilyResult & { seconds: number })[] = [];
    for (const family of FAMILIES) {
      const started = performance.now();
      const result = await family({ withBotId, localDev });
      rows.push({ ...result, seconds: (performance.now() - started) / 1000 });
    }
    console.log('family                            tried  correct   time');
    for (const r of rows)
      console.log(
        `${r.family.padEnd(32)} ${String(r.tried).padStart(6)} ${String(r.correct).padStart(8)} ${r.seconds.toFixed(1).padStart(5)} s`,
      );
    const tried = rows.reduce((n, r) => n + r.tried, 0);
    const correct = rows.reduce((n, r) => n + r.correct, 0);
    console.log(`${'all'.padEnd(32)} ${String(tried).padStart(6)} ${String(correct).padStart(8)}`);
    for (const r of rows) for (const f of r.failures) console.log(`  wrong (${r.family}): ${f}`);
    if (correct !== tried) process.exitCode = 1;
  } finally {
    await localDev.stop();
    await withBotId.stop();
  }
}
