/**
 * The limit on wrong check-in codes, end to end against Azurite: ten wrong codes per person in
 * any 15 minutes (the session's route, the code-only route and the bot together); the attempt
 * after that is refused with 429 and Retry-After, the right code too, until the oldest failure
 * ages out. Successful check-ins do not count, other people are not affected, failures at the
 * same moment all count, and the record (times only) is exported, erased and expires.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCheckInFailure } from '../core/src/sessions/index.js';
import { createCheckInAttemptStore } from '../functions/src/storage/session-checkin-attempts.js';
import { DEMO_TENANT_ID } from '../scripts/dev/demo-data.js';
import { startConnector, type Connector } from './support/connector.js';
import { fatma, ingrid, joris, mohamed, pieter, useSessionWorld } from './support/sessions.js';

const TOO_MANY_NL =
  'U hebt te vaak een verkeerde incheckcode ingevoerd. Probeer het over 15 minuten opnieuw.';
const TOO_MANY_EN = 'You entered a wrong check-in code too many times. Try again in 15 minutes.';

const lunch = (extra: Record<string, unknown> = {}) => ({
  type: 'lunch-lecture',
  title: 'Lunchlezing: duurzaam inkopen',
  description: '',
  themes: [],
  start: '2027-03-10T12:00:00+01:00',
  end: '2027-03-10T13:00:00+01:00',
  location: 'Gemeentehuis Havendam, zaal 2',
  ...extra,
});

/** Codes in the check-in alphabet that belong to no session here. */
const wrongCodes = (count: number, taken: readonly string[], seed = 'W'): string[] => {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const code = `${seed}Q${alphabet[i % alphabet.length]}${alphabet[Math.floor(i / alphabet.length) % alphabet.length]}7Z`;
    if (!taken.includes(code)) out.push(code);
  }
  return out;
};

