import { describe, expect, it } from 'vitest';
import { tender as tenderSchema } from './tender.js';
import { applyTenderWrite, referenceKey, sameReference, tenderChanges } from './tender.js';
import { detectDelimiter, parsePerson, readPlanRows } from './tender-import.js';

const municipality = { id: 'havendam', name: 'Gemeente Havendam' };
const split = (csv: string) =>
  csv
    .trim()
    .split('\n')
    .map((l) => l.split(detectDelimiter(csv.split('\n')[0]!)));

describe('reading a procurement plan', () => {
  it('reads Dutch headers, amounts and dates from a semicolon-separated export', () => {
    const csv = [
      'Referentie;Titel;Omschrijving;CPV;Geraamde waarde;Startdatum;Opdrachtgever;Inkoper;Status;Gemeente',
      'T-2027-101;Schoonmaak stadhuis;Dagelijkse schoonmaak;90910000;€ 1.250.000,00;15 maart 2027;Pieter Jansen <Pieter.Jansen@havendam.example>;mohamed.elamrani@havendam.example;in voorbereiding;Havendam',
    ].join('\n');
    const { verdicts, problems } = readPlanRows(split(csv), { municipality });
    expect(problems).toEqual([]);
    expect(verdicts[0]).toMatchObject({
      line: 2,
      errors: [],
      tender: {
        reference: 'T-2027-101',
        estimatedValueEur: 1_250_000,
        kickoffDate: '2027-03-15',
        cpv: ['90910000'],
        status: 'preparing',
        commissioningManager: { upn: 'pieter.jansen@havendam.example', displayName: 'Pieter Jansen' },
        buyerUpn: 'mohamed.elamrani@havendam.example',
      },
    });
  });

  it('rejects each bad row with every reason, in Dutch and English', () => {
    const csv = [
      'Kenmerk,Onderwerp,Startdatum,Opdrachtgever,Waarde,CPV,Gemeente',
      'T-1,Laptops,31-02-2027,pieter.jansen@havendam.example,veel,123,Havendam',
      ',Catering,01-04-2027,iemand,,,Polderveen',
      'T-1,Koffie,01-04-2027,pieter.jansen@havendam.example,,,',
    ].join('\n');
    const { verdicts } = readPlanRows(split(csv), { municipality });
    expect(verdicts.map((v) => v.errors.map((e) => e.nl))).toEqual([
      [
        '“31-02-2027” is geen geldige startdatum (bijvoorbeeld 15-03-2027).',
        '“veel” is geen bedrag.',
        'Geen geldige CPV-code: 123 (8 cijfers).',
      ],
      [
        'Geen referentie: die is nodig om de regel later bij te werken.',
        'Deze regel hoort bij een andere gemeente (Polderveen).',
        'Opdrachtgever “iemand” is geen e-mailadres of Entra-id.',
      ],
      ['Referentie T-1 staat ook op regel 2.'],
    ]);
    expect(verdicts[2]!.errors[0]!.en).toBe('Reference T-1 is also on line 2.');
    expect(verdicts.every((v) => v.tender === undefined)).toBe(true);
  });

  it('names the missing columns instead of judging rows', () => {
    const { verdicts, problems } = readPlanRows([['Titel', 'Waarde']], { municipality });
    expect(verdicts).toEqual([]);
    expect(problems.map((p) => p.nl)).toEqual([
      'De kolom “referentie”, “kenmerk”, “nummer” ontbreekt.',
      'De kolom “startdatum”, “start”, “kick-off” ontbreekt.',
      'De kolom “opdrachtgever”, “budgethouder”, “opdrachtgever (e-mail)” ontbreekt.',
    ]);
  });

  it('recognises people by e-mail address, name and address, or Entra object id', () => {
    expect(parsePerson('Karin Smit <karin.smit@polderveen.example>')).toEqual({
      upn: 'karin.smit@polderveen.example',
      displayName: 'Karin Smit',
    });
    expect(parsePerson('3C4D5E6F-7A8B-4C9D-8E1F-2A3B4C5D6E74')).toEqual({
      userId: '3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e74',
    });
    expect(parsePerson('Karin')).toBeUndefined();
  });

  it('tells a re-import that changes nothing from one that does', () => {
    const csv =
      'Referentie;Titel;Startdatum;Opdrachtgever\nT-9;Schoonmaak;01-04-2027;karin.smit@polderveen.example';
    const row = readPlanRows(split(csv), { municipality }).verdicts[0]!.tender!;
    const stored = applyTenderWrite(undefined, row, {
      municipalityId: 'havendam',
      source: 'csv',
      now: new Date('2027-01-01T00:00:00Z'),
    });
    expect(tenderSchema.parse(stored).createdAt).toBe('2027-01-01T00:00:00.000Z');
    expect(tenderChanges(undefined, row)).toBe('create');
    expect(tenderChanges(stored, row)).toBe('unchanged');
    expect(tenderChanges(stored, { ...row, kickoffDate: '2027-04-02' })).toBe('update');
  });
});

describe('input of any size', () => {
  it('reads a person in time linear in the text: a 128 KB cell is no person, at once', () => {
    const cell = `x@${'a.'.repeat(64_000)} b`;
    expect(parsePerson(cell)).toBeUndefined();
    expect(parsePerson(`x@${'a.'.repeat(200)}b`)).toBeUndefined(); // longer than any address
    expect(parsePerson('pieter.jansen@havendam.example')).toEqual({ upn: 'pieter.jansen@havendam.example' });
    expect(parsePerson('Pieter <p@sub.havendam.example>')).toEqual({
      upn: 'p@sub.havendam.example',
      displayName: 'Pieter',
    });
    expect(parsePerson('p@havendam')).toBeUndefined();
  });

  it('refuses a row with a cell longer than the limit, naming the column, before reading it', () => {
    const rows = [
      ['Referentie', 'Titel', 'Kick-off', 'Opdrachtgever'],
      ['R-1', 'Schoonmaak', '15-03-2027', `x@${'a.'.repeat(64_000)} b`],
    ];
    const { verdicts } = readPlanRows(rows, { municipality: { id: 'havendam', name: 'Havendam' } });
    expect(verdicts[0]!.errors.map((e) => e.nl)).toContain(
      'De cel in kolom “Opdrachtgever” is langer dan 4.000 tekens.',
    );
    expect(verdicts[0]!.tender).toBeUndefined();
  });
});

describe('tender references', () => {
  it('are one identity whatever their case', () => {
    expect(referenceKey(' ONE-REF ')).toBe('one-ref');
    expect(sameReference('T-2026-014', 't-2026-014')).toBe(true);
    expect(sameReference('T-2026-014', 'T-2026-015')).toBe(false);
  });
});
