/**
 * Sessions in the tab, end to end in Chromium: an organiser plans a session, an employee
 * registers and checks in with the code from the screen, the organiser sees them present,
 * and the reach chart counts them. Every new page passes axe. The backend runs on a clock
 * the test moves, so the check-in window is deterministic.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, newPage, useBrowser } from '../support/browser.js';
import { MovableClock, ingrid, pieter } from '../support/sessions.js';
import { useStack } from '../support/stack.js';
import { screenshot, signIn } from '../support/tab.js';

const TITLE = 'Lunchlezing circulaire ICT';

/**
 * axe on the reach page, as axeViolations does, except for Tabster's focus-redirect elements
 * (`<i data-tabster-dummy aria-hidden tabindex=0>`) that Fluent's chart and legend use for arrow
 * navigation: they only pass focus on and must stay hidden from screen readers, an exception
 * Tabster's maintainers document (microsoft/tabster#288, fluentui#27517 "by design").
 */
async function axeWithoutTabsterDummies(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .exclude('[data-tabster-dummy]')
    .analyze();
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

describe('sessions in the tab', () => {
  // Wednesday 10 March 2027, 10:00 in Amsterdam.
  const clock = new MovableClock(new Date('2027-03-10T09:00:00Z'));
  const stack = useStack({ tab: true, clock });
  const browser = useBrowser();
  const tab = (): string => stack().urls.tab!;

  it(
    'plans, registers, checks in with the code, shows the person present and counts them in the reach',
    { timeout: 120_000 },
    async () => {
      const organiser = await newPage(browser());
      const employee = await newPage(browser());
      try {
        // The organiser plans a session from 10:30 to 11:30.
        const o = organiser.page;
        await signIn(o, tab(), ingrid.displayName, '/sessions');
        await o.getByRole('button', { name: 'Nieuwe sessie' }).click();
        await o.getByRole('heading', { level: 1, name: 'Nieuwe sessie' }).waitFor();
        expect(await axeViolations(o)).toEqual([]);
        await o.getByLabel('Soort sessie').selectOption('lunch-lecture');
        await o.getByLabel('Titel').fill(TITLE);
        await o.getByLabel('Omschrijving').fill('Wat circulaire ICT-inkoop oplevert, met voorbeelden.');
        await o.getByRole('checkbox', { name: 'Circulair' }).check();
        await o.getByLabel('Datum').fill('2027-03-10');
        await o.getByLabel('Begintijd').fill('10:30');
        await o.getByLabel('Eindtijd').fill('11:30');
        await o.getByLabel('Maximaal aantal deelnemers').fill('20');
        await o.getByLabel('Locatie').fill('Gemeentehuis Havendam, zaal De Haven');
        await o.getByRole('button', { name: 'Sessie plannen' }).click();
        await o.getByRole('heading', { level: 1, name: TITLE }).waitFor();
        await o.getByRole('status').getByText('De sessie is opgeslagen.').waitFor();
        const code = (await o.getByText(/^[A-HJ-NP-Z2-9]{6}$/).textContent())!;
        expect(
          await o.getByRole('img', { name: `QR-code om in te checken; de code is ${code}` }).count(),
        ).toBe(1);
        expect(await axeViolations(o)).toEqual([]);
        const sessionUrl = o.url();

        // The employee registers in one click.
        const e = employee.page;
        await signIn(e, tab(), pieter.displayName, '/sessions');
        await e.getByRole('link', { name: TITLE }).waitFor();
        await e.getByRole('button', { name: `Aanmelden voor “${TITLE}”` }).click();
        await e.getByRole('status').getByText(`U bent aangemeld voor “${TITLE}”.`).waitFor();
        expect(await e.getByRole('button', { name: `Agenda-uitnodiging voor “${TITLE}”` }).count()).toBe(1);
        expect(await axeViolations(e)).toEqual([]);

        // Before the window the code is refused; at 10:20 (ten minutes before the start) it works.
        await e.getByLabel('Code op het scherm in de zaal').fill(code);
        await e.getByRole('button', { name: 'Inchecken', exact: true }).click();
        await e
          .getByRole('status')
          .getByText(/Inchecken kan pas vanaf 10 maart om 10:15/)
          .waitFor();
        clock.set('2027-03-10T09:20:00Z');
        await e.getByRole('button', { name: 'Inchecken', exact: true }).click();
        await e.getByRole('status').getByText(`U bent ingecheckt bij “${TITLE}”. Welkom!`).waitFor();
        await screenshot(e, 'sessions');

        // The organiser's list shows the employee present, seen through the code.
        await o.goto(sessionUrl);
        const row = o.getByRole('row', { name: /Pieter Jansen/ });
        await row.waitFor();
        expect(await row.getByRole('cell').allTextContents()).toEqual([
          'Openbare Ruimte',
          'Aangemeld',
          'Aanwezig',
          'code',
          'Afwezig',
        ]);
        await screenshot(o, 'session-organiser');

        // After the start the reach counts the session and the person, and the chart shows March.
        clock.set('2027-03-10T10:00:00Z');
        await o.goto(`${tab()}/sessions/reach`);
        await o.getByRole('heading', { level: 1, name: 'Bereik van de sessies' }).waitFor();
        const totals = o.getByRole('list', { name: 'Totalen' });
        await totals.getByText('unieke personen bereikt').waitFor();
        expect(await totals.getByRole('listitem').allTextContents()).toEqual([
          '1sessies',
          '1aanwezigen',
          '1unieke personen bereikt',
          '0kwamen vaker dan één keer',
          '—gemiddelde beoordeling',
        ]);
        await o
          .getByRole('table', { name: 'Per afdeling' })
          .getByRole('row', { name: 'Openbare Ruimte 1 1' })
          .waitFor();
        const chart = o.getByRole('region', { name: /^Aanwezigen per maand en personen bereikt tot nu toe/ });
        await chart
          .getByRole('option', {
            name: 'mrt 2027. Aanwezigen, 1 aanwezigen. Bereikt tot nu toe, 1 personen bereikt.',
          })
          .waitFor();
        expect(await axeWithoutTabsterDummies(o)).toEqual([]);
        await screenshot(o, 'reach');

        const [download] = await Promise.all([
          o.waitForEvent('download'),
          o.getByRole('button', { name: 'Download Excel (.xlsx)' }).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/^mvi-bereik-havendam-2026-03-10-2027-03-10\.xlsx$/);

        await o.goto(`${tab()}/sessions/privacy`);
        await o.getByRole('heading', { level: 1, name: 'Privacy van sessiegegevens' }).waitFor();
        // Exporting one person's data is logged, with what it held, in words.
        await o.getByLabel('Object-ID van de persoon (Entra ID)').fill(pieter.id);
        const [exported] = await Promise.all([
          o.waitForEvent('download'),
          o.getByRole('button', { name: 'Exporteer gegevens (JSON)' }).click(),
        ]);
        expect(exported.suggestedFilename()).toContain(pieter.id);
        await o
          .getByText(
            /export door Ingrid Bakker \(persoon: .*aanmeldingen: 1, aanwezigheden: 1, beoordelingen: 0, Teams-imports: 0, foute incheckcodes: 0, vragen aan het MVI-team: 0\)/,
          )
          .waitFor();
        expect(await axeViolations(o)).toEqual([]);
        await o.goto(`${sessionUrl}/screen`);
        await o.getByText(code, { exact: true }).waitFor();
        expect(await axeViolations(o)).toEqual([]);
      } catch (error) {
        await organiser.page.screenshot({ path: '/tmp/sessions-organiser.png' }).catch(() => undefined);
        await employee.page.screenshot({ path: '/tmp/sessions-employee.png' }).catch(() => undefined);
        throw error;
      } finally {
        await organiser.context.close();
        await employee.context.close();
      }
    },
  );
});
