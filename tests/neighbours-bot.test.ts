/**
 * The neighbours' block in the bot's advice card, through the real bot endpoint: a
 * commissioning manager asks about cleaning and sees what the region did; once the MVI team
 * shares details, the card names the neighbours' tender and offers a Teams chat with its contact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID, DEMO_USERS } from '../scripts/dev/demo-data.js';
import { cardProblems, cardText } from './support/adaptive-cards.js';
import { startConnector, type Connector } from './support/connector.js';
import { useStack } from './support/stack.js';

const pieter = DEMO_USERS.find((u) => u.upn.startsWith('pieter'))!;
const ingrid = DEMO_USERS.find((u) => u.upn.startsWith('ingrid'))!;
const sanne = DEMO_USERS.find((u) => u.upn.startsWith('sanne'))!;
let counter = 0;

describe('the neighbours in the bot’s advice', () => {
  const stack = useStack();
  let connector: Connector;
  beforeAll(async () => {
    connector = await startConnector();
  });
  afterAll(async () => {
    await connector.close();
  });

  const activity = (conversationId: string, extra: Record<string, unknown>) => ({
    type: 'message',
    id: `nb-${++counter}`,
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    from: { id: '29:pieter', name: pieter.displayName, aadObjectId: pieter.id },
    recipient: { id: '28:bot', name: 'MVI Companion' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: DEMO_TENANT_ID },
    channelData: { tenant: { id: DEMO_TENANT_ID } },
    locale: 'nl-NL',
    ...extra,
  });
  const post = async (body: unknown) => {
    const response = await fetch(stack().urls.bot, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const ask = async (conversationId: string, text: string) => {
    const before = connector.replies.filter((r) => r.conversationId === conversationId).length;
    expect((await post(activity(conversationId, { text }))).status).toBe(200);
    const replies = await connector.waitFor(conversationId, before + 1);
    const card = replies[replies.length - 1]!.activity.attachments?.[0]?.content;
    expect(cardProblems(card)).toEqual([]);
    return card;
  };
  const openUrls = (card: unknown): { title: string; url: string }[] => {
    const out: { title: string; url: string }[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const n = node as Record<string, unknown>;
        if (n['type'] === 'Action.OpenUrl') out.push({ title: String(n['title']), url: String(n['url']) });
        Object.values(n).forEach(walk);
      }
    };
    walk(card);
    return out;
  };

  it('shows what the region did in similar tenders, counts only while Havendam shares counts', async () => {
    const card = await ask('nb-counts', 'Welke MVI-criteria voor schoonmaak gemeentehuis, ca. €400.000?');
    const text = cardText(card);
    expect(text).toContain('Ga kijken bij de buren');
    expect(text).toMatch(
      /In de regio namen 3 van de 4 aanbestedingen voor schoonmaak en glasbewassing sinds \d{4} ‘.+’ op; social return gemiddeld 6 %, 3 keer gerealiseerd\./,
    );
    expect(text).toContain('Uw gemeente deelt alleen aantallen');
    expect(text).not.toContain('Schoonmaak stadskantoor en bibliotheek');
    expect(openUrls(card).some((a) => a.url.includes('teams.microsoft.com/l/chat'))).toBe(false);
    // One click: the tab's product group page with the region's most used criteria selected.
    const take = openUrls(card).find((a) => a.title === 'Criteria van de buren in de selectie (tab)');
    expect(take?.url).toMatch(/\/product-groups\/cleaning\?select=cleaning\.ecolabel-products,/);
  });

  it('names the shared tender and offers a Teams chat with its contact once both share details', async () => {
    const admin = await stack().idp.issue(ingrid.upn);
    const saved = await fetch(`${stack().urls.api}/neighbours/sharing`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ level: 'details' }),
    });
    expect(saved.status).toBe(200);
    const card = await ask('nb-details', 'schoonmaak gemeentehuis €400.000');
    const text = cardText(card);
    expect(text).toContain('Schoonmaak stadskantoor en bibliotheek · Gemeente Polderveen');
    expect(text).not.toContain('Uw gemeente deelt alleen aantallen');
    expect(openUrls(card)).toContainEqual({
      title: 'Chat met Sanne de Vries',
      url: `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(sanne.upn)}`,
    });
  });
});
