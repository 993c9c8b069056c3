/** Starts Azurite (the npm package) on loopback as a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { mkdirSync } from 'node:fs';

export interface AzuriteOptions {
  host: string;
  blobPort: number;
  queuePort: number;
  tablePort: number;
  /** Keep data in this folder between runs; in memory when absent. */
  location?: string;
}

export interface Azurite {
  readonly connectionString: string;
  stop(): Promise<void>;
}

const ACCOUNT = 'devstoreaccount1';
// The well-known, public development key of the storage emulator (not a secret).
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

function waitForPort(host: string, port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      if (child.exitCode !== null) return reject(new Error(`Azurite exited with code ${child.exitCode}`));
      const socket = connect(port, host);
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline)
          return reject(new Error(`Azurite did not open ${host}:${port} within ${timeoutMs} ms`));
        setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

export async function startAzurite(options: AzuriteOptions): Promise<Azurite> {
  const require = createRequire(import.meta.url);
  const bin = join(dirname(require.resolve('azurite/package.json')), 'dist/src/azurite.js');
  const args = [
    bin,
    '--silent',
    '--disableTelemetry',
    '--skipApiVersionCheck',
    '--loose',
    '--blobHost',
    options.host,
    '--blobPort',
    String(options.blobPort),
    '--queueHost',
    options.host,
    '--queuePort',
    String(options.queuePort),
    '--tableHost',
    options.host,
    '--tablePort',
    String(options.tablePort),
  ];
  if (options.location) {
    mkdirSync(options.location, { recursive: true });
    args.push('--location', options.location);
  } else {
    args.push('--inMemoryPersistence');
  }
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  try {
    await Promise.all(
      [options.queuePort, options.tablePort].map((p) => waitForPort(options.host, p, child, 15_000)),
    );
  } catch (error) {
    child.kill();
    const hint = /EADDRINUSE/.test(output)
      ? ' A storage port is already in use: set AZURITE_*_PORT or stop the other Azurite.'
      : '';
    throw new Error(`${(error as Error).message}.${hint}\n${output.trim()}`, { cause: error });
  }
  const h = options.host;
  return {
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${DEV_KEY};` +
      `BlobEndpoint=http://${h}:${options.blobPort}/${ACCOUNT};` +
      `QueueEndpoint=http://${h}:${options.queuePort}/${ACCOUNT};` +
      `TableEndpoint=http://${h}:${options.tablePort}/${ACCOUNT};`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
