/**
 * MVI monitoring through the API: a project records which criteria went into its tender,
 * and the MVI team and the board read the year's report and take it to the board as a Word
 * document, against the real local stack.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../scripts/dev/demo-data.js';
import { DIRECTORY, useNudgeWorld } from './support/nudges.js';

const ingrid = DEMO_USERS.find((u) => u.upn.startsWith('ingrid'))!;
const mohamed = DEMO_USERS.find((u) => u.upn.startsWith('mohamed'))!;
const pieter = DEMO_USERS.find((u) => u.upn.startsWith('pieter'))!;
const eva = DIRECTORY.find((u) => u.userPrincipalName.startsWith('eva'))!;

describe('MVI monitoring', () => {
  // Today is 2 March 2027; the tenders are of 2025, a year the demo data leaves empty.
  const w = useNudgeWorld();
  const tender = (
    reference: string,
    title: string,
    cpv: string,
    value: number,
    kickoffDate: string,
    status: string,
  ) => ({
    reference,
    title,
    cpv: [cpv],
    estimatedValueEur: value,
    commissioningManager: { upn: eva.userPrincipalName },
    kickoffDate,
    status,
  });

  it('records the MVI of a tender, refusing criteria that do not exist and people who may not', async () => {
    const admin = await w.token(ingrid.upn);
    for (const t of [
      tender('M-1', 'Schoonmaak gemeentehuis', '90910000', 400_000, '2025-01-11', 'published'),
      tender('M-2', 'Laptops voor medewerkers', '30213100', 180_000, '2025-02-01', 'published'),
      tender('M-3', 'Onderhoud groen wijk Oost', '77310000', 120_000, '2025-02-15', 'awarded'),
      tender('M-4', 'Catering raadsvergaderingen', '55520000', 60_000, '2025-11-01', 'planned'),
    ]) {
      expect((await w.api('POST', '/tenders', admin, t)).status).toBe(201);
    }
    const buyer = await w.token(mohamed.upn);

    const unknown = await w.api('PUT', '/tenders/M-1/mvi', buyer, {
      appliedCriteria: ['cleaning.ecolabel-products', 'cleaning.bestaat-niet'],
      socialReturn: { applied: false },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe(
      'Deze criteria bestaan niet in de MVI-catalogus: cleaning.bestaat-niet.',
    );

    const noReason = await w.api('PUT', '/tenders/M-3/mvi', buyer, {
      appliedCriteria: [],
      socialReturn: { applied: false },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/waarom MVI in deze aanbesteding ontbreekt/);

    // An employee who does not commission the tender cannot see it, let alone record it.
    expect(
      (
        await w.api('PUT', '/tenders/M-1/mvi', await w.token(pieter.upn), {
          appliedCriteria: ['cleaning.ecolabel-products'],
          socialReturn: { applied: false },
        })
      ).status,
    ).toBe(404);

    const saved = await w.api('PUT', '/tenders/M-1/mvi', buyer, {
      appliedCriteria: ['cleaning.ecolabel-products', 'cleaning.good-employment', 'cleaning.social-return'],
      socialReturn: { applied: true, percentage: 5 },
      results: 'Vier mensen met afstand tot de arbeidsmarkt aan het werk.',
    });
    expect(saved.status).toBe(200);
    expect(saved.body.tender.mvi).toMatchObject({
      appliedCriteria: ['cleaning.ecolabel-products', 'cleaning.good-employment', 'cleaning.social-return'],
      socialReturn: { applied: true, percentage: 5 },
      realisation: 'not-yet',
    });

    // An edit guarded by an old ETag does not overwrite the record.
    const stale = await w.api(
      'PUT',
      '/tenders/M-1/mvi',
      buyer,
      { appliedCriteria: ['cleaning.ecolabel-products'], socialReturn: { applied: false } },
      { 'if-match': 'W/"old"' },
    );
    expect(stale.status).toBe(409);

    expect(
      (
        await w.api('PUT', '/tenders/M-2/mvi', buyer, {
          appliedCriteria: ['computers.ecolabel'],
          socialReturn: { applied: false },
          realisation: 'realised',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await w.api('PUT', '/tenders/M-3/mvi', admin, {
          appliedCriteria: [],
          socialReturn: { applied: false },
          noMviReason: 'framework-call-off',
        })
      ).status,
    ).toBe(200);

    // Editing the tender keeps its MVI record.
    const detail = await w.api('GET', '/tenders/M-1', admin);
    const edit = await w.api(
      'PUT',
      '/tenders/M-1',
      admin,
      {
        ...tender(
          'M-1',
          'Schoonmaak gemeentehuis en wijkkantoren',
          '90910000',
          420_000,
          '2025-01-11',
          'awarded',
        ),
      },
      { 'if-match': detail.headers.get('etag')! },
    );
    expect(edit.status).toBe(200);
    expect((await w.api('GET', '/tenders/M-1', admin)).body.tender.mvi.appliedCriteria).toHaveLength(3);
  });

  it("adds the records up for the year, against the municipality's goals", async () => {
    const board = await w.token(ingrid.upn, ['board']);
    const report = await w.api('GET', '/monitoring?year=2025', board);
    expect(report.status).toBe(200);
    expect(report.body.municipality).toEqual({ id: 'havendam', name: 'Gemeente Havendam' });
    expect(report.body.tenders).toMatchObject({
      total: 4,
      recorded: 3,
      withMvi: 2,
      mviRequired: 4,
      mviRequiredWithMvi: 2,
    });
    expect(report.body.socialReturn).toMatchObject({ applied: 1, committedEur: 21_000 });
    const theme = (id: string) => report.body.themes.find((t: any) => t.theme === id);
    expect(theme('social-return')).toMatchObject({ name: 'Social return', tenders: 1 });
    expect(report.body.goals.map((g: any) => [g.id, g.target, g.actual, g.counted])).toEqual([
      ['mvi-where-required', 100, 66.7, 3],
      ['social-return-where-required', 100, 50, 2],
      // Havendam wants every tender recorded; the catering tender is still planned and does not count yet.
      ['recorded', 100, 100, 3],
    ]);
    // The year after sets 2025 beside itself, so the board sees the change.
    const next = await w.api('GET', '/monitoring?year=2026', board);
    expect(next.body.trend.map((y: any) => y.year)).toEqual([2025, 2026]);
    expect(next.body.trend[0]).toMatchObject({
      tenders: { total: 4, withMvi: 2 },
      socialReturnCommittedEur: 21_000,
    });
    expect(report.body.rows.map((r: any) => [r.reference, r.appliedCriteria, r.realisation])).toEqual([
      ['M-1', 3, 'not-yet'],
      ['M-2', 1, 'realised'],
      ['M-3', 0, 'not-yet'],
      ['M-4', 0, null],
    ]);
  });

  it('sets the year beside the other municipalities of the region, for the MVI team and the board only', async () => {
    // Rietmond's board sees Havendam's figures next to its own: counts and goals, no tenders.
    const region = await w.api(
      'GET',
      '/monitoring/region?year=2025',
      await w.token('joris.vandijk@rietmond.example'),
    );
    expect(region.status).toBe(200);
    expect(
      region.body.municipalities.map((m: any) => [m.name, m.own, m.tenders.total, m.tenders.withMvi]),
    ).toEqual([
      ['Gemeente Havendam', false, 4, 2],
      ['Gemeente Polderveen', false, 0, 0],
      ['Gemeente Rietmond', true, 0, 0],
    ]);
    expect(region.body.total.tenders).toMatchObject({ total: 4, recorded: 3, withMvi: 2 });
    expect(region.body.total.socialReturnCommittedEur).toBe(21_000);
    expect(region.body.total.goals.find((g: any) => g.id === 'mvi-where-required')).toMatchObject({
      actual: 66.7,
      counted: 3,
      target: null,
    });
    expect(JSON.stringify(region.body)).not.toContain('Schoonmaak');

    const forbidden = await w.api('GET', '/monitoring/region?year=2025', await w.token(mohamed.upn));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toMatch(/mvi-admin, board/);
    expect((await w.api('GET', '/monitoring/region?year=twintig', await w.token(ingrid.upn))).status).toBe(
      400,
    );
  });

  it('keeps the report to the MVI team, the board and buyers, and asks for a sensible year', async () => {
    expect((await w.api('GET', '/monitoring', await w.token(pieter.upn))).status).toBe(403);
    const bad = await w.api('GET', '/monitoring?year=1999', await w.token(ingrid.upn));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('Kies een jaar van 2015 tot en met 2028.');
    // Another municipality's board sees its own year, not Havendam's tenders.
    const other = await w.api(
      'GET',
      '/monitoring?year=2025',
      await w.token('joris.vandijk@rietmond.example'),
    );
    expect(other.status).toBe(200);
    expect(other.body.tenders.total).toBe(0);
  });

  it('exports the report for the board as a Word document, and per tender as CSV', async () => {
    const token = await w.token(ingrid.upn, ['board']);
    const response = await fetch(`${w.stack().urls.api}/monitoring/export?format=docx&year=2025`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="mvi-monitoring-havendam-2025.docx"',
    );
    const xml = await (
      await JSZip.loadAsync(await response.arrayBuffer())
    )
      .file('word/document.xml')!
      .async('string');
    const text = xml.replace(/<[^>]+>/g, ' ');
    expect(text).toContain('MVI-monitoring Gemeente Havendam 2025');
    expect(text).toContain('Doelen uit het actieplan');
    expect(text).toContain('Schoonmaak gemeentehuis en wijkkantoren');
    expect(text).not.toContain(eva.userPrincipalName);
    // The board sees its municipality beside the others of the region.
    expect(text).toContain('In de regio');
    // A single year has nothing to set beside it yet; the next year's report shows both.
    expect(text).not.toContain('Verloop over de jaren');
    const later = await fetch(`${w.stack().urls.api}/monitoring/export?format=docx&year=2026`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const laterText = (
      await (await JSZip.loadAsync(await later.arrayBuffer())).file('word/document.xml')!.async('string')
    ).replace(/<[^>]+>/g, ' ');
    expect(laterText).toMatch(/Verloop over de jaren\s+Jaar\s+Aanbestedingen .*2025\s+4\s+2\s+/);
    expect(text).toMatch(/Gemeente Polderveen\s+0\s+0\s+€\s0/);
    expect(text).toMatch(/Regio samen\s+4\s+2\s+/);

    const csv = await fetch(`${w.stack().urls.api}/monitoring/export?format=csv&year=2025`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const bytes = new Uint8Array(await csv.arrayBuffer());
    // A byte order mark, so Dutch Excel reads the accents right.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split('\n');
    expect(lines[0]).toMatch(/^Referentie;Titel;Status;Aftrap;Geraamde waarde \(EUR\)/);
    expect(lines[1]).toContain(
      'M-1;Schoonmaak gemeentehuis en wijkkantoren;awarded;2025-01-11;420000;ja;ja;3;',
    );
    expect(lines).toHaveLength(5);
    expect(
      (
        await fetch(`${w.stack().urls.api}/monitoring/export?format=pdf`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(400);
  });
});
