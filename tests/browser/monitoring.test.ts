import { describe, expect, it } from 'vitest';
import { axeViolations, newPage, useBrowser } from '../support/browser.js';
import { useStack } from '../support/stack.js';
import { screenshot, signIn } from '../support/tab.js';

describe('MVI monitoring in the tab', () => {
  const stack = useStack({ tab: true });
  const browser = useBrowser();

  it(
    'shows the MVI team the year: key figures, goals, themes and the finished projects, and downloads the board report',
    { timeout: 120_000 },
    async () => {
      const { context, page } = await newPage(browser());
      try {
        await signIn(page, stack().urls.tab!, 'Ingrid Bakker');
        await page.getByRole('navigation').getByRole('link', { name: 'Monitoring' }).click();
        await page.getByRole('heading', { level: 1, name: 'MVI-monitoring' }).waitFor();
        const figures = page.getByRole('list', { name: /^Kerncijfers / });
        // The demo's finished projects: green maintenance and vans with criteria, printing without (too small).
        await figures.getByText('met MVI-criteria (3 geregistreerd)').waitFor();
        expect(
          await figures.getByRole('listitem').filter({ hasText: 'met MVI-criteria' }).textContent(),
        ).toMatch(/^2/);
        await figures.getByText(/€\s32\.500/).waitFor();
        await page.locator('label').getByText('MVI toegepast waar het beleid dat vraagt').waitFor();
        const tenders = page.getByRole('table', { name: /^Aanbestedingen met aftrap in / });
        await tenders
          .getByRole('row', { name: /T-2026-009/ })
          .getByText('Opdracht te klein voor MVI-eisen')
          .waitFor();
        await tenders
          .getByRole('row', { name: /T-2026-003/ })
          .getByText('Gerealiseerd')
          .waitFor();
        const themes = page.getByRole('table', { name: 'Aanbestedingen en criteria per thema' });
        expect(
          await themes
            .getByRole('row', { name: /Social return/ })
            .getByRole('cell')
            .first()
            .textContent(),
        ).toBe('1');
        // The years before: last year's finished projects beside this year's, this year marked.
        const years = page.getByRole('table', { name: /^Kerncijfers per jaar tot en met \d{4}$/ });
        const thisYear = new Date().getFullYear();
        expect(await years.locator('tbody').getByRole('rowheader').allTextContents()).toEqual([
          String(thisYear - 1),
          String(thisYear),
        ]);
        expect(
          await years
            .getByRole('row', { name: new RegExp(`^${thisYear - 1}`) })
            .getByRole('cell')
            .nth(1)
            .textContent(),
        ).toBe('1');
        expect(
          await years.getByRole('row', { name: new RegExp(`^${thisYear}`) }).getAttribute('aria-current'),
        ).toBe('true');
        // The region beside it: the three municipalities of the programme, Havendam marked, and the total.
        const region = page.getByRole('table', { name: /^Gemeenten in de regio in \d{4}$/ });
        expect(await region.locator('tbody').getByRole('rowheader').allTextContents()).toEqual([
          'Gemeente Havendam (uw gemeente)',
          'Gemeente Polderveen',
          'Gemeente Rietmond',
        ]);
        expect(await region.getByRole('row', { name: /Havendam/ }).getAttribute('aria-current')).toBe('true');
        const together = region.getByRole('row', { name: /^Regio samen/ });
        // Havendam's two finished projects with MVI and Rietmond's student transport.
        expect(await together.getByRole('cell').nth(1).textContent()).toBe('3');
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, 'monitoring');

        const download = page.waitForEvent('download');
        await page.getByRole('button', { name: 'Rapport voor het bestuur (.docx)' }).click();
        expect((await download).suggestedFilename()).toMatch(/^mvi-monitoring-havendam-\d{4}\.docx$/);
        await page.getByText(/^mvi-monitoring-havendam-\d{4}\.docx is gedownload\.$/).waitFor();
      } finally {
        await context.close();
      }
    },
  );

  it(
    'lets a buyer record the MVI of a tender, and tells them what is missing first',
    { timeout: 120_000 },
    async () => {
      const { context, page } = await newPage(browser());
      try {
        await signIn(page, stack().urls.tab!, 'Mohamed El Amrani', '/tenders/T-2026-030');
        const form = page.getByRole('form', { name: 'MVI in deze aanbesteding' });
        await form.waitFor();
        await form.getByRole('button', { name: 'MVI-registratie opslaan' }).click();
        await form
          .getByRole('alert')
          .getByText(/waarom MVI in deze aanbesteding ontbreekt/)
          .waitFor();
        await form
          .getByRole('group', { name: 'Computers en beeldschermen' })
          .getByRole('checkbox')
          .first()
          .check();
        await form.getByLabel('Resultaten').fill('Alle laptops met TCO-label.');
        await form.getByRole('button', { name: 'MVI-registratie opslaan' }).click();
        await page.getByRole('status').getByText('MVI-registratie opgeslagen.').waitFor();
        await page.getByText(/^Vastgelegd op /).waitFor();
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it(
    'shows the board a finished tender’s MVI record, without a form to change it',
    { timeout: 120_000 },
    async () => {
      const { context, page } = await newPage(browser());
      try {
        await signIn(page, stack().urls.tab!, 'Joris van Dijk', '/tenders/R-2026-002');
        await page.getByRole('heading', { name: 'MVI in deze aanbesteding' }).waitFor();
        await page.getByText(/^Vastgelegd op \d{1,2} \w+ \d{4}\.$/).waitFor();
        const record = page.getByRole('list', { name: 'Toegepaste criteria' });
        expect(await record.getByRole('listitem').allTextContents()).toEqual([
          'Groeipad naar zero-emissie',
          'Deskundige en vaste chauffeurs',
          'Social return (5 % van de opdrachtwaarde)',
        ]);
        await page.getByText('Social return gevraagd: 5 %.').waitFor();
        // The board reads; only the project, buyers and the MVI team write.
        expect(await page.getByRole('form', { name: 'MVI in deze aanbesteding' }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'MVI-registratie opslaan' }).count()).toBe(0);
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it(
    'shows on each tender in the list whether its MVI was recorded, once its kickoff has come',
    { timeout: 120_000 },
    async () => {
      // A tender whose kickoff has passed, without a record yet.
      const token = await stack().idp.issue('ingrid.bakker@havendam.example');
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const created = await fetch(`${stack().urls.api}/tenders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          reference: 'T-2026-040',
          title: 'Beveiliging stadskantoor',
          cpv: ['79710000'],
          estimatedValueEur: 140_000,
          kickoffDate: yesterday,
          status: 'preparing',
          commissioningManager: { upn: 'ingrid.bakker@havendam.example' },
        }),
      });
      expect(created.status).toBe(201);
      const { context, page } = await newPage(browser());
      try {
        await signIn(page, stack().urls.tab!, 'Ingrid Bakker', '/tenders');
        const card = (reference: string) => page.getByRole('listitem').filter({ hasText: reference });
        await card('T-2026-040').getByText('MVI-registratie ontbreekt').waitFor();
        // Tenders still ahead say nothing yet.
        expect(
          await card('T-2026-021')
            .getByText(/MVI-registratie ontbreekt|MVI vastgelegd/)
            .count(),
        ).toBe(0);
        await page.getByRole('checkbox', { name: 'Ook gearchiveerde' }).check();
        await card('T-2026-003').getByText('MVI vastgelegd: 4 criteria').waitFor();
        await card('T-2026-009').getByText('MVI vastgelegd: geen criteria, met reden').waitFor();
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it('speaks English when the user does, down to the goals the API names', { timeout: 120_000 }, async () => {
    const { context, page } = await newPage(browser(), { locale: 'en-GB' });
    try {
      // The browser speaks English, so the tab does, and it asks the API in English too.
      await signIn(page, stack().urls.tab!, 'Joris van Dijk');
      await page.getByRole('navigation').getByRole('link', { name: 'Monitoring' }).click();
      await page.getByRole('heading', { level: 1, name: 'MVI monitoring' }).waitFor();
      await page.locator('label').getByText('MVI applied where the policy requires it').waitFor();
      await page.getByRole('button', { name: 'Report for the board (.docx)' }).waitFor();
      await page
        .getByRole('table', { name: /^Municipalities in the region in \d{4}$/ })
        .getByRole('rowheader', { name: 'Gemeente Rietmond (your municipality)' })
        .waitFor();
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keeps monitoring away from employees', { timeout: 120_000 }, async () => {
    const { context, page } = await newPage(browser());
    try {
      await signIn(page, stack().urls.tab!, 'Pieter Jansen');
      expect(await page.getByRole('navigation').getByRole('link', { name: 'Monitoring' }).count()).toBe(0);
      await page.goto(`${stack().urls.tab!}/monitoring`);
      await page.getByText('Monitoring is er voor het MVI-team, het bestuur en inkopers.').waitFor();
    } finally {
      await context.close();
    }
  });
});
