/**
 * A double submit creates one item (an Idempotency-Key makes "create session" and "create
 * tender" safe to send twice), and a plan saved by Dutch Excel in Windows-1252 is read in
 * that encoding, against the real local stack.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../scripts/dev/demo-data.js';
import { DIRECTORY, useNudgeWorld } from './support/nudges.js';

const ingrid = DEMO_USERS.find((u) => u.upn.startsWith('ingrid'))!;
const mohamed = DEMO_USERS.find((u) => u.upn.startsWith('mohamed'))!;
const eva = DIRECTORY.find((u) => u.userPrincipalName.startsWith('eva'))!;

describe('creates are idempotent, imports read their encoding', () => {
  const w = useNudgeWorld();
  const session = (title: string) => ({
    type: 'lunch-lecture',
    title,
    start: '2027-03-16T12:00:00+01:00',
    end: '2027-03-16T13:00:00+01:00',
    location: 'Zaal 2',
    regionWide: false,
    capacity: 20,
  });

  it('plans one session for a double submit with the same key, and answers both alike', async () => {
    const token = await w.token(ingrid.upn);
    const key = { 'idempotency-key': 'tab-6b1f0c2e-double' };
    const [first, second] = await Promise.all([
      w.api('POST', '/sessions', token, session('Dubbel verstuurd'), key),
      w.api('POST', '/sessions', token, session('Dubbel verstuurd'), key),
    ]);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    const third = await w.api('POST', '/sessions', token, session('Dubbel verstuurd'), key);
    expect(third.body.id).toBe(first.body.id);
    const list = await w.api('GET', '/sessions', token);
    expect(list.body.sessions.filter((s: any) => s.title === 'Dubbel verstuurd')).toHaveLength(1);
    // Another key is another session; the same key of another person is theirs.
    const other = await w.api('POST', '/sessions', token, session('Dubbel verstuurd'), {
      'idempotency-key': 'tab-other',
    });
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('creates one tender for a double submit with the same key', async () => {
    const token = await w.token(mohamed.upn);
    const body = {
      reference: 'IDEM-1',
      title: 'Tweemaal verstuurd',
      cpv: ['90910000'],
      commissioningManager: { upn: eva.userPrincipalName },
      kickoffDate: '2027-05-03',
    };
    const key = { 'idempotency-key': 'tab-tender-1' };
    const first = await w.api('POST', '/tenders', token, body, key);
    const second = await w.api('POST', '/tenders', token, body, key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    // Without the key the second submit is the conflict it always was.
    expect((await w.api('POST', '/tenders', token, body)).status).toBe(409);
    // A key is short text.
    const bad = await w.api('POST', '/tenders', token, body, { 'idempotency-key': 'x'.repeat(300) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/Idempotency-Key/);
  });

  it('reads a plan saved as Windows-1252 without replacement characters', async () => {
    const token = await w.token(ingrid.upn);
    const csv =
      'Referentie;Titel;Omschrijving;CPV;Geraamde waarde;Startdatum;Opdrachtgever;Status\n' +
      `ENC-1;Café-inrichting en meubilair;Ruimte voor één ploeg, €-bedragen;39100000;€ 80.000;03-05-2027;${eva.userPrincipalName};gepland\n`;
    const bytes = iconv.encode(csv, 'win1252');
    expect(bytes.includes(0xe9)).toBe(true);
    const response = await fetch(`${w.stack().urls.api}/tenders/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: bytes,
    });
    expect(response.status).toBe(200);
    const stored = await w.api('GET', '/tenders/ENC-1', token);
    expect(stored.body.tender.title).toBe('Café-inrichting en meubilair');
    expect(stored.body.tender.description).toBe('Ruimte voor één ploeg, €-bedragen');
    expect(JSON.stringify(stored.body)).not.toContain('\uFFFD');
  });
});
