/**
 * The MVI team's questions page in Chromium: the channel for questions chosen from the teams
 * the app is installed in, the questions asked through the bot with their state and age, and
 * an answer published as a toolbox page in one click. The page passes axe.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID, DEMO_USERS } from '../../scripts/dev/demo-data.js';
import { axeViolations, newPage, useBrowser } from '../support/browser.js';
import { startConnector } from '../support/connector.js';
import { useStack } from '../support/stack.js';
import { screenshot, signIn } from '../support/tab.js';

const ingrid = DEMO_USERS.find((u) => u.upn.startsWith('ingrid'))!;
const pieter = DEMO_USERS.find((u) => u.upn.startsWith('pieter'))!;
const TEAM = '19:mvi-team@thread.tacv2';
const CHANNEL = '19:mvi-vragen@thread.tacv2';

describe('questions to the MVI team in the tab', () => {
  const stack = useStack({ tab: true });
  const browser = useBrowser();

  it(
    'chooses the channel, lists the questions with their age and publishes an answer',
    { timeout: 120_000 },
    async () => {
      const connector = await startConnector();
      let n = 0;
      const post = (
        user: typeof pieter,
        conversation: Record<string, unknown>,
        extra: Record<string, unknown>,
      ) =>
        fetch(stack().urls.bot, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'message',
            id: `b-${++n}`,
            channelId: 'msteams',
            serviceUrl: connector.serviceUrl,
            from: { id: `29:${user.id}`, name: user.displayName, aadObjectId: user.id },
            recipient: { id: '28:bot', name: 'MVI Companion' },
            conversation: { tenantId: DEMO_TENANT_ID, ...conversation },
            channelData: {
              tenant: { id: DEMO_TENANT_ID },
              team: { id: TEAM, name: 'MVI-team' },
              channel: { id: CHANNEL, name: 'Vragen' },
            },
            locale: 'nl-NL',
            ...extra,
          }),
        });
      const channel = { id: CHANNEL, conversationType: 'channel' };
      const mention = { entities: [{ type: 'mention', mentioned: { id: '28:bot' } }] };
      try {
        await post(ingrid, channel, { type: 'conversationUpdate', membersAdded: [{ id: '28:bot' }] });
        const { page } = await newPage(browser());
        await signIn(page, stack().urls.tab!, ingrid.displayName, '/experts');
        await page.getByRole('heading', { level: 1, name: 'Vragen aan het MVI-team' }).waitFor();
        expect(await page.getByText('Er is nog geen kanaal gekozen').count()).toBe(1);
        await page.getByRole('combobox', { name: 'Kanaal' }).click();
        await page.getByRole('option', { name: 'MVI-team › Vragen' }).click();
        await page.getByRole('button', { name: 'Kanaal kiezen' }).click();
        await page.getByText('Vragen gaan voortaan naar “Vragen”.').waitFor();

        // Pieter asks; Ingrid answers in the channel card.
        const chat = { id: 'a:pieter', conversationType: 'personal' };
        await post(pieter, chat, { text: 'vraag een expert: mogen we om tweedehands meubilair vragen?' });
        const posted = connector.replies.filter(
          (r) => r.conversationId === CHANNEL && r.activity.attachments?.length,
        );
        expect(posted).toHaveLength(1);
        const card = posted[0]!.activity.attachments[0].content;
        const data = card.actions.find((a: any) => a.verb === 'expertAnswer').data;
        await post(
          ingrid,
          { ...channel, id: `${CHANNEL};messageid=9` },
          {
            type: 'invoke',
            name: 'adaptiveCard/action',
            value: {
              action: {
                type: 'Action.Execute',
                verb: 'expertAnswer',
                data: { ...data, answer: 'Ja, als eis of als gunningscriterium.' },
              },
              trigger: 'manual',
            },
            ...mention,
          },
        );
        await post(pieter, chat, { text: 'vraag een expert: wat is social return?' });

        await page.reload();
        const table = page.getByRole('table', { name: 'Vragen' });
        await table.waitFor();
        const rows = table.getByRole('row');
        expect(await rows.count()).toBe(3);
        // Open first, then answered, each with its age in working days.
        expect(await rows.nth(1).innerText()).toMatch(/wat is social return\?\s+Pieter Jansen\s+Open\s+0/);
        expect(await rows.nth(2).innerText()).toMatch(
          /tweedehands meubilair.*\s+Pieter Jansen\s+Beantwoord door Ingrid Bakker\s+0\s+Ja, als eis/,
        );
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, 'experts');
        await rows.nth(2).getByRole('button', { name: 'Als pagina in de toolbox' }).click();
        await page.getByText(/Gepubliceerd als toolboxpagina/).waitFor();
        await rows.nth(2).getByText('In de toolbox').waitFor();
        expect(await rows.nth(2).getByRole('button', { name: 'Als pagina in de toolbox' }).count()).toBe(0);
      } finally {
        await connector.close();
      }
    },
  );
});
