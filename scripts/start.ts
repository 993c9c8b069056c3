/**
 * `npm start`: the whole app on embedded defaults. Ports and persistence come from the
 * environment (see README, "Configuration"); Ctrl-C stops everything cleanly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { DEFAULT_PORTS, ROOT, startStack, type StackPorts } from './dev/stack.js';
import { spawnSync } from 'node:child_process';
import { coreToolsAvailable, forwardBotPort, startFunc, writeLocalSettings } from './dev/core-tools.js';
import { DEMO_USERS } from './dev/demo-data.js';

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`${name}="${raw}" is not a port number (0-65535).`);
    process.exit(2);
  }
  return value;
}

const ports: StackPorts = {
  blob: port('AZURITE_BLOB_PORT', DEFAULT_PORTS.blob),
  queue: port('AZURITE_QUEUE_PORT', DEFAULT_PORTS.queue),
  table: port('AZURITE_TABLE_PORT', DEFAULT_PORTS.table),
  idp: port('DEV_IDP_PORT', DEFAULT_PORTS.idp),
  functions: port('FUNCTIONS_PORT', DEFAULT_PORTS.functions),
  bot: port('BOT_PORT', DEFAULT_PORTS.bot),
  tab: port('TAB_PORT', DEFAULT_PORTS.tab),
};
const persist = process.argv.includes('--persist') || process.env['MVI_PERSIST'] === '1';
const useFunc = process.argv.includes('--func');
/**
 * --teams: debug inside Teams after `teamsapp provision --env local` (teamsapp.local.yml wrote
 * .localConfigs and build/local/config.json): Entra tokens, the real bot identity, https tab.
 */
const teamsMode = process.argv.includes('--teams');

function teamsSettings(): {
  env: Record<string, string>;
  https: { cert: string; key: string };
  tabConfig: Record<string, unknown>;
} {
  const file = join(ROOT, '.localConfigs');
  if (!existsSync(file)) {
    console.error(
      '--teams needs .localConfigs: run `teamsapp provision --env local` and `teamsapp deploy --env local` first (see docs/deployment.md).',
    );
    process.exit(2);
  }
  // Storage is the local Azurite; the tab port is ours to choose.
  const {
    AzureWebJobsStorage: _storage,
    TAB_PORT: _port,
    SSL_CRT_FILE: cert,
    SSL_KEY_FILE: key,
    ...env
  } = parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
  if (!cert || !key) {
    console.error(
      '--teams needs SSL_CRT_FILE and SSL_KEY_FILE in .localConfigs (the development certificate teamsapp installs).',
    );
    process.exit(2);
  }
  return {
    env,
    https: { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') },
    tabConfig: JSON.parse(readFileSync(join(ROOT, 'build/local/config.json'), 'utf8')) as Record<
      string,
      unknown
    >,
  };
}
if (useFunc && !coreToolsAvailable()) {
  console.error(
    "--func needs Azure Functions Core Tools (`func`) on the PATH. Without it, plain `npm start` runs the same functions on the project's local host.",
  );
  process.exit(2);
}

const started = Date.now();
console.log('MVI Companion: starting the local stack…');
try {
  const teams = teamsMode ? teamsSettings() : undefined;
  const stack = await startStack({
    ports,
    backend: useFunc ? 'external' : 'local',
    demoHistory: true,
    ...(teams ?? {}),
    ...(persist ? { dataDir: join(ROOT, '.data/azurite') } : {}),
    log: (level, message) => (level === 'info' ? console.log(message) : console[level](message)),
  });
  if (useFunc) {
    // Core Tools run the compiled app (package.json "main") with the same settings.
    if (spawnSync('npm', ['run', 'build:functions'], { cwd: ROOT, stdio: 'inherit' }).status !== 0)
      throw new Error('build failed');
    writeLocalSettings(ROOT, stack.backendSettings);
    const func = startFunc(ROOT, ports.functions);
    const forward = await forwardBotPort('127.0.0.1', ports.bot, ports.functions);
    process.on('exit', () => {
      func.kill();
      forward.close();
    });
  }
  const users = DEMO_USERS.map((u) => `    ${u.upn.padEnd(36)} ${u.roles.join(', ')}`).join('\n');
  console.log(`
MVI Companion is running (${((Date.now() - started) / 1000).toFixed(1)} s).

  Tab (open this)        ${stack.urls.tab}
  API                    ${stack.urls.api}   (health: ${stack.urls.api}/health)
  Bot messaging endpoint ${stack.urls.bot}
  Identity provider      ${stack.urls.idp}   (development only)
  Storage (Azurite)      ${stack.urls.storage}${persist ? `\n  Data kept in          ${join(ROOT, '.data/azurite')}` : '   (in memory; npm start -- --persist keeps it)'}

Demo users (sign in with the picker in the tab, or: npm run --silent dev:token -- --user <upn>):
${users}

Press Ctrl-C to stop.`);
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    void stack.stop().then(() => {
      console.log('Stopped.');
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (error) {
  console.error(`\nCould not start MVI Companion: ${(error as Error).message}`);
  process.exit(1);
}
