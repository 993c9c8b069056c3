import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { axeViolations, newPage, useBrowser } from '../support/browser.js';
import { useStack } from '../support/stack.js';
import { screenshot, signIn } from '../support/tab.js';

const ROUTES = [
  '/',
  '/themes',
  '/themes/circular',
  '/product-groups',
  '/product-groups/cleaning',
  '/tools',
  '/tools/ambitieweb',
  '/dos-and-donts',
  '/glossary',
  '/social-enterprises',
  '/examples',
  '/examples/circulair-kantoormeubilair-stadskantoor',
  '/search?q=schoonmaak',
  '/advice',
  '/sessions',
  '/tenders',
];

describe('the toolbox tab', () => {
  const stack = useStack({ tab: true });
  const browser = useBrowser();
  const tab = (): string => stack().urls.tab!;

  it('browses to a product group and downloads selected criteria as a Word document', async () => {
    const { context, page } = await newPage(browser());
    try {
      await signIn(page, tab(), 'Mohamed El Amrani');
      await page.getByRole('navigation').getByRole('link', { name: 'Productgroepen' }).click();
      await page.getByRole('link', { name: 'Schoonmaak en glasbewassing' }).click();
      await page.getByRole('heading', { level: 1, name: 'Schoonmaak en glasbewassing' }).waitFor();
      await page.getByLabel('Ambitieniveau').selectOption('basic');
      const titles = await page.locator('li h3').allTextContents();
      expect(titles.length).toBeGreaterThan(0);
      await page.getByLabel(`Selecteer “${titles[0]!}”`).check();
      await page.getByLabel(`Selecteer “${titles[1] ?? titles[0]!}”`).check();
      await screenshot(page, 'product-group');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download selectie (.docx)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('mvi-criteria-schoonmaak-en-glasbewassing.docx');
      const zip = await JSZip.loadAsync(readFileSync(await download.path()));
      const xml = await zip.file('word/document.xml')!.async('string');
      const text = xml.replace(/<[^>]+>/g, '');
      expect(text).toContain('MVI-criteria: Schoonmaak en glasbewassing');
      expect(text).toContain(titles[0]!);
      expect(text).toContain('Verificatie:');
      await page
        .getByRole('status')
        .getByText('mvi-criteria-schoonmaak-en-glasbewassing.docx is gedownload.')
        .waitFor();
    } finally {
      await context.close();
    }
  });

  it('finds criteria and product groups while typing, despite a typo', async () => {
    const { context, page } = await newPage(browser());
    try {
      await signIn(page, tab(), 'Pieter Jansen');
      await page.getByRole('searchbox', { name: 'Zoeken in de toolbox' }).pressSequentially('schoonmak');
      await page.getByRole('link', { name: 'Schoonmaak en glasbewassing' }).waitFor();
      await screenshot(page, 'search');
      await page.getByRole('link', { name: 'Schoonmaak en glasbewassing' }).click();
      await page.getByRole('heading', { level: 1, name: 'Schoonmaak en glasbewassing' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('gives the same advice as the bot from the advice form', async () => {
    const { context, page } = await newPage(browser());
    try {
      await signIn(page, tab(), 'Fatma Yılmaz');
      await page.getByRole('navigation').getByRole('link', { name: 'Advies' }).click();
      await page.getByLabel('Wat gaat u inkopen?').fill('Schoonmaak van het gemeentehuis');
      await page.getByLabel('Geraamde waarde (euro, excl. btw)').fill('ongeveer veel');
      await page.getByText('Vul een bedrag in, zoals 400.000.').waitFor();
      await page.getByLabel('Geraamde waarde (euro, excl. btw)').fill('400.000');
      await page.getByRole('button', { name: 'Toon advies' }).click();
      await page.getByRole('heading', { name: 'Passende productgroepen' }).waitFor();
      await page.getByRole('link', { name: 'Schoonmaak en glasbewassing' }).waitFor();
      await page.getByText(/Met €\s400\.000 ligt deze opdracht boven de Europese drempel/).waitFor();
      await page.getByText(/Social return is van toepassing: 5% van €\s400\.000 is €\s20\.000/).waitFor();
      await screenshot(page, 'advice');
      // Every criterion names its group; the CPV codes for the notice come with names and a copy button.
      await page.getByText('Uit productgroep: Schoonmaak en glasbewassing').first().waitFor();
      const codes = page.getByRole('list', { name: 'CPV-codes voor de aankondiging' }).getByRole('listitem');
      expect(await codes.count()).toBeGreaterThan(0);
      expect(await codes.first().textContent()).toMatch(/^909\d{5}-\d \S/);
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.getByRole('button', { name: 'Kopieer de CPV-codes' }).click();
      await page.getByText(/CPV-codes? gekopieerd\./).waitFor();
      expect(await page.evaluate<string>('navigator.clipboard.readText()')).toMatch(
        /^909\d{5}-\d(\n\d{8}-\d)*$/,
      );
      await screenshot(page, 'advice-cpv');
    } finally {
      await context.close();
    }
  });

  it('lets the MVI team add an example that colleagues then read, with its version history', async () => {
    const { context, page } = await newPage(browser());
    try {
      await signIn(page, tab(), 'Ingrid Bakker', '/examples');
      await page.getByRole('button', { name: 'Nieuw item' }).click();
      await page.getByLabel('Titel').fill('LED in sporthal De Polder');
      await page.getByLabel('Samenvatting').fill('Minder stroom, beter licht.');
      await page
        .getByLabel('Inhoud (Markdown)')
        .fill('**60 %** minder stroom.\n\n<img src=x onerror="alert(1)">');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByRole('heading', { level: 1, name: 'LED in sporthal De Polder' }).waitFor();
      expect(await page.locator('main strong', { hasText: '60 %' }).count()).toBe(1);
      expect(await page.locator('main img[onerror]').count()).toBe(0);
      await page.getByText('Versie 1,', { exact: false }).first().waitFor();
    } finally {
      await context.close();
    }
    const colleague = await newPage(browser());
    try {
      await signIn(colleague.page, tab(), 'Pieter Jansen', '/examples');
      await colleague.page.getByRole('link', { name: 'LED in sporthal De Polder' }).waitFor();
      expect(await colleague.page.getByRole('button', { name: 'Nieuw item' }).count()).toBe(0);
    } finally {
      await colleague.context.close();
    }
  });

  it('can be used with the keyboard alone', async () => {
    const { context, page } = await newPage(browser());
    try {
      await page.goto(tab());
      await page.getByRole('button', { name: 'Aanmelden als Pieter Jansen' }).waitFor({ timeout: 30_000 });
      const focusOn = async (name: RegExp, max = 40): Promise<void> => {
        for (let i = 0; i < max; i++) {
          await page.keyboard.press('Tab');
          const label = await page.evaluate<string>(
            "(() => { const el = document.activeElement; return (el?.textContent ?? '') + ' ' + (el?.getAttribute('aria-label') ?? ''); })()",
          );
          if (name.test(label)) return;
        }
        throw new Error(`could not reach ${name} with Tab`);
      };
      await focusOn(/Aanmelden als Pieter Jansen/);
      await page.keyboard.press('Enter');
      await page.getByRole('navigation').waitFor();
      await focusOn(/^Advies\s*$/);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Advies voor uw aanbesteding' }).waitFor();
      // The first form field follows the nav; its accessible name is its label.
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press('Tab');
        if ((await page.evaluate<string>('document.activeElement?.tagName ?? ""')) === 'TEXTAREA') break;
      }
      await page.keyboard.type('LED-verlichting voor straten');
      await page.keyboard.press('Tab');
      await page.keyboard.type('1.200.000');
      await focusOn(/Toon advies/, 10);
      await page.keyboard.press('Enter');
      await page.getByRole('link', { name: 'Openbare verlichting' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it.each(['default', 'dark', 'contrast'])(
    'has no WCAG 2.1 AA violations on any route in the %s theme',
    { timeout: 240_000 },
    async (theme) => {
      const { context, page } = await newPage(browser());
      try {
        await signIn(page, tab(), 'Ingrid Bakker', `/?theme=${theme}`);
        const problems: string[] = [];
        for (const route of ROUTES) {
          await page.goto(`${tab()}${route}${route.includes('?') ? '&' : '?'}theme=${theme}`);
          await page.locator('main h1').first().waitFor({ timeout: 20_000 });
          if (route === '/advice') {
            await page.getByLabel('Wat gaat u inkopen?').fill('schoonmaak');
            await page.getByRole('button', { name: 'Toon advies' }).click();
            await page.getByRole('heading', { name: 'Passende productgroepen' }).waitFor();
          }
          problems.push(...(await axeViolations(page)).map((v) => `${route}: ${v}`));
          if (theme === 'dark' && route === '/') await screenshot(page, 'home-dark');
          if (theme === 'default' && route === '/') await screenshot(page, 'home');
        }
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
