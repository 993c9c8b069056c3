import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnector, type Connector } from './support/connector.js';
import { useStack } from './support/stack.js';

function activity(
  connector: Connector,
  conversationId: string,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  return {
    type: 'message',
    id: `act-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    from: { id: '29:user', name: 'Pieter Jansen', aadObjectId: '3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e74' },
    recipient: { id: '28:bot', name: 'MVI Companion' },
    conversation: {
      id: conversationId,
      conversationType: 'personal',
      tenantId: '5f1b6c2e-8d4a-4c1e-9a7b-3e2d1c0b9a88',
    },
    locale: 'nl-NL',
    ...extra,
  };
}

describe('the bot messaging endpoint', () => {
  const stack = useStack();
  let connector: Connector;
  beforeAll(async () => {
    connector = await startConnector();
  });
  afterAll(async () => {
    await connector.close();
  });

  const post = (body: unknown): Promise<Response> =>
    fetch(stack().urls.bot, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('answers a message in personal chat, posting the reply to the activity serviceUrl', async () => {
    const response = await post(activity(connector, 'conv-help', { text: 'help' }));
    expect(response.status).toBe(200);
    const [reply] = await connector.waitFor('conv-help');
    expect(reply!.activity.type).toBe('message');
    expect(reply!.activity.text).toContain('Dit kan ik voor u doen');
  });

  it('answers in English for an English Teams locale', async () => {
    await post(activity(connector, 'conv-en', { text: 'help', locale: 'en-US' }));
    const [reply] = await connector.waitFor('conv-en');
    expect(reply!.activity.text).toContain('This is what I can do');
  });

  it('greets the user when the app is installed', async () => {
    await post(
      activity(connector, 'conv-install', {
        type: 'conversationUpdate',
        membersAdded: [{ id: '28:bot' }],
      }),
    );
    const [reply] = await connector.waitFor('conv-install');
    expect(reply!.activity.text).toMatch(/Ik ben MVI Companion/);
  });

  it('stays quiet in a channel unless it is mentioned', async () => {
    const channel = { id: 'conv-channel', conversationType: 'channel' };
    await post(activity(connector, 'conv-channel', { text: 'hallo allemaal', conversation: channel }));
    await post(
      activity(connector, 'conv-channel', {
        text: '<at>MVI Companion</at> help',
        conversation: channel,
        entities: [
          {
            type: 'mention',
            mentioned: { id: '28:bot', name: 'MVI Companion' },
            text: '<at>MVI Companion</at>',
          },
        ],
      }),
    );
    const replies = await connector.waitFor('conv-channel', 1);
    expect(replies).toHaveLength(1);
  });

  it('acknowledges the empty request the Agents Playground sends', async () => {
    const response = await fetch(stack().urls.bot, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '',
    });
    expect(response.status).toBe(200);
  });

  it('rejects a body that is not JSON and an activity without a conversation (400)', async () => {
    const bad = await fetch(stack().urls.bot, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(bad.status).toBe(400);
    const noConversation = await post({
      type: 'message',
      text: 'hi',
      serviceUrl: connector.serviceUrl,
      channelId: 'msteams',
    });
    expect(noConversation.status).toBe(400);
  });
});
