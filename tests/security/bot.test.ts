import { describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID, DEMO_USERS } from '../../scripts/dev/demo-data.js';
import { loadBackendConfig } from '../../functions/src/config.js';
import { botTrustProblems } from '../../functions/src/functions/messages.js';
import { startStack } from '../../scripts/dev/stack.js';
import { createConversationReferences } from '../../functions/src/storage/bot-stores.js';
import { useStack } from '../support/stack.js';
import { checkBotEndpoint } from './support/bot.js';

const BOT_ID = '7d3f8e2a-1b4c-4d5e-8f6a-9b0c1d2e3f4a';
const victim = DEMO_USERS.find((u) => u.upn === 'pieter.jansen@havendam.example')!;

describe('the bot endpoint with a bot id (tokens from the development identity provider)', () => {
  const stack = useStack({
    env: { BOT_ID, BOT_PASSWORD: 'not-a-real-secret', BOT_TENANT_ID: DEMO_TENANT_ID },
  });

  it('refuses untrusted activities, foreign service URLs and wrong types, and answers a trusted one', async () => {
    const result = await checkBotEndpoint({
      url: stack().urls.bot,
      idp: stack().idp,
      tenantId: DEMO_TENANT_ID,
      victimObjectId: victim.id,
      botId: BOT_ID,
    });
    expect(result.failures).toEqual([]);
    expect(result.correct).toBe(result.tried);
  });
});

describe('the bot endpoint in local development (no bot id, loopback)', () => {
  const stack = useStack();

  it("posts nobody's tenders to a server outside the allow-list, even with their aadObjectId", async () => {
    const result = await checkBotEndpoint({
      url: stack().urls.bot,
      idp: stack().idp,
      tenantId: DEMO_TENANT_ID,
      victimObjectId: victim.id,
    });
    expect(result.failures).toEqual([]);
    expect(result.correct).toBe(result.tried);
  });

  it('keeps no conversation reference with a refused serviceUrl, so no nudge goes there', async () => {
    const install = {
      type: 'conversationUpdate',
      id: 'install-foreign',
      channelId: 'msteams',
      serviceUrl: 'http://evil.example/',
      from: { id: '29:attacker', aadObjectId: victim.id },
      recipient: { id: '28:bot' },
      membersAdded: [{ id: '28:bot' }],
      conversation: { id: 'install-foreign', conversationType: 'personal', tenantId: DEMO_TENANT_ID },
    };
    const response = await fetch(stack().urls.bot, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(install),
    });
    expect(response.status).toBe(403);
    const stored = await createConversationReferences(stack().services.storage).get(
      DEMO_TENANT_ID,
      victim.id,
    );
    expect(stored?.serviceUrl).not.toBe('http://evil.example/');
  });
});

describe('the bot without a bot id', () => {
  const FREE = { blob: 0, queue: 0, table: 0, idp: 0, functions: 0, bot: 0, tab: 0 };

  it('does not start unless the local development flag is set', async () => {
    await expect(
      startStack({ ports: FREE, tab: false, seed: false, timers: false, env: { BOT_LOCAL_DEV: '' } }),
    ).rejects.toThrow(/BOT_ID: required/);
  });

  it('runs in local development mode only on loopback', () => {
    const config = loadBackendConfig({
      AzureWebJobsStorage: 'UseDevelopmentStorage=true',
      AUTH_ISSUER: 'http://127.0.0.1:1/{tenantid}/v2.0',
      AUTH_AUDIENCE: 'api://x',
      AUTH_JWKS_URI: 'http://127.0.0.1:1/keys',
      AUTH_ALLOWED_TENANTS: DEMO_TENANT_ID,
      TAB_BASE_URL: 'http://localhost:1',
      BOT_LOCAL_DEV: '1',
    });
    expect(botTrustProblems(config, '127.0.0.1')).toEqual([]);
    expect(botTrustProblems(config, '0.0.0.0').join()).toMatch(
      /only for a bot endpoint listening on loopback/,
    );
    // Azure names no interface: the flag is refused there.
    expect(botTrustProblems(config, undefined).join()).toMatch(/BOT_LOCAL_DEV/);
  });
});
