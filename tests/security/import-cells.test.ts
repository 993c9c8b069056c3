/**
 * A plan import with hostile cells: a 128 KB cell that made the old e-mail pattern run for
 * 15 s is refused on its row, before any pattern reads it, and the backend keeps answering.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../scripts/dev/demo-data.js';
import { useStack } from '../support/stack.js';

const ingrid = DEMO_USERS.find((u) => u.upn.startsWith('ingrid'))!;

describe('the plan import caps its cells', () => {
  const stack = useStack();

  it('refuses a 128 KB cell on its row while /api/health keeps answering', async () => {
    const token = await stack().idp.issue(ingrid.upn);
    const hostile = `x@${'a.'.repeat(64_000)} b`;
    const header = 'Referentie;Titel;CPV;Geraamde waarde;Startdatum;Opdrachtgever;Status';
    // Ten such cells: minutes of work for a quadratic pattern, so the test cannot pass by waiting.
    const rows = Array.from(
      { length: 10 },
      (_, i) => `H-${i};Schoonmaak;90910000;100.000;03-05-2027;${hostile};gepland`,
    );
    const importing = fetch(`${stack().urls.api}/tenders/import?dryRun=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: [header, ...rows].join('\n'),
    });
    const health = await fetch(`${stack().urls.api}/health`);
    expect(health.status).toBe(200);
    const response = await importing;
    expect(response.status).toBe(200);
    const report = (await response.json()) as any;
    expect(report.summary).toMatchObject({ rows: 10, rejected: 10, accepted: 0 });
    for (const row of report.rows) {
      expect(row.errors).toContain('De cel in kolom “Opdrachtgever” is langer dan 4.000 tekens.');
    }
    // And a real import of the same file writes nothing.
    const real = await fetch(`${stack().urls.api}/tenders/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'accept-language': 'en' },
      body: [header, ...rows].join('\n'),
    });
    expect(real.status).toBe(422);
    const refused = (await real.json()) as any;
    expect(refused.report.rows[0].errors).toContain(
      'The cell in column “Opdrachtgever” is longer than 4,000 characters.',
    );
  });
});