describe('check-in: the limit on wrong codes', () => {
  const world = useSessionWorld({ start: '2027-03-02T09:30:00Z' });
  let connector: Connector;
  let s: any;
  let other: any;
  let regional: any;
  beforeAll(async () => {
    connector = await startConnector();
    s = await world.plan(ingrid, lunch());
    other = await world.plan(ingrid, lunch({ title: 'Een andere sessie' }));
    regional = await world.plan(ingrid, lunch({ title: 'Regiosessie social return', regionWide: true }));
  });
  afterAll(async () => {
    await connector.close();
  });
  const taken = () => [s.checkInCode, other.checkInCode, regional.checkInCode];
  const byId = (who: typeof pieter, code: string, id = s.id, headers?: Record<string, string>) =>
    world.api('POST', `/sessions/${id}/check-in`, who, { code }, headers);
  const byCode = (who: typeof pieter, code: string, headers?: Record<string, string>) =>
    world.api('POST', '/check-in', who, { code }, headers);
  const attempts = async (userId: string): Promise<Record<string, unknown>[]> => {
    const rows: Record<string, unknown>[] = [];
    for await (const row of world
      .stack()
      .services.storage.table('SessionCheckInAttempts')
      .listEntities({ queryOptions: { filter: `PartitionKey eq '${userId}'` } }))
      rows.push(row);
    return rows;
  };

  it('answers ten wrong codes with 400, refuses the eleventh attempt with 429 (the right code too) until the window has passed, and leaves others alone', async () => {
    world.clock.set('2027-03-10T11:00:00Z');
    const wrong = wrongCodes(5, taken());
    for (const code of [other.checkInCode, ...wrong.slice(0, 4)]) {
      const answer = await byId(pieter, code);
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toBe(
        'Deze code hoort niet bij deze sessie. Kijk nog eens op het scherm in de zaal.',
      );
    }
    for (const code of [...wrong.slice(4), 'AB', 'ABCDEFGH', ...wrongCodes(2, taken(), 'X')]) {
      const answer = await byCode(pieter, code);
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toBe(
        'Deze code kennen we niet. Kijk nog eens op het scherm in de zaal.',
      );
    }

    const eleventh = await byId(pieter, s.checkInCode); // the right code
    expect(eleventh.status).toBe(429);
    expect(eleventh.headers.get('retry-after')).toBe('900');
    expect(eleventh.body.error).toEqual({
      code: 'too-many-attempts',
      message: TOO_MANY_NL,
      details: [],
      retryAfterSeconds: 900,
    });
    const alone = await byCode(pieter, s.checkInCode);
    expect(alone.status).toBe(429);
    expect(alone.body.error.message).toBe(TOO_MANY_NL);
    const english = await byCode(pieter, s.checkInCode, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(english.status).toBe(429);
    expect(english.body.error.message).toBe(TOO_MANY_EN);
    // Refusals are not failures: they do not extend the wait.
    expect((await attempts(pieter.id)).map((r) => JSON.parse(r['data'] as string).failures.length)).toEqual([
      10,
    ]);
    expect((await world.api('GET', `/sessions/${s.id}`, pieter)).body.me.attendance).toBeNull();
    // The button (no code) is no code attempt.
    expect((await world.api('POST', `/sessions/${other.id}/check-in`, pieter, {})).status).toBe(200);

    // Someone else is not affected.
    expect((await byId(mohamed, wrongCodes(1, taken(), 'M')[0]!)).status).toBe(400);
    const mohamedIn = await byId(mohamed, s.checkInCode);
    expect(mohamedIn.status).toBe(200);
    expect(mohamedIn.body.me.attendance).toBe('present');

    world.clock.set('2027-03-10T11:14:59Z');
    const almost = await byId(pieter, s.checkInCode);
    expect(almost.status).toBe(429);
    expect(almost.headers.get('retry-after')).toBe('1');
    expect(almost.body.error.message).toBe(
      'U hebt te vaak een verkeerde incheckcode ingevoerd. Probeer het over 1 seconde opnieuw.',
    );

    world.clock.set('2027-03-10T11:15:00Z');
    const after = await byId(pieter, s.checkInCode);
    expect(after.status).toBe(200);
    expect(after.body.me.attendance).toBe('present');
  });

  it('does not count successful check-ins', async () => {
    world.clock.set('2027-03-10T11:20:00Z');
    const wrong = wrongCodes(10, taken(), 'J');
    for (const code of wrong.slice(0, 9)) expect((await byCode(joris, code)).status).toBe(400);
    for (let i = 0; i < 3; i++) {
      expect((await byId(joris, regional.checkInCode, regional.id)).status).toBe(200);
      expect((await byCode(joris, regional.checkInCode)).status).toBe(200);
    }
    expect((await byId(joris, wrong[9]!, regional.id)).status).toBe(400); // the tenth failure
    expect((await byCode(joris, regional.checkInCode)).status).toBe(429);
  });

  it('counts every wrong code given at the same moment', async () => {
    world.clock.set('2027-03-10T11:25:00Z');
    const answers = await Promise.all(wrongCodes(15, taken(), 'F').map((code) => byCode(fatma, code)));
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(10).fill(400), ...Array(5).fill(429)]);
    const rows = await attempts(fatma.id);
    expect(JSON.parse(rows[0]!['data'] as string).failures).toHaveLength(10);

    // Between instances only the ETag decides: writers without the in-process queue lose no failure.
    const store = createCheckInAttemptStore(world.stack().services.storage, { inProcessQueue: false });
    const limit = { maxFailures: 100, windowMinutes: 15 };
    const at = new Date('2027-03-10T11:25:00Z');
    await Promise.all(
      Array.from({ length: 25 }, () =>
        store.change('race-test-user', (existing) => recordCheckInFailure(existing, at, limit)),
      ),
    );
    expect((await store.get('race-test-user'))?.failures).toHaveLength(25);
    expect(await store.erase('race-test-user')).toBe(true);
  });

  it('shows the refusal in the bot, where wrong codes count too', async () => {
    world.clock.set('2027-03-10T11:30:00Z'); // Mohamed's one failure at 11:00 no longer counts
    let counter = 0;
    const invoke = async (code: string) => {
      const response = await fetch(world.stack().urls.bot, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'invoke',
          name: 'adaptiveCard/action',
          id: `limit-${++counter}`,
          channelId: 'msteams',
          serviceUrl: connector.serviceUrl,
          from: { id: '29:mohamed', name: mohamed.displayName, aadObjectId: mohamed.id },
          recipient: { id: '28:bot', name: 'MVI Companion' },
          conversation: { id: 'c-limit', conversationType: 'personal', tenantId: DEMO_TENANT_ID },
          channelData: { tenant: { id: DEMO_TENANT_ID } },
          locale: 'nl-NL',
          value: {
            action: {
              type: 'Action.Execute',
              verb: 'sessionCheckIn',
              data: { sessionId: other.id, [`code-${other.id}`]: code },
            },
            trigger: 'manual',
          },
        }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { statusCode: number; value: unknown };
      expect(body.statusCode).toBe(200);
      return body.value;
    };
    const wrong = wrongCodes(10, taken(), 'B');
    for (const code of wrong.slice(0, 4))
      expect(await invoke(code)).toBe(
        'Deze code hoort niet bij deze sessie. Kijk nog eens op het scherm in de zaal.',
      );
    for (const code of wrong.slice(4)) expect((await byCode(mohamed, code)).status).toBe(400);
    expect(await invoke(other.checkInCode)).toBe(TOO_MANY_NL);
    expect((await world.api('GET', `/sessions/${other.id}`, mohamed)).body.me.attendance).toBeNull();
  });

  it('keeps only the times of the failures, lets the MVI team export and erase them, and deletes them once they no longer count', async () => {
    world.clock.set('2027-03-10T11:31:00Z');
    const [row] = await attempts(mohamed.id);
    expect(Object.keys(row!).sort()).toEqual(['data', 'etag', 'partitionKey', 'rowKey', 'timestamp']);
    const stored = JSON.parse(row!['data'] as string);
    expect(Object.keys(stored)).toEqual(['failures']);
    expect(stored.failures).toHaveLength(10);
    expect(stored.failures.every((t: string) => t === '2027-03-10T11:30:00.000Z')).toBe(true);

    const exported = await world.api('GET', `/privacy/people/${mohamed.id}/export`, ingrid);
    expect(exported.status).toBe(200);
    expect(exported.body.counts.checkInFailures).toBe(10);
    expect(exported.body.checkInFailures).toEqual(Array(10).fill({ at: '2027-03-10T11:30:00.000Z' }));
    // Fatma is Rietmond's: Havendam's MVI team does not see her record.
    expect((await world.api('GET', `/privacy/people/${fatma.id}/export`, ingrid)).status).toBe(404);

    const erased = await world.api('POST', `/privacy/people/${mohamed.id}/erase`, ingrid);
    expect(erased.status).toBe(200);
    expect(erased.body.erased.checkInFailures).toBe(10);
    expect(await attempts(mohamed.id)).toEqual([]);
    expect((await byId(mohamed, other.checkInCode, other.id)).status).toBe(200);

    // The retention timer deletes the records in which no failure counts any more.
    expect((await attempts(fatma.id)).length).toBe(1);
    await world.stack().host!.runTimer('sessions-retention');
    expect((await attempts(fatma.id)).length).toBe(1); // her failures of 11:25 still count
    world.clock.set('2027-03-10T11:40:00Z');
    await world.stack().host!.runTimer('sessions-retention');
    expect(await attempts(fatma.id)).toEqual([]);
    expect(await attempts(joris.id)).toEqual([]);
    expect(await attempts(pieter.id)).toEqual([]);
  });
});
