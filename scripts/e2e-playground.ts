/**
 * `npm run e2e:playground`: drives Microsoft 365 Agents Playground (the Teams client emulator)
 * in Chromium against the local bot: a question, a follow-up ("en als het 150.000 is?") and a
 * card action (the "Basis" button), with screenshots in docs/screenshots/playground-*.png.
 * Run on demand, not in CI: the Playground is a closed-source UI whose markup changes between
 * releases (no stable roles or test ids), it binds its own ports and it takes tens of seconds to
 * start on a loaded machine; the same conversation is tested through the real bot endpoint in
 * tests/bot-memory.test.ts.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startStack } from './dev/stack.js';

const SCREENSHOTS = join(import.meta.dirname, '../docs/screenshots');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function say(page: Page, text: string, expect: RegExp): Promise<void> {
  const box = page.getByRole('textbox').last();
  await box.fill(text);
  await box.press('Enter');
  await page.getByText(expect).last().waitFor({ timeout: 60_000 });
}

const stack = await startStack({
  ports: { blob: 0, queue: 0, table: 0, idp: 0, functions: 0, bot: 0, tab: 0 },
  tab: false,
  timers: false,
});
const port = await freePort();
const playground = spawn(
  join(import.meta.dirname, '../node_modules/.bin/agentsplayground'),
  ['-e', stack.urls.bot, '-c', 'msteams', '-p', String(port)],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
playground.stdout.on('data', (chunk: Buffer) => process.stdout.write(chunk));
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await page.goto(url, { timeout: 5_000 });
      break;
    } catch (error) {
      if (i > 30) throw error;
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
  await say(
    page,
    'Welke MVI-criteria voor de schoonmaak van het gemeentehuis, ca. €400.000?',
    /MVI-advies voor/,
  );
  await page.screenshot({ path: join(SCREENSHOTS, 'playground-question.png') });
  await say(page, 'en als het 150.000 is?', /5% van €\s150\.000/);
  await page.screenshot({ path: join(SCREENSHOTS, 'playground-follow-up.png') });
  await page.getByRole('button', { name: 'Basis', exact: true }).last().click();
  await page.getByText('Criteria bij ambitieniveau “Basis”').last().waitFor({ timeout: 60_000 });
  await page.screenshot({ path: join(SCREENSHOTS, 'playground-card-action.png') });
  console.log(
    'Agents Playground: question, follow-up and card action answered; screenshots in docs/screenshots.',
  );
} catch (error) {
  failed = true;
  console.error('Agents Playground run failed:', error);
} finally {
  await browser.close();
  playground.kill();
  await stack.stop();
}
process.exit(failed ? 1 : 0);
