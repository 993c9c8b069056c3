/** Helpers for driving the tab in the browser tests. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOTS = join(import.meta.dirname, '../../docs/screenshots');

/** Signs in through the development identity provider's user picker. */
export async function signIn(page: Page, tabUrl: string, displayName: string, path = '/'): Promise<void> {
  await page.goto(`${tabUrl}${path}`);
  await page
    .getByRole('button', { name: new RegExp(`^(Aanmelden als|Sign in as) ${displayName}$`) })
    .click({ timeout: 30_000 });
  await page.getByRole('navigation').waitFor({ timeout: 30_000 });
}

/** Screenshots for docs/, made by the test run so they stay true. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
