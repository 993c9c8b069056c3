import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../scripts/dev/demo-data.js';
import { getJson, useStack } from './support/stack.js';

const pieter = DEMO_USERS.find((u) => u.upn.startsWith('pieter'))!; // Havendam: ambitious by policy
const fatma = DEMO_USERS.find((u) => u.upn.startsWith('fatma'))!; // Rietmond: default policy

describe('the advice API', () => {
  const stack = useStack({ seed: true });
  const post = async (body: unknown, token?: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${stack().urls.api}/advice`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it("advises on a tender with the caller's municipal policy", async () => {
    const token = await stack().idp.issue(pieter.upn);
    const { status, body } = await post(
      { title: 'Schoonmaak gemeentehuis', estimatedValueEur: 80_000 },
      token,
    );
    expect(status).toBe(200);
    expect(body.productGroups[0].id).toBe('cleaning');
    expect(body.ambition).toBe('ambitious');
    expect(body.socialReturn.applies).toBe(true); // Havendam: from €75,000
    const other = await post(
      { title: 'Schoonmaak gemeentehuis', estimatedValueEur: 80_000, municipality: 'havendam' },
      await stack().idp.issue(fatma.upn),
    );
    expect(other.body.socialReturn.applies).toBe(false); // Rietmond's own policy, whatever the body says
  });

  it('answers in the language the caller asks for', async () => {
    const token = await stack().idp.issue(fatma.upn);
    const { body } = await post({ title: 'Office cleaning', estimatedValueEur: 300_000 }, token, {
      'accept-language': 'en-US',
    });
    expect(body.thresholds.explanation).toMatch(/EU threshold/);
  });

  it('explains what is wrong with a bad request (400), in Dutch', async () => {
    const token = await stack().idp.issue(fatma.upn);
    const empty = await post({ title: '', estimatedValueEur: -1 }, token);
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(
      /^De aanvraag klopt niet\. De omschrijving van wat u inkoopt \(titel\) is leeg/,
    );
    expect(empty.body.error.details).toHaveLength(2);
    const notJson = await post('{oops', token);
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toBe('De inhoud van het verzoek is geen geldige JSON.');
    const array = await post([1, 2], token);
    expect(array.status).toBe(400);
  });

  it('reads null as unknown, and refuses an impossible date or an unknown CPV code with a sentence in Dutch or English', async () => {
    const token = await stack().idp.issue(fatma.upn);
    const unknownValue = await post(
      { title: 'Schoonmaak gemeentehuis', estimatedValueEur: null, date: null },
      token,
    );
    expect(unknownValue.status).toBe(200);
    expect(unknownValue.body.thresholds.aboveEuThreshold).toBeNull();
    const date = await post({ title: 'Schoonmaak', date: '2026-02-30' }, token);
    expect(date.status).toBe(400);
    expect(date.body.error.message).toContain('De startdatum bestaat niet in de kalender (2026-02-30).');
    const cpv = await post({ title: 'Schoonmaak', cpv: ['99999999'] }, token, { 'accept-language': 'en' });
    expect(cpv.status).toBe(400);
    expect(cpv.body.error.message).toContain('CPV code 99999999 does not exist in the CPV 2008 vocabulary');
    const value = await post({ title: 'Schoonmaak', estimatedValueEur: 'een ton' }, token);
    expect(value.status).toBe(400);
    expect(value.body.error.message).toContain('De geraamde waarde moet een getal zijn.');
  });

  it('gives CPV suggestions with their names, and general criteria for a tender no group covers', async () => {
    const token = await stack().idp.issue(fatma.upn);
    const { body } = await post({ title: 'Schoonmaak kantoren' }, token);
    expect(body.cpvSuggestions.length).toBeGreaterThan(0);
    expect(body.cpvSuggestions[0]).toMatchObject({
      code: expect.stringMatching(/^909\d{5}-\d$/),
      label: expect.any(String),
      score: expect.any(Number),
    });
    expect(body.productGroups[0].cpv[0]).toMatchObject({ prefix: '90911', code: '90911000-6' });
    const general = await post(
      { title: 'Begrafenisdiensten', cpv: ['98370000'], estimatedValueEur: 120_000 },
      token,
    );
    expect(general.body.productGroups).toEqual([]);
    expect(general.body.general.explanation).toBe(
      'Geen specifieke productgroep; deze criteria passen bij elke dienstverlening.',
    );
    expect(general.body.criteria.length).toBeGreaterThan(0);
  });

  it('names the product group of every criterion in the .docx and the CSV, general criteria too', async () => {
    const token = await stack().idp.issue(fatma.upn);
    const download = (format: 'docx' | 'csv') =>
      fetch(`${stack().urls.api}/exports/criteria`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          subject: 'Test',
          criterionIds: ['cleaning.ecolabel-products', 'general.supply-chain'],
          format,
        }),
      });
    const csv = await (await download('csv')).text();
    expect(csv).toContain('Schoonmaak en glasbewassing');
    expect(csv).toContain('Algemene MVI-criteria');
    const xml = await (
      await JSZip.loadAsync(await (await download('docx')).arrayBuffer())
    )
      .file('word/document.xml')!
      .async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('Productgroep: Schoonmaak en glasbewassing');
    expect(text).toContain('Productgroep: Algemene MVI-criteria');
  });

  it('requires sign-in', async () => {
    expect((await post({ title: 'Schoonmaak' })).status).toBe(401);
  });

  it('serves the catalogue with the municipal policy, and 304 when unchanged', async () => {
    const token = await stack().idp.issue(pieter.upn);
    const first = await fetch(`${stack().urls.api}/catalogue`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(first.status).toBe(200);
    const body = (await first.json()) as any;
    expect(body.productGroups.length).toBeGreaterThanOrEqual(45);
    expect(body.policy.defaultAmbition).toBe('ambitious');
    const again = await fetch(`${stack().urls.api}/catalogue`, {
      headers: { authorization: `Bearer ${token}`, 'if-none-match': first.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
    const rietmond = await getJson(`${stack().urls.api}/catalogue`, await stack().idp.issue(fatma.upn));
    expect(rietmond.body.policy.mviRequiredFromEur).toBe(30_000);
  });
});
