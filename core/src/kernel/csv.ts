/**
 * Spreadsheet files the app reads and writes: a cell a spreadsheet would run as a formula is
 * made harmless, and an imported file is read in the encoding it was saved in (Dutch Excel
 * saves CSV as Windows-1252 unless asked otherwise).
 */
import iconv from 'iconv-lite';

/** Spreadsheets read a cell starting with one of these as a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell value that a spreadsheet shows as text: a leading `= + - @`, tab or carriage return
 * gets a single quote before it, so `=HYPERLINK(…)` is shown, never run. Numbers are left as
 * they are (a negative amount is a number, not a formula).
 */
export function safeCell(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The same for every value of a row (for csv-stringify's records or an XLSX row). */
export function safeRow<T extends Record<string, unknown>>(row: T): T {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, safeCell(value)])) as T;
}

export type TextEncodingName = 'utf-8' | 'windows-1252';

/**
 * The text of an uploaded file: UTF-8 when it is valid UTF-8 (with or without a byte-order
 * mark), else Windows-1252 (which Dutch Excel uses, and of which Latin-1 is a part). Never
 * U+FFFD replacement characters for letters such as é and ë.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    // Node's TextDecoder reads windows-1252 as Latin-1 (0x80 is a control, not €): iconv-lite knows the code page.
    return { text: iconv.decode(Buffer.from(body), 'win1252'), encoding: 'windows-1252' };
  }
}
