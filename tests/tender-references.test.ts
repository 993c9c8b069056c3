/**
 * A tender reference is one identity whatever its case: in the API, the CSV import and the
 * app-only integration upsert, against the real local stack. The reference is shown as it
 * was first written.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../scripts/dev/demo-data.js';
import { TABLES } from '../functions/src/storage/storage.js';
import { DIRECTORY, useNudgeWorld } from './support/nudges.js';

const ingrid = DEMO_USERS.find((u) => u.upn.startsWith('ingrid'))!;
const eva = DIRECTORY.find((u) => u.userPrincipalName.startsWith('eva'))!;
const CONTRACT_REGISTER = '1c9e4f2a-7b3d-4e5f-8a6b-9c0d1e2f3a4b';

const HEADER = 'Referentie;Titel;CPV;Geraamde waarde;Startdatum;Opdrachtgever;Status';
const row = (reference: string, title: string) =>
  `${reference};${title};90910000;100.000;03-05-2027;${eva.userPrincipalName};gepland`;

describe('tender references ignore case', () => {
  const w = useNudgeWorld({ env: { TENDER_API_CLIENTS: `${CONTRACT_REGISTER}=havendam` } });
  const tender = (reference: string, title = 'Schoonmaak gemeentehuis') => ({
    reference,
    title,
    cpv: ['90910000'],
    estimatedValueEur: 100_000,
    commissioningManager: { upn: eva.userPrincipalName },
    kickoffDate: '2027-05-03',
  });
  const references = async (token: string, key: string) =>
    (await w.api('GET', '/tenders', token)).body.tenders
      .map((t: any) => t.reference)
      .filter((r: string) => r.toLowerCase() === key);

  it('refuses CASE-REF beside case-ref in the API, and finds it by either spelling', async () => {
    const token = await w.token(ingrid.upn);
    expect((await w.api('POST', '/tenders', token, tender('CASE-REF'))).status).toBe(201);
    const again = await w.api('POST', '/tenders', token, tender('case-ref'));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('Er is al een aanbesteding met referentie case-ref.');
    const found = await w.api('GET', '/tenders/case-ref', token);
    expect(found.status).toBe(200);
    expect(found.body.tender.reference).toBe('CASE-REF');
    const edited = await w.api('PUT', '/tenders/case-ref', token, tender('case-ref', 'Schoonmaak raadhuis'));
    expect(edited.status).toBe(200);
    expect(edited.body.tender).toMatchObject({ reference: 'CASE-REF', title: 'Schoonmaak raadhuis' });
    expect(await references(token, 'case-ref')).toEqual(['CASE-REF']);
  });

  it('imports ONE-REF then one-ref as one tender, reported as an update', async () => {
    const token = await w.token(ingrid.upn);
    const first = await w.api('POST', '/tenders/import', token, `${HEADER}\n${row('ONE-REF', 'Catering')}\n`);
    expect(first.status).toBe(200);
    expect(first.body.rows.map((r: any) => r.action)).toEqual(['create']);
    const csv = `${HEADER}\n${row('one-ref', 'Catering raadsvergaderingen')}\n`;
    const dry = await w.api('POST', '/tenders/import?dryRun=true', token, csv);
    expect(dry.body.rows.map((r: any) => r.action)).toEqual(['update']);
    const second = await w.api('POST', '/tenders/import', token, csv);
    expect(second.status).toBe(200);
    expect(second.body.summary).toMatchObject({ create: 0, update: 1 });
    expect(await references(token, 'one-ref')).toEqual(['ONE-REF']);
    expect((await w.api('GET', '/tenders/ONE-REF', token)).body.tender.title).toBe(
      'Catering raadsvergaderingen',
    );
  });

  it('upserts INT-REF and int-ref from another system as one tender', async () => {
    const app = await w.stack().idp.issueApp(CONTRACT_REGISTER, { appRoles: ['Tenders.ReadWrite.All'] });
    const post = (reference: string, title: string) =>
      w.api('POST', '/integrations/tenders', app, {
        tenders: [tender(reference, title)],
      });
    expect((await post('INT-REF', 'Groenonderhoud')).body.results).toEqual([
      { reference: 'INT-REF', action: 'create' },
    ]);
    expect((await post('int-ref', 'Groenonderhoud wijk Oost')).body.results).toEqual([
      { reference: 'int-ref', action: 'update' },
    ]);
    const token = await w.token(ingrid.upn);
    expect(await references(token, 'int-ref')).toEqual(['INT-REF']);
  });

  it('still finds a tender stored before references were case-folded', async () => {
    const token = await w.token(ingrid.upn);
    const services = w.stack().services;
    const legacy = await w.api('POST', '/tenders', token, tender('OLD-REF'));
    expect(legacy.status).toBe(201);
    // Rewrite the row as the earlier code stored it: keyed by the reference as typed.
    const table = services.storage.table(TABLES.tenders);
    for await (const entity of table.listEntities<{ data: string }>({
      queryOptions: { filter: "PartitionKey eq 'havendam'" },
    })) {
      if (JSON.parse(entity.data).reference !== 'OLD-REF') continue;
      await table.deleteEntity(entity.partitionKey!, entity.rowKey!);
      await table.createEntity({ partitionKey: 'havendam', rowKey: 'OLD-REF', data: entity.data });
    }
    for (const spelling of ['OLD-REF', 'old-ref'])
      expect((await w.api('GET', `/tenders/${spelling}`, token)).body.tender?.reference).toBe('OLD-REF');
    expect((await w.api('POST', '/tenders', token, tender('old-ref'))).status).toBe(409);
    const edited = await w.api('PUT', '/tenders/old-ref', token, tender('old-ref', 'Schoonmaak wijkkantoor'));
    expect(edited.status).toBe(200);
    expect(await references(token, 'old-ref')).toEqual(['OLD-REF']);
  });
});
