/**
 * The tender pipeline through the API: create, edit, archive, the CSV import of a
 * procurement plan and the app-only API for other systems, against the real local stack
 * and the Graph simulator (managers given by e-mail are looked up in Entra ID).
 */
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../scripts/dev/demo-data.js';
import { DIRECTORY, useNudgeWorld } from './support/nudges.js';

const ingrid = DEMO_USERS.find((u) => u.upn.startsWith('ingrid'))!;
const pieter = DEMO_USERS.find((u) => u.upn.startsWith('pieter'))!;
const mohamed = DEMO_USERS.find((u) => u.upn.startsWith('mohamed'))!;
const eva = DIRECTORY.find((u) => u.userPrincipalName.startsWith('eva'))!;

const CONTRACT_REGISTER = '1c9e4f2a-7b3d-4e5f-8a6b-9c0d1e2f3a4b';
const REGIONAL_BROKER = '2d0f5a3b-8c4e-4f60-9b7c-0d1e2f3a4b5c';
const UNKNOWN_APP = '3e1a6b4c-9d5f-4a71-8c8d-1e2f3a4b5c6d';

describe('the tender pipeline', () => {
  const w = useNudgeWorld({
    env: { TENDER_API_CLIENTS: `${CONTRACT_REGISTER}=havendam,${REGIONAL_BROKER}=havendam|rietmond` },
  });
  const body = (reference: string, extra: Record<string, unknown> = {}) => ({
    reference,
    title: 'Vervanging openbare verlichting door LED',
    cpv: ['34993000'],
    estimatedValueEur: 1_250_000,
    commissioningManager: { upn: eva.userPrincipalName },
    kickoffDate: '2027-05-03',
    ...extra,
  });

  it('creates a tender, looks the manager up in Entra ID and plans its nudges', async () => {
    const token = await w.token(ingrid.upn);
    const created = await w.api('POST', '/tenders', token, body('P-001'));
    expect(created.status).toBe(201);
    expect(created.body.tender).toMatchObject({
      municipalityId: 'havendam',
      reference: 'P-001',
      commissioningManager: { userId: eva.id, upn: eva.userPrincipalName, displayName: 'Eva Dekker' },
      status: 'planned',
      source: 'api',
    });
    expect(created.body.nudges.map((n: any) => [n.stage, n.dueAt, n.status])).toEqual([
      ['prepare', '2027-04-02T07:00:00.000Z', 'scheduled'],
      ['criteria', '2027-04-19T07:00:00.000Z', 'scheduled'],
      ['kickoff', '2027-04-28T07:00:00.000Z', 'scheduled'],
    ]);
    const lookups = w.graph().requests.filter((r) => r.method === 'GET' && r.path.startsWith('/users/'));
    expect(lookups.map((r) => decodeURIComponent(r.path))).toContain(`/users/${eva.userPrincipalName}`);
  });

  it('refuses a manager who is not in Entra ID, in Dutch', async () => {
    const token = await w.token(ingrid.upn);
    const response = await w.api(
      'POST',
      '/tenders',
      token,
      body('P-002', { commissioningManager: { upn: 'niemand@havendam.example' } }),
    );
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      'Opdrachtgever niemand@havendam.example is niet gevonden in Entra ID.',
    );
    expect((await w.api('GET', '/tenders/P-002', token)).status).toBe(404);
  });

  it('refuses a duplicate reference and invalid input with every reason', async () => {
    const token = await w.token(ingrid.upn);
    expect((await w.api('POST', '/tenders', token, body('P-001'))).status).toBe(409);
    const invalid = await w.api('POST', '/tenders', token, {
      reference: 'x',
      title: '',
      kickoffDate: '30-02-2027',
      commissioningManager: {},
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^reference:/),
        expect.stringMatching(/^title:/),
        expect.stringMatching(/^kickoffDate:/),
        expect.stringMatching(/^commissioningManager:/),
      ]),
    );
  });

  it('lets buyers and the MVI team manage tenders, and nobody else', async () => {
    const employee = await w.token(pieter.upn);
    expect((await w.api('POST', '/tenders', employee, body('P-003'))).status).toBe(403);
    const buyer = await w.token(mohamed.upn);
    expect((await w.api('POST', '/tenders', buyer, body('P-003'))).status).toBe(201);
    // Another municipality's MVI team does not see it.
    const otherAdmin = await w.token('sanne.devries@polderveen.example', ['mvi-admin']);
    expect((await w.api('GET', '/tenders/P-003', otherAdmin)).status).toBe(404);
    // Nor does an employee who does not commission it.
    expect((await w.api('GET', '/tenders/P-003', employee)).status).toBe(404);
  });

  it('shows a tender with the engine’s advice for it', async () => {
    const token = await w.token(ingrid.upn);
    const detail = await w.api('GET', '/tenders/P-001', token);
    expect(detail.status).toBe(200);
    expect(detail.headers.get('etag')).toBeTruthy();
    expect(detail.body.advice.productGroups[0].name).toBe('Openbare verlichting');
    expect(detail.body.advice.thresholds.aboveEuThreshold).toBe(true);
    expect(detail.body.snoozedUntil).toBeNull();
  });

  it('shows the nudge plan of a tender the timer has not planned yet', async () => {
    // T-2026-014 was seeded straight into storage; the timer has not run.
    expect(await w.nudges('T-2026-014')).toEqual([]);
    const detail = await w.api('GET', '/tenders/T-2026-014', await w.token(pieter.upn));
    expect(detail.status).toBe(200);
    expect(detail.body.nudges.map((n: any) => [n.stage, n.status, n.recipient.displayName])).toEqual([
      ['prepare', 'scheduled', 'Pieter Jansen'],
      ['criteria', 'scheduled', 'Pieter Jansen'],
      ['kickoff', 'scheduled', 'Pieter Jansen'],
    ]);
  });

  it('re-plans pending nudges when the kickoff date moves, and keeps what was sent', async () => {
    const token = await w.token(ingrid.upn);
    w.clock.set('2027-04-02T07:30:00Z');
    await w.stack().host!.runTimer('nudges-dispatch');
    await w.queueDrained();
    expect(await w.nudge('P-001', 'prepare')).toMatchObject({ status: 'delivered' });

    const { headers } = await w.api('GET', '/tenders/P-001', token);
    const moved = await w.api('PUT', '/tenders/P-001', token, body('P-001', { kickoffDate: '2027-06-07' }), {
      'if-match': headers.get('etag')!,
    });
    expect(moved.status).toBe(200);
    const nudges = await w.nudges('P-001');
    expect(nudges.find((n) => n.stage === 'prepare')).toMatchObject({
      status: 'delivered',
      kickoffDate: '2027-05-03',
    });
    expect(nudges.find((n) => n.stage === 'criteria')).toMatchObject({
      status: 'scheduled',
      kickoffDate: '2027-06-07',
      dueAt: '2027-05-24T07:00:00.000Z',
    });
    expect(nudges.find((n) => n.stage === 'kickoff')).toMatchObject({
      status: 'scheduled',
      dueAt: '2027-06-02T07:00:00.000Z',
    });

    // An edit based on the old version is refused instead of overwriting.
    const stale = await w.api('PUT', '/tenders/P-001', token, body('P-001', { title: 'Oud' }), {
      'if-match': headers.get('etag')!,
    });
    expect(stale.status).toBe(409);
  });

  it('archiving cancels the pending nudges and hides the tender from the list', async () => {
    const token = await w.token(ingrid.upn);
    const archived = await w.api('POST', '/tenders/P-003/archive', token);
    expect(archived.body.tender.status).toBe('archived');
    const nudges = await w.nudges('P-003');
    // The prepare nudge went out on 2 April; what had not been sent is cancelled.
    expect(Object.fromEntries(nudges.map((n) => [n.stage, [n.status, n.reason ?? null]]))).toEqual({
      prepare: ['delivered', null],
      criteria: ['cancelled', 'archived'],
      kickoff: ['cancelled', 'archived'],
    });
    const list = await w.api('GET', '/tenders', token);
    expect(list.body.tenders.map((t: any) => t.reference)).not.toContain('P-003');
    expect(
      (await w.api('GET', '/tenders?archived=true', token)).body.tenders.map((t: any) => t.reference),
    ).toContain('P-003');

    w.clock.set('2027-04-28T08:00:00Z');
    const sent = w.graph().notifications.length;
    await w.stack().host!.runTimer('nudges-dispatch');
    await w.queueDrained();
    expect(
      w
        .graph()
        .notifications.slice(sent)
        .filter((n) => n.topic.value.startsWith('P-003')),
    ).toEqual([]);
  });

  it('lets the MVI team change the nudge plan, which re-plans pending nudges', async () => {
    const token = await w.token(ingrid.upn);
    const current = await w.api('GET', '/nudges/plan', token);
    expect(current.body).toMatchObject({
      isDefault: true,
      plan: {
        stages: [
          { stage: 'prepare', before: 30 },
          { stage: 'criteria', before: 14 },
          { stage: 'kickoff', before: 3, unit: 'working-days' },
        ],
      },
    });
    const plan = {
      ...current.body.plan,
      stages: current.body.plan.stages.map((s: any) => (s.stage === 'kickoff' ? { ...s, before: 5 } : s)),
    };
    expect((await w.api('PUT', '/nudges/plan', await w.token(pieter.upn), plan)).status).toBe(403);
    const bad = await w.api('PUT', '/nudges/plan', token, {
      ...plan,
      officeHours: { start: '18:00', end: '08:00' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/Het nudgeplan klopt niet/);
    expect((await w.api('PUT', '/nudges/plan', token, plan)).status).toBe(200);
    // P-001 kicks off on Monday 7 June: 5 working days before is Monday 31 May.
    expect(await w.nudge('P-001', 'kickoff')).toMatchObject({
      status: 'scheduled',
      dueAt: '2027-05-31T07:00:00.000Z',
    });
    expect((await w.api('PUT', '/nudges/plan', token, current.body.plan)).status).toBe(200);
  });

  describe('importing the procurement plan', () => {
    const plan = [
      'Referentie;Titel;Omschrijving;CPV;Geraamde waarde;Startdatum;Opdrachtgever;Status',
      'IP-2027-01;Catering stadskantoor;Koffie en lunch;55520000;€ 95.000,00;07-06-2027;eva.dekker@havendam.example;gepland',
      'IP-2027-02;Laptops medewerkers;;30213100;180.000;14 juni 2027;Sem Bos <sem.bos@havendam.example>;in voorbereiding',
      'IP-2027-03;Groenonderhoud;;77310000;€ 250.000;21-06-2027;pieter.jansen@havendam.example;',
    ].join('\n');
    const bad = `${plan}\nIP-2027-04;Wegonderhoud;;45233141;veel;31-02-2027;onbekend@havendam.example;\nIP-2027-01;Dubbel;;;;01-07-2027;eva.dekker@havendam.example;`;

    it('reports row by row in a dry run and writes nothing', async () => {
      const token = await w.token(ingrid.upn);
      const response = await w.api('POST', '/tenders/import?dryRun=true', token, bad);
      expect(response.status).toBe(200);
      expect(response.body.summary).toEqual({
        rows: 5,
        accepted: 3,
        rejected: 2,
        create: 3,
        update: 0,
        unchanged: 0,
      });
      expect(response.body.rows.map((r: any) => [r.line, r.reference, r.status, r.action])).toEqual([
        [2, 'IP-2027-01', 'accepted', 'create'],
        [3, 'IP-2027-02', 'accepted', 'create'],
        [4, 'IP-2027-03', 'accepted', 'create'],
        [5, 'IP-2027-04', 'rejected', null],
        [6, 'IP-2027-01', 'rejected', null],
      ]);
      expect(response.body.rows[3].errors).toEqual([
        '“31-02-2027” is geen geldige startdatum (bijvoorbeeld 15-03-2027).',
        '“veel” is geen bedrag.',
      ]);
      expect(response.body.rows[4].errors).toEqual(['Referentie IP-2027-01 staat ook op regel 2.']);
      expect((await w.api('GET', '/tenders/IP-2027-01', token)).status).toBe(404);
    });

    it('answers in English when asked', async () => {
      const token = await w.token(ingrid.upn);
      const response = await w.api('POST', '/tenders/import?dryRun=true', token, bad, {
        'accept-language': 'en',
      });
      expect(response.body.rows[3].errors).toEqual([
        '“31-02-2027” is not a valid start date (for example 15-03-2027).',
        '“veel” is not an amount.',
      ]);
    });

    it('imports nothing at all when any row is rejected', async () => {
      const token = await w.token(ingrid.upn);
      const response = await w.api('POST', '/tenders/import', token, bad);
      expect(response.status).toBe(422);
      expect(response.body.error.message).toMatch(/Er is niets geïmporteerd/);
      expect(response.body.report.imported).toBe(false);
      for (const reference of ['IP-2027-01', 'IP-2027-02', 'IP-2027-03'])
        expect((await w.api('GET', `/tenders/${reference}`, token)).status).toBe(404);
    });

    it('rejects a row whose manager is not in Entra ID, found through one JSON batch', async () => {
      const token = await w.token(ingrid.upn);
      const before = w.graph().requests.length;
      const response = await w.api(
        'POST',
        '/tenders/import?dryRun=true',
        token,
        `${plan}\nIP-2027-05;Wegonderhoud;;;;05-07-2027;onbekend@havendam.example;`,
      );
      expect(response.body.rows[3]).toMatchObject({
        status: 'rejected',
        errors: ['Opdrachtgever onbekend@havendam.example is niet gevonden in Entra ID.'],
      });
      const calls = w.graph().requests.slice(before);
      const envelope = calls.find((r) => r.path === '/$batch')!;
      expect((envelope.body as any).requests).toHaveLength(4);
      expect(
        calls
          .filter((r) => r.batch?.seq === envelope.seq)
          .map((r) => r.status)
          .sort(),
      ).toEqual([200, 200, 200, 404]);
    });

    it('imports a clean file whole, and a second import of the same file changes nothing', async () => {
      const token = await w.token(ingrid.upn);
      const first = await w.api('POST', '/tenders/import', token, plan);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ imported: true, summary: { create: 3, update: 0, unchanged: 0 } });
      const imported = await w.api('GET', '/tenders/IP-2027-02', token);
      expect(imported.body.tender).toMatchObject({
        estimatedValueEur: 180_000,
        kickoffDate: '2027-06-14',
        status: 'preparing',
        source: 'csv',
        commissioningManager: { displayName: 'Sem Bos' },
      });
      expect(imported.body.nudges).toHaveLength(3);

      const again = await w.api('POST', '/tenders/import', token, plan);
      expect(again.body).toMatchObject({ imported: true, summary: { create: 0, update: 0, unchanged: 3 } });
      const changed = await w.api('POST', '/tenders/import', token, plan.replace('07-06-2027', '14-06-2027'));
      expect(changed.body.summary).toMatchObject({ create: 0, update: 1, unchanged: 2 });
      const list = await w.api('GET', '/tenders', token);
      expect(list.body.tenders.filter((t: any) => t.reference.startsWith('IP-2027'))).toHaveLength(3);
      expect((await w.nudge('IP-2027-01', 'criteria'))!.kickoffDate).toBe('2027-06-14');
    });

    it('refuses a file without the required columns, and people without the role', async () => {
      const token = await w.token(ingrid.upn);
      const response = await w.api('POST', '/tenders/import', token, 'Titel;Waarde\nIets;100');
      expect(response.status).toBe(422);
      expect(response.body.report.problems).toContain(
        'De kolom “referentie”, “kenmerk”, “nummer” ontbreekt.',
      );
      expect((await w.api('POST', '/tenders/import', await w.token(pieter.upn), plan)).status).toBe(403);
    });
  });

  describe('the API for other systems (app-only)', () => {
    const tenders = [
      {
        reference: 'CR-001',
        title: 'Schoonmaak sporthal',
        cpv: ['90910000'],
        commissioningManager: { upn: eva.userPrincipalName },
        kickoffDate: '2027-07-05',
      },
      {
        reference: 'CR-002',
        title: 'Bedrijfskleding',
        commissioningManager: { userId: pieter.id },
        kickoffDate: '2027-07-12',
      },
    ];
    const post = (token: string, payload: unknown) => w.api('POST', '/integrations/tenders', token, payload);

    it('accepts an app token with the role, for the municipality the app is linked to', async () => {
      const token = await w.stack().idp.issueApp(CONTRACT_REGISTER, { appRoles: ['Tenders.ReadWrite.All'] });
      const response = await post(token, { tenders });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        municipalityId: 'havendam',
        results: [
          { reference: 'CR-001', action: 'create' },
          { reference: 'CR-002', action: 'create' },
        ],
      });
      const again = await post(token, {
        tenders: [{ ...tenders[0], kickoffDate: '2027-07-19' }, tenders[1]],
      });
      expect(again.body.results).toEqual([
        { reference: 'CR-001', action: 'update' },
        { reference: 'CR-002', action: 'unchanged' },
      ]);
      const stored = await w.stack().services.nudges.tenders.get('havendam', 'CR-002');
      expect(stored!.value).toMatchObject({
        source: 'integration',
        commissioningManager: { userId: pieter.id, upn: pieter.upn, displayName: 'Pieter Jansen' },
      });
      expect(await w.nudges('CR-001')).toHaveLength(3);
    });

    it('refuses a user token, even of the MVI team', async () => {
      const response = await post(await w.token(ingrid.upn), { tenders });
      expect(response.status).toBe(403);
      expect(response.body.error.message).toMatch(/alleen app-tokens/);
    });

    it('refuses an app token without the role, from an app not linked, or for another municipality', async () => {
      const noRole = await w.stack().idp.issueApp(CONTRACT_REGISTER, { appRoles: ['Something.Else'] });
      expect((await post(noRole, { tenders })).body.error.message).toBe(
        'Het app-token mist de rol Tenders.ReadWrite.All.',
      );
      const unknown = await w.stack().idp.issueApp(UNKNOWN_APP, { appRoles: ['Tenders.ReadWrite.All'] });
      expect((await post(unknown, { tenders })).status).toBe(403);
      const register = await w
        .stack()
        .idp.issueApp(CONTRACT_REGISTER, { appRoles: ['Tenders.ReadWrite.All'] });
      expect((await post(register, { municipalityId: 'rietmond', tenders })).status).toBe(403);
      expect((await post('not-a-token', { tenders })).status).toBe(401);
    });

    it('needs the municipality when the app writes for several, and writes all or nothing', async () => {
      const broker = await w.stack().idp.issueApp(REGIONAL_BROKER, { appRoles: ['Tenders.ReadWrite.All'] });
      expect((await post(broker, { tenders })).status).toBe(400);
      const mixed = await post(broker, {
        municipalityId: 'rietmond',
        tenders: [
          { ...tenders[0], reference: 'RB-001' },
          { ...tenders[1], reference: 'RB-002', commissioningManager: { upn: 'niemand@rietmond.example' } },
        ],
      });
      expect(mixed.status).toBe(400);
      expect(mixed.body.error.details).toEqual([
        'RB-002: Commissioning manager niemand@rietmond.example was not found in Entra ID.',
      ]);
      expect(await w.stack().services.nudges.tenders.get('rietmond', 'RB-001')).toBeUndefined();
      const ok = await post(broker, {
        municipalityId: 'rietmond',
        tenders: [{ ...tenders[0], reference: 'RB-001' }],
      });
      expect(ok.body).toEqual({
        municipalityId: 'rietmond',
        results: [{ reference: 'RB-001', action: 'create' }],
      });
    });
  });
});
