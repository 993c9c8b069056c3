import { SignJWT, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { useStack } from './support/stack.js';

const BOT_ID = '7d3f8e2a-1b4c-4d5e-8f6a-9b0c1d2e3f4a';

describe('the bot endpoint with bot credentials configured', () => {
  const stack = useStack({
    seed: false,
    env: { BOT_ID, BOT_PASSWORD: 'not-a-real-secret', BOT_TENANT_ID: '5f1b6c2e-8d4a-4c1e-9a7b-3e2d1c0b9a88' },
  });
  const activity = {
    type: 'message',
    id: 'a1',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    text: 'help',
    from: { id: '29:x' },
    recipient: { id: `28:${BOT_ID}` },
    conversation: { id: 'c1', conversationType: 'personal' },
  };
  const post = (headers: Record<string, string>) =>
    fetch(stack().urls.bot, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });

  it('rejects an activity without a Bot Framework token', async () => {
    expect((await post({})).status).toBe(401);
  });

  it('rejects an activity with a token not signed by the Bot Framework', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ serviceurl: activity.serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid: 'forged' })
      .setIssuer('https://api.botframework.com')
      .setAudience(BOT_ID)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    expect((await post({ authorization: `Bearer ${forged}` })).status).toBe(401);
    expect((await post({ authorization: 'Basic abc' })).status).toBe(401);
  });
});
