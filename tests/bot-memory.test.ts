/**
 * The bot as a colleague: it remembers the tender a conversation is about (per personal chat,
 * group chat and channel thread), answers in the language of the message, reads messages of
 * any size in bounded time, and never shows the SDK's English error. Real HTTP activities to
 * the real bot endpoint; replies captured on the activity's serviceUrl.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID, DEMO_USERS } from '../scripts/dev/demo-data.js';
import { cardProblems, cardText } from './support/adaptive-cards.js';
import { startConnector, type Connector } from './support/connector.js';
import { useStack } from './support/stack.js';
import { createConversationMemory } from '../functions/src/storage/conversation-memory.js';

const pieter = DEMO_USERS.find((u) => u.upn.startsWith('pieter'))!;
let counter = 0;

describe('a conversation that remembers, in the user’s language', () => {
  const stack = useStack();
  let connector: Connector;
  beforeAll(async () => {
    connector = await startConnector();
  });
  afterAll(async () => {
    await connector.close();
  });

  const activity = (
    conversationId: string,
    extra: Record<string, unknown> = {},
  ): Record<string, unknown> => ({
    type: 'message',
    id: `mem-${++counter}`,
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    from: { id: '29:pieter', name: pieter.displayName, aadObjectId: pieter.id },
    recipient: { id: '28:bot', name: 'MVI Companion' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: DEMO_TENANT_ID },
    channelData: { tenant: { id: DEMO_TENANT_ID } },
    locale: 'nl-NL',
    ...extra,
  });
  const post = async (body: Record<string, unknown>): Promise<{ status: number; body: any }> => {
    const response = await fetch(stack().urls.bot, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  /** Sends a message and returns every reply it got. */
  const send = async (conversationId: string, text: string, extra: Record<string, unknown> = {}) => {
    const before = connector.replies.filter((r) => r.conversationId === conversationId).length;
    const response = await post(activity(conversationId, { text, ...extra }));
    expect(response.status).toBe(200);
    const replies = await connector.waitFor(conversationId, before + 1);
    return replies.slice(before).map((r) => r.activity);
  };
  const say = async (conversationId: string, text: string, extra: Record<string, unknown> = {}) =>
    (await send(conversationId, text, extra)).at(-1)!;
  const cardOf = (reply: any): any => {
    const attachment = reply.attachments?.[0];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardProblems(attachment.content)).toEqual([]);
    return attachment.content;
  };
  const textOf = async (conversationId: string, text: string, extra: Record<string, unknown> = {}) =>
    cardText(cardOf(await say(conversationId, text, extra)));
  const invoke = (conversationId: string, verb: string, data: unknown, extra: Record<string, unknown> = {}) =>
    post(
      activity(conversationId, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
        ...extra,
      }),
    );
  const adviceIdOf = (card: any): string => JSON.stringify(card).match(/"adviceId":"([^"]+)"/)![1]!;

  it('reads "en als het 150.000 is?" as the same tender at €150.000, with the social return for that value', async () => {
    const first = await textOf(
      'm-value',
      'Welke MVI-criteria voor de schoonmaak van het gemeentehuis, ca. €400.000?',
    );
    expect(first).toContain('Schoonmaak en glasbewassing');
    const text = await textOf('m-value', 'en als het 150.000 is?');
    expect(text).toContain('Schoonmaak en glasbewassing');
    expect(text).toMatch(/Met €\s150\.000 ligt deze opdracht onder de Europese drempel/);
    expect(text).toMatch(/Social return is van toepassing: 5% van €\s150\.000 is €\s7\.500/);
    // The card says which context it uses.
    expect(text).toMatch(/Uitgangspunt: \n.*schoonmaak.* · €\s150\.000/);
    expect(text).not.toContain('Ik weet niet zeker wat u inkoopt');
  });

  it('reads a bare "95.000", "€ 1,2 mln" and "1.2 million" as the value of the tender discussed', async () => {
    await say('m-bare', 'Inzameling huishoudelijk afval');
    expect(await textOf('m-bare', '95.000')).toMatch(/Afval[\s\S]*5% van €\s95\.000 is €\s4\.750/i);
    expect(await textOf('m-bare', '€ 1,2 mln')).toMatch(/Met €\s1\.200\.000 ligt deze opdracht boven/);
    // Written in English, answered in English.
    expect(await textOf('m-bare', '1.2 million')).toMatch(/MVI advice for[\s\S]*€1,200,000/);
  });

  it('changes the ambition by a typed follow-up, and a card action and a typed follow-up reach the same state', async () => {
    await say('m-ambition', 'schoonmaak kantoren €300.000');
    expect(await textOf('m-ambition', 'alleen basis')).toContain('Criteria bij ambitieniveau “Basis”');
    expect(await textOf('m-ambition', 'ambitieuzer')).toContain('Criteria bij ambitieniveau “Significant”');
    // The card's button sets "Ambitieus"; a typed value afterwards keeps it.
    const card = cardOf(await say('m-ambition', '95.000'));
    const clicked = await invoke('m-ambition', 'setAmbition', {
      adviceId: adviceIdOf(card),
      ambition: 'ambitious',
    });
    expect(cardText(clicked.body.value)).toContain('Criteria bij ambitieniveau “Ambitieus”');
    const after = await textOf('m-ambition', 'en als het 150.000 is?');
    expect(after).toContain('Criteria bij ambitieniveau “Ambitieus”');
    expect(after).toMatch(/5% van €\s150\.000/);
    // And one step down from what the button chose.
    expect(await textOf('m-ambition', 'minder ambitieus')).toContain(
      'Criteria bij ambitieniveau “Significant”',
    );
  });

  it('takes a start date and another product group, keeps the rest, and starts over on "Nieuwe vraag"', async () => {
    await say('m-change', 'Schoonmaak gemeentehuis €400.000');
    expect(await textOf('m-change', 'start in 2027')).toMatch(
      /Uitgangspunt: \n.*€\s400\.000 · start 1 januari 2027/,
    );
    const group = await textOf('m-change', 'nee, ik bedoel leerlingenvervoer');
    expect(group).toContain('Leerlingenvervoer en doelgroepenvervoer');
    expect(group).toMatch(
      /Uitgangspunt: \n.*Leerlingenvervoer en doelgroepenvervoer · €\s400\.000 · start 1 januari 2027/,
    );
    const reset = await say('m-change', 'Nieuwe vraag');
    expect(reset.text).toMatch(/nieuwe vraag/i);
    // Without a context, a bare amount is no follow-up any more.
    expect(await textOf('m-change', '95.000')).toContain('Ik weet niet zeker wat u inkoopt');
  });

  it('sends the download of the criteria when asked for it', async () => {
    const card = cardOf(await say('m-download', 'laptops €200.000'));
    const reply = await say('m-download', 'download als word');
    expect(reply.text).toContain(`/advice/${adviceIdOf(card)}/download?ambition=`);
  });

  it('keeps a context per channel thread and per group chat', async () => {
    const mention = {
      entities: [
        {
          type: 'mention',
          mentioned: { id: '28:bot', name: 'MVI Companion' },
          text: '<at>MVI Companion</at>',
        },
      ],
    };
    const thread = (id: string) => ({
      conversation: {
        id: `19:channel@thread.tacv2;messageid=${id}`,
        conversationType: 'channel',
        tenantId: DEMO_TENANT_ID,
      },
      ...mention,
    });
    const a = '19:channel@thread.tacv2;messageid=1';
    const b = '19:channel@thread.tacv2;messageid=2';
    await say(a, '<at>MVI Companion</at> schoonmaak gemeentehuis', thread('1'));
    await say(b, '<at>MVI Companion</at> laptops', thread('2'));
    expect(await textOf(a, '<at>MVI Companion</at> 95.000', thread('1'))).toContain(
      'Schoonmaak en glasbewassing',
    );
    expect(await textOf(b, '<at>MVI Companion</at> 95.000', thread('2'))).not.toContain('Schoonmaak');
    const group = {
      conversation: {
        id: '19:group-chat@thread.v2',
        conversationType: 'groupChat',
        tenantId: DEMO_TENANT_ID,
      },
      ...mention,
    };
    await say('19:group-chat@thread.v2', '<at>MVI Companion</at> catering stadskantoor', group);
    expect(await textOf('19:group-chat@thread.v2', '<at>MVI Companion</at> 150.000', group)).toMatch(
      /Catering[\s\S]*€\s150\.000/,
    );
  });

  it('answers a Dutch message in Dutch with an en-US client, and an English one in English with nl-NL', async () => {
    const dutch = await textOf('m-lang-nl', 'Welke MVI-criteria voor de schoonmaak van het gemeentehuis?', {
      locale: 'en-US',
    });
    expect(dutch).toContain('MVI-advies voor');
    expect(dutch).toContain('Schoonmaak en glasbewassing');
    // A bare amount tells no language: the conversation's stays.
    expect(await textOf('m-lang-nl', '150.000', { locale: 'en-US' })).toMatch(
      /MVI-advies voor[\s\S]*€\s150\.000/,
    );
    const english = await textOf(
      'm-lang-en',
      'Which MVI criteria for the cleaning of our town hall, about €300,000?',
      {
        locale: 'nl-NL',
      },
    );
    expect(english).toContain('MVI advice for');
    expect(english).toContain('Cleaning');
    expect(english).toMatch(/€300,000/);
  });

  it('switches language on "in English please", with amounts in that language', async () => {
    await say('m-switch', 'Schoonmaak gemeentehuis €400.000');
    const english = await textOf('m-switch', 'in English please');
    expect(english).toContain('MVI advice for');
    expect(english).toMatch(/€400,000/);
    expect(await textOf('m-switch', 'en als het 150.000 is?')).toMatch(/MVI advice for[\s\S]*€150,000/);
    expect((await say('m-switch', 'help')).text).toMatch(/^This is what I can do/);
    expect(await textOf('m-switch', 'graag in het Nederlands')).toMatch(/MVI-advies voor[\s\S]*€\s150\.000/);
  });

  it('answers a 20,000-character message with a polite note while the backend keeps answering', async () => {
    const long = `Schoonmaak van het gemeentehuis ${'en de wijkkantoren '.repeat(1_200)}`.slice(0, 20_000);
    const health = (async () => {
      const results: number[] = [];
      for (let i = 0; i < 5; i++) results.push((await fetch(`${stack().urls.api}/health`)).status);
      return results;
    })();
    const replies = await send('m-long', long);
    expect(replies.some((r) => /langer dan 2\.000 tekens/.test(r.text ?? ''))).toBe(true);
    expect(cardText(cardOf(replies.at(-1)))).toContain('Schoonmaak en glasbewassing');
    expect(await health).toEqual([200, 200, 200, 200, 200]);
    // Markup without an end is read in bounded time too.
    const markup = await send('m-long', `schoonmaak ${'<'.repeat(20_000)}`);
    expect(markup.at(-1)!.attachments?.[0]).toBeDefined();
  });

  it('shows a friendly card in the user’s language when something fails, never the SDK’s English error', async () => {
    // Table storage refuses keys over 1 KiB: a failure of the turn on the way. The id is short
    // enough for the bot endpoint's own check (1,000 characters), but stored percent-encoded
    // (é → %C3%A9) it is 2,402 characters long.
    const tooLong = `a:${'é'.repeat(400)}`;
    const dutch = await send(tooLong, 'Welke criteria voor schoonmaak van het gemeentehuis?');
    const all = JSON.stringify(dutch);
    expect(all).not.toContain('The agent encountered an error');
    expect(all).not.toContain('fix the source code');
    expect(cardText(cardOf(dutch.at(-1)))).toMatch(/Sorry, er ging iets mis/);
    const english = await send(tooLong, 'Which criteria for cleaning our town hall?');
    expect(cardText(cardOf(english.at(-1)))).toMatch(/Sorry, something went wrong/);
  });

  it('forgets a conversation 72 hours after its last change, and the daily purge removes what nobody read', async () => {
    let now = new Date('2026-12-03T10:00:00Z');
    const memory = createConversationMemory(stack().services.storage, { now: () => now });
    const state = (id: string) => ({
      conversationId: id,
      language: 'nl' as const,
      context: {
        conversationId: id,
        userId: pieter.id,
        title: 'Schoonmaak gemeentehuis',
        estimatedValueEur: 400_000,
        updatedAt: now.toISOString(),
      },
      updatedAt: now.toISOString(),
    });
    await memory.save(state('ttl-read'));
    await memory.save(state('ttl-unread'));
    now = new Date('2026-12-06T09:00:00Z');
    expect((await memory.get('ttl-read'))?.context?.estimatedValueEur).toBe(400_000);
    await memory.save(state('ttl-fresh'));
    now = new Date('2026-12-06T10:01:00Z');
    expect(await memory.get('ttl-read')).toBeUndefined();
    expect(await memory.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await memory.get('ttl-fresh')).toBeDefined();
    const rows: string[] = [];
    for await (const e of stack().services.storage.table('ConversationMemory').listEntities())
      rows.push(decodeURIComponent(e.partitionKey!));
    expect(rows).not.toContain('ttl-unread');
    expect(rows).not.toContain('ttl-read');
    expect(rows).toContain('ttl-fresh');
  });
});
