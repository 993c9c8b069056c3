/**
 * The bot endpoint with activities it must refuse: no token or a bad one, a token for another
 * service URL, a serviceUrl outside the allow-list (the finding: someone else's aadObjectId and
 * the caller's own server), and activities with fields of the wrong type. A connector outside
 * the allow-list (on 127.0.0.2) counts as a case of its own: it must receive nothing.
 */
import { SignJWT, generateKeyPair } from 'jose';
import type { DevIdentityProvider } from '../../../scripts/dev/identity-provider.js';
import { startConnector } from '../../support/connector.js';
import { Tally, type FamilyResult } from './family.js';

export interface BotTarget {
  /** The messaging endpoint. */
  url: string;
  idp: DevIdentityProvider;
  tenantId: string;
  /** Another person's Entra object id, as the attacker puts it in `from.aadObjectId`. */
  victimObjectId: string;
  /** The bot id configured on the stack; absent when the stack runs in local development mode. */
  botId?: string;
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function checkBotEndpoint(target: BotTarget): Promise<FamilyResult> {
  const tally = new Tally(target.botId ? 'bot endpoint (bot id)' : 'bot endpoint (local development)');
  const trusted = await startConnector('127.0.0.1');
  const attacker = await startConnector('127.0.0.2');
  try {
    const activity = (serviceUrl: string, conversationId: string, extra: Record<string, unknown> = {}) => ({
      type: 'message',
      id: `act-${conversationId}`,
      channelId: 'msteams',
      serviceUrl,
      text: 'mijn aanbestedingen',
      from: { id: '29:attacker', aadObjectId: target.victimObjectId },
      recipient: { id: '28:bot' },
      conversation: { id: conversationId, conversationType: 'personal', tenantId: target.tenantId },
      locale: 'nl-NL',
      ...extra,
    });
    const post = async (body: unknown, token?: string, scheme = 'Bearer'): Promise<number> => {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token === undefined ? {} : { authorization: `${scheme} ${token}` }),
        },
        body: JSON.stringify(body),
      });
      await response.arrayBuffer();
      return response.status;
    };
    const botToken = (serviceUrl: string, extra: { botId?: string; expiresInSeconds?: number } = {}) =>
      target.idp.issueBot({
        botId: extra.botId ?? target.botId ?? 'no-bot-id',
        serviceUrl,
        ...(extra.expiresInSeconds === undefined ? {} : { expiresInSeconds: extra.expiresInSeconds }),
      });

    // The finding's exploit, without a token: another person's id, the caller's own server.
    for (const url of [
      attacker.serviceUrl,
      'http://evil.example/',
      'https://evil.example/botframework.com/',
    ]) {
      tally.expectStatus(
        await post(activity(url, `exploit-${tally.result().tried}`)),
        target.botId ? [401] : [403],
        `no token, someone else's aadObjectId, serviceUrl ${url}`,
      );
    }

    if (target.botId) {
      const good = activity(trusted.serviceUrl, 'trusted');
      tally.expectStatus(await post(good), [401], 'no token');
      tally.expectStatus(await post(good, 'garbage'), [401], 'a garbage bearer token');
      tally.expectStatus(await post(good, 'abc', 'Basic'), [401], 'Basic authentication');
      const { privateKey } = await generateKeyPair('RS256');
      const forged = await new SignJWT({ serviceurl: trusted.serviceUrl })
        .setProtectedHeader({ alg: 'RS256', kid: 'forged' })
        .setIssuer(target.idp.botIssuer)
        .setAudience(target.botId)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
      tally.expectStatus(await post(good, forged), [401], 'a token signed by a foreign key');
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(
        JSON.stringify({ iss: target.idp.botIssuer, aud: target.botId, serviceurl: trusted.serviceUrl }),
      ).toString('base64url')}.`;
      tally.expectStatus(await post(good, unsigned), [401], 'an unsigned token (alg none)');
      tally.expectStatus(
        await post(good, await botToken(trusted.serviceUrl, { botId: 'another-bot' })),
        [401],
        "a token for another bot's id",
      );
      tally.expectStatus(
        await post(good, await botToken(trusted.serviceUrl, { expiresInSeconds: -3600 })),
        [401],
        'an expired token',
      );
      tally.expectStatus(
        await post(good, await botToken(attacker.serviceUrl)),
        [401],
        "a valid token whose serviceurl claim is not the activity's serviceUrl",
      );
      tally.expectStatus(
        await post(activity(attacker.serviceUrl, 'attacker-signed'), await botToken(attacker.serviceUrl)),
        [403],
        'a valid token for a serviceUrl outside the allow-list',
      );
    }

    // Wrong types, each with a token that would otherwise pass.
    const typed = async (name: string, body: unknown): Promise<void> => {
      const token = target.botId ? await botToken(trusted.serviceUrl) : undefined;
      tally.expectStatus(await post(body, token), [400], `an activity with ${name}`);
    };
    const base = activity(trusted.serviceUrl, 'typed');
    await typed('a numeric type', { ...base, type: 7 });
    await typed('a string conversation', { ...base, conversation: 'c1' });
    await typed('a numeric text', { ...base, text: 42 });
    await typed('from as an array', { ...base, from: [] });
    await typed('no serviceUrl', { ...base, serviceUrl: undefined });
    await typed('a numeric serviceUrl', { ...base, serviceUrl: 12 });
    await typed('no conversation id', { ...base, conversation: { conversationType: 'personal' } });
    await typed('an array for a body', [base]);

    // The control: a well-formed activity from a trusted place is answered there.
    const control = activity(trusted.serviceUrl, 'control', { text: 'help' });
    const status = await post(control, target.botId ? await botToken(trusted.serviceUrl) : undefined);
    const replies = status === 200 ? await trusted.waitFor('control', 1, 10_000).catch(() => []) : [];
    tally.check(
      status === 200 && replies.length > 0,
      'a trusted activity is answered at its serviceUrl',
      `${status}, ${replies.length} replies`,
    );

    await pause(300);
    tally.check(
      attacker.replies.length === 0,
      'the server outside the allow-list receives nothing',
      `${attacker.replies.length} posts`,
    );
    return tally.result();
  } finally {
    await trusted.close();
    await attacker.close();
  }
}
