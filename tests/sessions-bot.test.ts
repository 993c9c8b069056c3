/**
 * Sessions in the bot: "sessies" shows a card to register in one click, check in with the
 * room's code while the session runs, and rate it afterwards; every card is valid for Teams.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '../scripts/dev/demo-data.js';
import { cardProblems, cardText } from './support/adaptive-cards.js';
import { startConnector, type Connector } from './support/connector.js';
import { ingrid, pieter, useSessionWorld } from './support/sessions.js';

let counter = 0;

describe('sessions in the bot', () => {
  const world = useSessionWorld({ start: '2027-03-02T09:30:00Z' });
  let connector: Connector;
  beforeAll(async () => {
    connector = await startConnector();
  });
  afterAll(async () => {
    await connector.close();
  });

  const activity = (conversationId: string, extra: Record<string, unknown>) => ({
    type: 'message',
    id: `s-act-${++counter}`,
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
    const response = await fetch(world.stack().urls.bot, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const sessionsCard = async (conversationId: string) => {
    const before = connector.replies.filter((r) => r.conversationId === conversationId).length;
    expect((await post(activity(conversationId, { text: 'sessies' }))).status).toBe(200);
    const replies = await connector.waitFor(conversationId, before + 1);
    const card = replies[replies.length - 1]!.activity.attachments[0].content;
    expect(cardProblems(card)).toEqual([]);
    return card;
  };
  /** An Action.Execute as Teams sends it: the action's data with the card's inputs merged in. */
  const invoke = async (conversationId: string, verb: string, data: Record<string, unknown>) => {
    const response = await post(
      activity(conversationId, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.body.statusCode).toBe(200);
    return response.body as { type: string; value: any };
  };
  const actionsOf = (card: unknown): { verb: string; title: string; data: any }[] => {
    const out: { verb: string; title: string; data: any }[] = [];
    const walk = (node: any): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        if (node.type === 'Action.Execute') out.push({ verb: node.verb, title: node.title, data: node.data });
        Object.values(node).forEach(walk);
      }
    };
    walk(card);
    return out;
  };

  it('registers in one click, checks in with the code during the session, and takes a rating afterwards', async () => {
    const s = await world.plan(ingrid, {
      type: 'lunch-lecture',
      title: 'Lunchlezing in de bot',
      start: '2027-03-10T12:00:00+01:00',
      end: '2027-03-10T13:00:00+01:00',
      location: 'Zaal 4',
      capacity: 20,
    });
    const card = await sessionsCard('c-s1');
    expect(cardText(card)).toContain('Lunchlezing in de bot');
    const register = actionsOf(card).find((a) => a.verb === 'sessionRegister' && a.data.sessionId === s.id)!;
    expect(register.title).toBe('Aanmelden');

    const registered = await invoke('c-s1', 'sessionRegister', register.data);
    expect(registered.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardProblems(registered.value)).toEqual([]);
    expect(cardText(registered.value)).toContain('U bent aangemeld.');
    expect((await world.api('GET', `/sessions/${s.id}`, pieter)).body.me.registration).toBe('registered');

    world.clock.set('2027-03-10T11:05:00Z');
    const during = await sessionsCard('c-s1');
    const checkIn = actionsOf(during).find((a) => a.verb === 'sessionCheckIn' && a.data.sessionId === s.id)!;
    const wrong = await invoke('c-s1', 'sessionCheckIn', { ...checkIn.data, [`code-${s.id}`]: 'AAAAAA' });
    expect(wrong.value).toBe('Deze code hoort niet bij deze sessie. Kijk nog eens op het scherm in de zaal.');
    const checkedIn = await invoke('c-s1', 'sessionCheckIn', {
      ...checkIn.data,
      [`code-${s.id}`]: s.checkInCode,
    });
    expect(cardText(checkedIn.value)).toContain('U bent ingecheckt.');

    world.clock.set('2027-03-10T12:30:00Z');
    const after = await sessionsCard('c-s1');
    expect(cardText(after)).toContain('Uw oordeel over “Lunchlezing in de bot”');
    const rate = actionsOf(after).find((a) => a.verb === 'sessionFeedback' && a.data.sessionId === s.id)!;
    const bad = await invoke('c-s1', 'sessionFeedback', { ...rate.data, [`rating-${s.id}`]: '9' });
    expect(bad.value).toMatch(/^Uw beoordeling klopt niet/);
    const thanks = await invoke('c-s1', 'sessionFeedback', {
      ...rate.data,
      [`rating-${s.id}`]: '4',
      [`comment-${s.id}`]: 'Leerzaam',
    });
    expect(cardText(thanks.value)).toContain('Dank u wel voor uw beoordeling!');
    expect(cardText(thanks.value)).not.toContain('Uw oordeel over “Lunchlezing in de bot”');
    const summary = await world.api('GET', `/sessions/${s.id}/feedback`, ingrid);
    expect(summary.body).toMatchObject({ count: 1, average: 4, comments: [{ comment: 'Leerzaam' }] });
  });
});
