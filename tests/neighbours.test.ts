/**
 * "Ga kijken bij de buren" through the API, against the real local stack: three municipalities
 * of one region, each with its own sharing choice, ask advice and see what the others did in
 * similar tenders, exactly as far as both sides share it, and nothing more.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../scripts/dev/demo-data.js';
import { getJson, useStack } from './support/stack.js';

const ingrid = DEMO_USERS.find((u) => u.upn.startsWith('ingrid'))!; // Havendam, MVI team
const pieter = DEMO_USERS.find((u) => u.upn.startsWith('pieter'))!; // Havendam, commissioning manager
const sanne = DEMO_USERS.find((u) => u.upn.startsWith('sanne'))!; // Polderveen
const fatma = DEMO_USERS.find((u) => u.upn.startsWith('fatma'))!; // Rietmond

const lastYear = new Date().getFullYear() - 1;

describe('the neighbours in the advice', () => {
  const stack = useStack({ seed: true });
  const token = (upn: string, roles?: string[]) =>
    stack().idp.issue(upn, roles ? { roles: roles as never } : {});
  const call = async (method: string, path: string, bearer: string, body?: unknown) => {
    const response = await fetch(`${stack().urls.api}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const advice = async (upn: string, title = 'Schoonmaak gemeentehuis', value = 400_000) =>
    (await call('POST', '/advice', await token(upn), { title, estimatedValueEur: value })).body;
  const share = async (upn: string, body: unknown) =>
    call('PUT', '/neighbours/sharing', await token(upn, ['mvi-admin']), body);

  it('shows a municipality that shares counts (the default) the neighbours’ counts, without titles or people', async () => {
    const body = await advice(pieter.upn);
    expect(body.neighbours).toMatchObject({
      productGroupId: 'cleaning',
      sharing: 'counts',
      tenders: 4, // Polderveen's one and Rietmond's three of last year; Havendam's own is not a neighbour's
      municipalities: 2,
      since: lastYear,
      socialReturn: { asked: 3, averagePercentage: 6, realised: 3 },
      examples: [],
    });
    expect(body.neighbours.topCriteria[0]).toEqual({
      id: 'cleaning.ecolabel-products',
      title: expect.any(String),
      tenders: 3,
    });
    expect(body.neighbours.sentence).toBe(
      `In de regio namen 3 van de 4 aanbestedingen voor schoonmaak en glasbewassing sinds ${lastYear} ‘${body.neighbours.topCriteria[0].title}’ op; social return gemiddeld 6 %, 3 keer gerealiseerd.`,
    );
    expect(body.neighbours.reciprocity).toMatch(/^Uw gemeente deelt alleen aantallen/);
    const text = JSON.stringify(body.neighbours);
    for (const secret of ['Schoonmaak stadskantoor', 'Sanne', 'Karin', 'Ruud', 'upn', 'userId'])
      expect(text).not.toContain(secret);

    const english = await call(
      'POST',
      '/advice',
      await token(fatma.upn),
      JSON.stringify({ title: 'Catering town hall', estimatedValueEur: 100_000, language: 'en' }),
    );
    // Rietmond sees Polderveen's catering (its own is not counted), in English when asked.
    expect(english.body.neighbours.tenders).toBe(1);
  });

  it('lets the MVI team choose what its municipality shares, and refuses others and bad choices', async () => {
    const before = await getJson(`${stack().urls.api}/neighbours/sharing`, await token(pieter.upn));
    expect(before.body).toMatchObject({ level: 'counts', isDefault: true, contact: null });

    const notAdmin = await call('PUT', '/neighbours/sharing', await token(pieter.upn), { level: 'none' });
    expect(notAdmin.status).toBe(403);
    const bad = await share(ingrid.upn, { level: 'alles' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^De keuze voor delen klopt niet: level/);
    const contactWithoutDetails = await share(ingrid.upn, {
      level: 'counts',
      contact: { displayName: 'Ingrid Bakker', upn: ingrid.upn },
    });
    expect(contactWithoutDetails.status).toBe(400);
    expect(contactWithoutDetails.body.error.message).toBe(
      'Een contactpersoon wordt alleen gedeeld als u ook titels en jaren deelt (details).',
    );
    const badMail = await share(ingrid.upn, {
      level: 'details',
      contact: { displayName: 'Ingrid', upn: 'geen-adres' },
    });
    expect(badMail.status).toBe(400);
    // None of the refusals changed anything.
    expect(
      (await getJson(`${stack().urls.api}/neighbours/sharing`, await token(pieter.upn))).body,
    ).toMatchObject({ level: 'counts', isDefault: true });

    const saved = await share(ingrid.upn, {
      level: 'details',
      contact: { displayName: 'Ingrid Bakker', upn: ingrid.upn.toUpperCase() },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      level: 'details',
      isDefault: false,
      contact: { displayName: 'Ingrid Bakker', upn: ingrid.upn },
    });
  });

  it('shows titles and a contact only where both share details; counts stay counts', async () => {
    // Havendam now shares details (previous test); Polderveen shares details (demo); Rietmond counts.
    const body = await advice(pieter.upn);
    expect(body.neighbours.sharing).toBe('details');
    expect(body.neighbours.reciprocity).toBeNull();
    expect(body.neighbours.tenders).toBe(4);
    expect(body.neighbours.examples).toEqual([
      {
        municipalityName: 'Gemeente Polderveen',
        title: 'Schoonmaak stadskantoor en bibliotheek',
        year: lastYear,
        contact: {
          displayName: 'Sanne de Vries',
          chatUrl: `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(sanne.upn)}`,
        },
      },
    ]);
    // Rietmond shares counts: its titles do not cross over, even to a municipality sharing details.
    expect(JSON.stringify(body)).not.toContain('Schoonmaak gemeentelijke gebouwen');

    // Polderveen sees Havendam's recorded cleaning with Ingrid as contact, and Rietmond's counts.
    const polderveen = await advice(sanne.upn);
    expect(polderveen.neighbours.tenders).toBe(4); // Havendam 1, Rietmond 3
    expect(polderveen.neighbours.examples.map((e: any) => [e.municipalityName, e.title])).toEqual([
      ['Gemeente Havendam', 'Schoonmaak sporthallen en zwembad'],
    ]);
    expect(polderveen.neighbours.examples[0].contact.displayName).toBe('Ingrid Bakker');

    // Rietmond shares counts: it sees counts of both, no titles, no people.
    const rietmond = await advice(fatma.upn);
    expect(rietmond.neighbours).toMatchObject({ sharing: 'counts', tenders: 2, examples: [] });
    expect(JSON.stringify(rietmond)).not.toMatch(/Ingrid|Sanne|sporthallen|bibliotheek/);
  });

  it('keeps a municipality that shares nothing out, and shows it nothing in return', async () => {
    expect((await share(fatma.upn, { level: 'none' })).status).toBe(200);
    const rietmond = await advice(fatma.upn);
    expect(rietmond.neighbours).toMatchObject({ sharing: 'none', tenders: 0, examples: [] });
    expect(rietmond.neighbours.sentence).toBe('De aanbestedingen van de buren worden niet getoond.');
    expect(rietmond.neighbours.reciprocity).toMatch(/^Uw gemeente deelt niets met de regio/);
    // Havendam no longer sees Rietmond's three: only Polderveen's one.
    const havendam = await advice(pieter.upn);
    expect(havendam.neighbours).toMatchObject({ tenders: 1, municipalities: 1 });
  });

  it('keeps the summary up to date when a tender’s MVI is recorded or what it is about changes', async () => {
    const admin = await token(ingrid.upn);
    const year = new Date().getFullYear();
    const created = await call('POST', '/tenders', admin, {
      reference: 'N-1',
      title: 'Schoonmaak brandweerkazerne',
      cpv: ['90910000'],
      estimatedValueEur: 300_000,
      commissioningManager: { upn: pieter.upn },
      kickoffDate: `${year}-01-15`,
      status: 'published',
    });
    expect(created.status).toBe(201);
    // Not recorded yet: Polderveen still sees Havendam's one cleaning tender.
    expect((await advice(sanne.upn)).neighbours.tenders).toBe(1);
    const recorded = await call('PUT', '/tenders/N-1/mvi', admin, {
      appliedCriteria: ['cleaning.chemical-reduction'],
      socialReturn: { applied: false },
      realisation: 'realised',
    });
    expect(recorded.status).toBe(200);
    const after = await advice(sanne.upn);
    expect(after.neighbours.tenders).toBe(2);
    expect(after.neighbours.examples.map((e: any) => e.title)).toContain('Schoonmaak brandweerkazerne');

    // The tender turns out to be about catering: it leaves cleaning and joins catering.
    const edited = await call('PUT', '/tenders/N-1', admin, {
      reference: 'N-1',
      title: 'Catering brandweerkazerne',
      cpv: ['55520000'],
      estimatedValueEur: 300_000,
      commissioningManager: { upn: pieter.upn },
      kickoffDate: `${year}-01-15`,
      status: 'published',
    });
    expect(edited.status).toBe(200);
    expect((await advice(sanne.upn)).neighbours.tenders).toBe(1);
    const catering = await advice(sanne.upn, 'Catering stadskantoor', 200_000);
    expect(catering.neighbours.examples.map((e: any) => e.title)).toContain('Catering brandweerkazerne');
  });

  it('gives monitoring a region view per product group, naming only municipalities that share details', async () => {
    // Now: Havendam and Polderveen share details, Rietmond nothing.
    const view = await call('GET', '/monitoring/region/groups', await token(ingrid.upn));
    expect(view.status).toBe(200);
    const cleaning = view.body.groups.find((g: any) => g.productGroupId === 'cleaning');
    expect(cleaning).toMatchObject({ tenders: 2, withMvi: 2, share: 1, unnamed: 0 });
    expect(cleaning.municipalities.map((m: any) => [m.name, m.tenders])).toEqual([
      ['Gemeente Havendam', 1],
      ['Gemeente Polderveen', 1],
    ]);
    expect(JSON.stringify(view.body)).not.toContain('Rietmond');
    // Rietmond's board, sharing nothing, sees its own records only.
    const rietmond = await call(
      'GET',
      '/monitoring/region/groups',
      await token('joris.vandijk@rietmond.example'),
    );
    expect(rietmond.body.groups.find((g: any) => g.productGroupId === 'cleaning')).toMatchObject({
      tenders: 3,
      municipalities: [{ name: 'Gemeente Rietmond', tenders: 3 }],
    });
    expect(JSON.stringify(rietmond.body)).not.toMatch(/Havendam|Polderveen/);
    expect((await call('GET', '/monitoring/region/groups', await token(pieter.upn))).status).toBe(403);
  });

  it('gives no neighbours block when no product group fits', async () => {
    const body = (
      await call('POST', '/advice', await token(pieter.upn), {
        title: 'Begrafenisdiensten',
        cpv: ['98370000'],
      })
    ).body;
    expect(body.neighbours).toBeNull();
    // And none when the caller asks for the advice alone.
    const alone = await fetch(`${stack().urls.api}/advice?neighbours=false`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token(pieter.upn)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Schoonmaak gemeentehuis', estimatedValueEur: 400_000 }),
    });
    const aloneBody = (await alone.json()) as any;
    expect(aloneBody.productGroups[0].id).toBe('cleaning');
    expect(aloneBody.neighbours).toBeNull();
  });
});
