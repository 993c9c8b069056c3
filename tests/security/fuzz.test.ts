/**
 * Property-based fuzzing of every write endpoint of the registry against the real stack
 * (see support/fuzz.ts): no 5xx, and a refused write changes nothing the API reads back.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../scripts/dev/demo-data.js';
import { DIRECTORY, useNudgeWorld } from '../support/nudges.js';
import { fuzzWriteRoutes, writeRoutes } from './support/fuzz.js';

const ingrid = DEMO_USERS.find((u) => u.upn.startsWith('ingrid'))!;
const eva = DIRECTORY.find((u) => u.userPrincipalName.startsWith('eva'))!;
const CONTRACT_REGISTER = '1c9e4f2a-7b3d-4e5f-8a6b-9c0d1e2f3a4b';

describe('fuzzing every write endpoint', () => {
  const w = useNudgeWorld({ env: { TENDER_API_CLIENTS: `${CONTRACT_REGISTER}=havendam` } });

  it('covers every POST and PUT route of the registry', () => {
    const routes = writeRoutes().map((r) => `${r.methods.join(',')} ${r.route}`);
    expect(routes).toContain('POST tenders');
    expect(routes).toContain('POST messages');
    expect(routes.length).toBeGreaterThan(20);
  });

  it(
    'answers no random request with a 5xx, and a refused one changes nothing',
    { timeout: 120_000 },
    async () => {
      const person = await w.token(ingrid.upn);
      const app = await w.stack().idp.issueApp(CONTRACT_REGISTER, { appRoles: ['Tenders.ReadWrite.All'] });
      const tender = await w.api('POST', '/tenders', person, {
        reference: 'FZ-1',
        title: 'Te bewaren aanbesteding',
        cpv: ['90910000'],
        commissioningManager: { upn: eva.userPrincipalName },
        kickoffDate: '2027-05-03',
      });
      expect(tender.status).toBe(201);
      const session = await w.api('POST', '/sessions', person, {
        type: 'lunch-lecture',
        title: 'Te bewaren sessie',
        start: '2027-03-09T12:00:00+01:00',
        end: '2027-03-09T13:00:00+01:00',
        location: 'Zaal 1',
        regionWide: false,
        capacity: 10,
      });
      expect(session.status).toBe(201);
      const result = await fuzzWriteRoutes({
        apiUrl: w.stack().urls.api,
        tokens: [person, person, app],
        knownIds: ['FZ-1', session.body.id, ingrid.id, 'prepare', 'circulair-meubilair'],
        runsPerRoute: 10,
        seed: 15,
        skipReads: [
          'health',
          'catalogue',
          'monitoring',
          'monitoring/region',
          'reports/reach',
          'nudges/status',
        ],
      });
      expect(result.failures).toEqual([]);
      expect(result.correct).toBe(result.tried);
      expect(result.tried).toBeGreaterThan(200);
      // What was stored before the fuzzing reads back as it was (a refused write changed nothing).
      const after = await w.api('GET', '/tenders/FZ-1', person);
      expect(after.body.tender).toMatchObject({ reference: 'FZ-1', title: tender.body.tender.title });
    },
  );
});
