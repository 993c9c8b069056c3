import { describe, expect, it } from 'vitest';
import { axeViolations, newPage, useBrowser } from '../support/browser.js';
import { useStack } from '../support/stack.js';
import { signIn } from '../support/tab.js';

describe('the tenders page of the tab', () => {
  const stack = useStack({ tab: true });
  const browser = useBrowser();

  it(
    'shows a commissioning manager their tender with its advice and planned reminders, and lets them pause those',
    { timeout: 120_000 },
    async () => {
      const { context, page } = await newPage(browser());
      try {
        await signIn(page, stack().urls.tab!, 'Pieter Jansen');
        await page.getByRole('navigation').getByRole('link', { name: 'Aanbestedingen' }).click();
        expect(await page.getByText('T-2026-030').count()).toBe(0);
        await page.locator('li#T-2026-014').getByRole('link', { name: 'Bekijk advies' }).click();
        await page
          .getByRole('heading', { level: 1, name: 'T-2026-014 · Schoonmaak gemeentehuis en wijkkantoren' })
          .waitFor();
        await page.getByRole('link', { name: 'Schoonmaak en glasbewassing' }).waitFor();
        const table = page.getByRole('table', { name: 'Herinneringen aan de opdrachtgever' });
        await table.getByText('14 dagen vooraf: criteria').waitFor();
        await table.getByText('3 werkdagen vooraf: kick-off').waitFor();
        const until = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
        await page.getByLabel('Herinneringen pauzeren tot').fill(until);
        await page.getByRole('button', { name: 'Pauzeren' }).click();
        await page.getByText(/^Gepauzeerd tot /).waitFor();
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it(
    'lets a buyer import the procurement plan after a dry run, and shows the new tender',
    { timeout: 120_000 },
    async () => {
      const { context, page } = await newPage(browser());
      try {
        await signIn(page, stack().urls.tab!, 'Mohamed El Amrani', '/tenders');
        const csv = [
          'Referentie;Titel;Geraamde waarde;Startdatum;Opdrachtgever',
          `T-2027-001;Catering stadskantoor;€ 180.000;${new Date(Date.now() + 60 * 86_400_000).toLocaleDateString('nl-NL', { day: '2-digit', month: '2-digit', year: 'numeric' }).replace(/\//g, '-')};pieter.jansen@havendam.example`,
        ].join('\n');
        await page
          .getByLabel('CSV-bestand (; of , gescheiden)')
          .setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
        await page.getByRole('button', { name: 'Controleer eerst' }).click();
        await page
          .getByRole('status')
          .getByText(/1 van 1 regels goedgekeurd/)
          .waitFor();
        await page.getByRole('button', { name: 'Importeer', exact: true }).click();
        await page.getByText('Geïmporteerd.').waitFor();
        await page.getByText('T-2027-001 · Catering stadskantoor').waitFor();
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
