import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID, DEMO_USERS } from '../scripts/dev/demo-data.js';
import { cardText } from './support/adaptive-cards.js';
import { startConnector, type Connector } from './support/connector.js';
import { getJson, useStack } from './support/stack.js';

const pieter = DEMO_USERS.find((u) => u.upn.startsWith('pieter'))!;
let counter = 0;

describe('planning an Ambitieweb session from the bot', () => {
  const stack = useStack();
  let connector: Connector;
  beforeAll(async () => {
    connector = await startConnector();
  });
  afterAll(async () => {
    await connector.close();
  });

  const send = async (conversationId: string, text: string, locale = 'nl-NL') => {
    const before = connector.replies.filter((r) => r.conversationId === conversationId).length;
    const response = await fetch(stack().urls.bot, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `act-web-${++counter}`,
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        from: { id: '29:pieter', name: pieter.displayName, aadObjectId: pieter.id },
        recipient: { id: '28:bot', name: 'MVI Companion' },
        conversation: { id: conversationId, conversationType: 'personal', tenantId: DEMO_TENANT_ID },
        channelData: { tenant: { id: DEMO_TENANT_ID } },
        locale,
        text,
      }),
    });
    expect(response.status).toBe(200);
    const replies = await connector.waitFor(conversationId, before + 1);
    return replies[replies.length - 1]!.activity as { text?: string; attachments?: { content: unknown }[] };
  };
  const say = async (conversationId: string, text: string, locale = 'nl-NL'): Promise<string> =>
    String((await send(conversationId, text, locale)).text ?? '');
  const adviceCard = async (conversationId: string, text: string): Promise<unknown> =>
    (await send(conversationId, text)).attachments?.[0]?.content;

  it('opens the tender’s web and replies with the link; asked again, it offers the same session', async () => {
    const first = await say('conv-web-1', 'Plan een ambitiewebsessie voor T-2026-014');
    expect(first).toMatch(/^Ik heb het Ambitieweb geopend voor T-2026-014\./);
    const link = /\[Open het Ambitieweb\]\(([^)]+)\)/.exec(first)?.[1];
    expect(link).toMatch(/\/ambitieweb\/tender-t-2026-014$/);

    const token = await stack().idp.issue(pieter.upn);
    const web = await getJson(`${stack().urls.api}/ambitiewebs/tender-t-2026-014`, token);
    expect(web.status).toBe(200);
    expect(web.body.web).toMatchObject({
      state: 'open',
      owner: { kind: 'tender', reference: 'T-2026-014' },
      organiserIds: [pieter.id],
    });
    expect(web.body.permissions).toEqual({ propose: true, settle: true });

    const again = await say('conv-web-1', 'plan een ambitieweb-sessie voor t-2026-014');
    expect(again).toMatch(/^Er is al een Ambitieweb voor T-2026-014\./);
    const english = await say('conv-web-2', 'Schedule an Ambitieweb session for T-2026-014', 'en-GB');
    expect(english).toMatch(/^There is an Ambitieweb already for T-2026-014\./);

    // Once Pieter has settled the web, the bot's advice for the tender follows it theme by theme.
    const before = cardText(await adviceCard('conv-web-4', 'T-2026-014'));
    expect(before).not.toMatch(/Het ambitieniveau per thema volgt/);
    for (const axisId of [
      'climate',
      'environment',
      'circular',
      'supply-chain',
      'diversity-inclusion',
      'social-return',
    ])
      await fetch(`${stack().urls.api}/ambitiewebs/tender-t-2026-014/scores`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          axisId,
          score: axisId === 'climate' ? 0 : 3,
          reason: 'Besloten in de sessie',
        }),
      });
    const closed = await fetch(`${stack().urls.api}/ambitiewebs/tender-t-2026-014/close`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(closed.status).toBe(200);
    const after = cardText(await adviceCard('conv-web-4', 'T-2026-014'));
    expect(after).toMatch(/Het ambitieniveau per thema volgt het Ambitieweb van T-2026-014\./);
    expect(after).toMatch(
      /Klimaat: niet gekozen in het Ambitieweb van T-2026-014, dus geen criteria voor dit thema/,
    );
  });

  it('asks which tender, and says so when the tender is not one of the municipality', async () => {
    expect(await say('conv-web-3', 'plan een ambitiewebsessie')).toMatch(/^Voor welke aanbesteding\?/);
    expect(await say('conv-web-3', 'plan een ambitiewebsessie voor R-2026-007')).toBe(
      'De aanbesteding R-2026-007 bestaat niet in uw gemeente.',
    );
    // Nothing was opened for it.
    const token = await stack().idp.issue(pieter.upn);
    expect((await getJson(`${stack().urls.api}/ambitiewebs/tender-r-2026-007`, token)).status).toBe(404);
  });
});
