import { describe, expect, it } from 'vitest';
import { axeViolations, newPage, useBrowser } from '../support/browser.js';
import { useStack } from '../support/stack.js';

describe('the tab in a plain browser', () => {
  const stack = useStack({ tab: true });
  const browser = useBrowser();

  it('lets a demo user sign in and shows their municipality, tenders and sessions', async () => {
    const { context, page } = await newPage(browser());
    try {
      await page.goto(stack().urls.tab!);
      await page.getByRole('button', { name: 'Aanmelden als Pieter Jansen' }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 })
        .toBe('Welkom, Pieter Jansen');
      await page.getByText('Gemeente Havendam · Openbare Ruimte').waitFor();
      await page.getByText('T-2026-014 · Schoonmaak gemeentehuis en wijkkantoren').waitFor();
      await expect.poll(() => page.getByText('Geraamde waarde: € 400.000').count()).toBe(1);
      await page.getByText('Lunchlezing: circulair inkopen in de praktijk').waitFor();
      expect(await page.getByText('T-2026-030').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('switches to English and remembers the choice', async () => {
    const { context, page } = await newPage(browser());
    try {
      await page.goto(stack().urls.tab!);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.reload();
      await page.getByRole('button', { name: 'Sign in as Ingrid Bakker' }).click();
      await page.getByRole('heading', { name: 'Welcome, Ingrid Bakker' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it.each(['default', 'dark', 'contrast'])('has no WCAG 2.1 AA violations in the %s theme', async (theme) => {
    const { context, page } = await newPage(browser());
    try {
      await page.goto(`${stack().urls.tab!}/?theme=${theme}`);
      await page.getByRole('button', { name: 'Aanmelden als Ingrid Bakker' }).waitFor({ timeout: 20_000 });
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Aanmelden als Ingrid Bakker' }).click();
      await page.getByRole('heading', { name: 'Welkom, Ingrid Bakker' }).waitFor();
      await page.getByText('T-2026-030 · Laptops en monitoren voor medewerkers').waitFor();
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
