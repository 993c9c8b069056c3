import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../scripts/dev/demo-data.js';
import { axeViolations, newPage, useBrowser } from '../support/browser.js';
import { useStack } from '../support/stack.js';
import { screenshot, signIn } from '../support/tab.js';

const sanne = DEMO_USERS.find((u) => u.upn.startsWith('sanne'))!;

describe('the neighbours in the tab', () => {
  const stack = useStack({ tab: true });
  const browser = useBrowser();

  it(
    'lets the MVI team share details, then shows the neighbours in the advice and adds their criteria to the selection in one click',
    { timeout: 120_000 },
    async () => {
      const { context, page } = await newPage(browser());
      try {
        await signIn(page, stack().urls.tab!, 'Ingrid Bakker', '/neighbours');
        await page.getByRole('heading', { level: 1, name: 'Delen met de regio' }).waitFor();
        await page.getByText(/^Wederkerig: u ziet van de buren nooit meer dan u zelf deelt\./).waitFor();
        await page.getByText('Nog niet gekozen: de standaard geldt (alleen aantallen).').waitFor();
        await page.getByRole('radio', { name: /^Ook titel en jaar/ }).check();
        await page.getByLabel('Naam contactpersoon').fill('Ingrid Bakker');
        await page
          .getByLabel('E-mailadres (Teams) van de contactpersoon')
          .fill('ingrid.bakker@havendam.example');
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, 'neighbours-sharing');
        await page.getByRole('button', { name: 'Opslaan' }).click();
        await page
          .getByRole('status')
          .getByText(/^Opgeslagen: uw gemeente deelt nu “Ook titel/)
          .waitFor();

        await page.getByRole('navigation').getByRole('link', { name: 'Advies' }).click();
        await page.getByLabel('Wat gaat u inkopen?').fill('Schoonmaak gemeentehuis');
        await page.getByLabel('Geraamde waarde (euro, excl. btw)').fill('400.000');
        await page.getByRole('button', { name: 'Toon advies' }).click();
        const block = page.getByRole('region', { name: 'Ga kijken bij de buren' });
        await block.waitFor();
        await block
          .getByText(
            /^In de regio namen 3 van de 4 aanbestedingen voor schoonmaak en glasbewassing sinds \d{4} ‘.+’ op; social return gemiddeld 6 %, 3 keer gerealiseerd\.$/,
          )
          .waitFor();
        await block
          .getByText(
            /^Schoonmaak stadskantoor en bibliotheek · Gemeente Polderveen · \d{4} · Sanne de Vries$/,
          )
          .waitFor();
        expect(await block.getByText('Schoonmaak gemeentelijke gebouwen').count()).toBe(0); // Rietmond shares counts only
        expect(
          await block.getByRole('link', { name: 'Chat met Sanne de Vries in Teams' }).getAttribute('href'),
        ).toBe(`https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(sanne.upn)}`);
        const used = await block
          .getByRole('list', { name: 'Meest gebruikt in de regio' })
          .getByRole('listitem')
          .allTextContents();
        expect(used.length).toBe(5);
        expect(used[0]).toMatch(/— 3 van de 4 aanbestedingen$/);

        await block
          .getByRole('button', { name: 'Neem de 5 meest gebruikte criteria over in de selectie' })
          .click();
        const selection = block.getByRole('group', { name: 'Selectie voor de aanbestedingsstukken (5)' });
        await selection.waitFor();
        expect(await selection.getByRole('checkbox', { checked: true }).count()).toBe(5);
        expect(await axeViolations(page)).toEqual([]);
        await block.scrollIntoViewIfNeeded();
        await screenshot(page, 'advice-neighbours');

        const [download] = await Promise.all([
          page.waitForEvent('download'),
          selection.getByRole('button', { name: 'Download selectie (.docx)' }).click(),
        ]);
        const zip = await JSZip.loadAsync(readFileSync(await download.path()));
        const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
        for (const title of used.map((u) => u.replace(/ — \d+ van de \d+ aanbestedingen$/, '')))
          expect(text).toContain(title);

        // Monitoring: the region per product group, Polderveen named (details), Rietmond counted only.
        await page.getByRole('navigation').getByRole('link', { name: 'Monitoring' }).click();
        const groups = page.getByRole('table', { name: 'Regio per productgroep' });
        const cleaning = groups.getByRole('row', { name: /^Schoonmaak en glasbewassing/ });
        await cleaning.waitFor();
        expect(await cleaning.getByRole('cell').last().textContent()).toMatch(
          /Gemeente Havendam: 1.*Gemeente Polderveen: 1.*Overige gemeenten \(alleen aantallen\): 3/,
        );
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it(
    'opens a product group with the neighbours’ criteria already selected (the bot’s link)',
    { timeout: 60_000 },
    async () => {
      const { context, page } = await newPage(browser());
      try {
        await signIn(
          page,
          stack().urls.tab!,
          'Pieter Jansen',
          '/product-groups/cleaning?select=cleaning.ecolabel-products,cleaning.social-return,unknown.criterion',
        );
        await page.getByRole('heading', { level: 1, name: 'Schoonmaak en glasbewassing' }).waitFor();
        expect(await page.getByRole('checkbox', { checked: true }).count()).toBe(2);
      } finally {
        await context.close();
      }
    },
  );
});
