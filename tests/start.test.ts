/**
 * `npm start` as a newcomer runs it: the script starts every part on the given ports, prints
 * the URLs, and answers; `npm run dev:token` gives a token that reads the API; Ctrl-C stops it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../scripts/dev/ports.js';

const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

describe('npm start', () => {
  let child: ChildProcess;
  let output = '';
  const env: Record<string, string> = {};

  beforeAll(async () => {
    for (const name of [
      'FUNCTIONS_PORT',
      'BOT_PORT',
      'TAB_PORT',
      'DEV_IDP_PORT',
      'AZURITE_BLOB_PORT',
      'AZURITE_QUEUE_PORT',
      'AZURITE_TABLE_PORT',
    ]) {
      env[name] = String(await freePort());
    }
    child = spawn(TSX, ['scripts/start.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`npm start did not report running:\n${output}`)),
        60_000,
      );
      const check = (): void => {
        if (output.includes('Press Ctrl-C to stop.')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', check);
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });
  }, 90_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    }
  });

  it('prints the URLs of the tab, the API, the bot endpoint and storage', () => {
    expect(output).toContain(`http://localhost:${env['TAB_PORT']}`);
    expect(output).toContain(`http://localhost:${env['FUNCTIONS_PORT']}/api`);
    expect(output).toContain(`http://localhost:${env['BOT_PORT']}/api/messages`);
    expect(output).toContain(`${env['AZURITE_TABLE_PORT']} (tables)`);
  });

  it('answers health, serves the tab, and accepts a token from dev:token', async () => {
    const api = `http://127.0.0.1:${env['FUNCTIONS_PORT']}/api`;
    expect((await fetch(`${api}/health`)).status).toBe(200);
    const tab = await fetch(`http://127.0.0.1:${env['TAB_PORT']}/`);
    expect(tab.status).toBe(200);
    expect(await tab.text()).toContain('<div id="root">');
    const list = spawnSync(TSX, ['scripts/dev-token.ts', '--list'], { cwd: ROOT, encoding: 'utf8' });
    expect(list.stdout.trim().split('\n')).toHaveLength(6);
    const token = spawnSync(TSX, ['scripts/dev-token.ts', '--user', 'ingrid.bakker@havendam.example'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    }).stdout.trim();
    const me = await fetch(`${api}/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { displayName: string }).displayName).toBe('Ingrid Bakker');
    const tenders = (await (
      await fetch(`${api}/tenders`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { tenders: unknown[] };
    expect(tenders.tenders.length).toBeGreaterThan(0);
  });

  it('seeds a history, so reach and monitoring have something to show on the first day', async () => {
    const api = `http://127.0.0.1:${env['FUNCTIONS_PORT']}/api`;
    const token = spawnSync(TSX, ['scripts/dev-token.ts', '--user', 'ingrid.bakker@havendam.example'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    }).stdout.trim();
    const get = async (path: string): Promise<any> =>
      (await fetch(`${api}${path}`, { headers: { authorization: `Bearer ${token}` } })).json();
    const day = (offset: number): string =>
      new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    // Two sessions in the past months, with fifty attendances between them.
    const reach = await get(`/reports/reach?from=${day(-120)}&to=${day(0)}`);
    expect(reach.totals).toMatchObject({ sessions: 2, attendances: 50 });
    const monitoring = await get('/monitoring');
    expect(monitoring.tenders.recorded).toBe(3);
    expect(
      monitoring.rows
        .filter((r: { status: string }) => r.status === 'archived')
        .map((r: { reference: string }) => r.reference),
    ).toEqual(['T-2026-003', 'T-2026-006', 'T-2026-009']);
  });

  it('refuses a port that is taken with a clear message', () => {
    const second = spawnSync(TSX, ['scripts/start.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/already in use/);
    expect(second.stderr).not.toMatch(/^\s+at /m);
  });

  it('stops cleanly on Ctrl-C', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('Stopped.');
    await expect(fetch(`http://127.0.0.1:${env['FUNCTIONS_PORT']}/api/health`)).rejects.toThrow();
  });
});
