/** Reading numbers and dates as people type them in Dutch (and English) spreadsheets. */

/**
 * "€ 1.250.000,50", "1250000", "1.250.000", "400.000,-", "1,250,000.50", "218000.00" → number.
 * Returns undefined for text that is not an amount.
 */
export function parseAmount(text: string): number | undefined {
  let t = text.replace(/[€\s\u00a0]|eur(o)?/gi, '').replace(/,-$/, '');
  if (!t) return undefined;
  if (!/^-?[\d.,]+$/.test(t)) return undefined;
  const lastComma = t.lastIndexOf(',');
  const lastDot = t.lastIndexOf('.');
  if (lastComma > lastDot) {
    // Dutch: dots group thousands, the comma is the decimal sign.
    t = t.replace(/\./g, '').replace(',', '.');
  } else if (lastDot > lastComma && lastComma >= 0) {
    t = t.replace(/,/g, '');
  } else if (lastDot >= 0 && /^\d{1,3}(\.\d{3})+$/.test(t)) {
    // "1.250.000": only thousands groups, no decimals.
    t = t.replace(/\./g, '');
  } else if (lastComma >= 0 && /^\d{1,3}(,\d{3})+$/.test(t)) {
    t = t.replace(/,/g, '');
  }
  const value = Number(t);
  return Number.isFinite(value) ? value : undefined;
}

/** "15-03-2027", "15/3/2027", "2027-03-15", "15 maart 2027" → "2027-03-15"; undefined when not a real date. */
export function parseDate(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  const months = [
    'januari',
    'februari',
    'maart',
    'april',
    'mei',
    'juni',
    'juli',
    'augustus',
    'september',
    'oktober',
    'november',
    'december',
  ];
  let y: number, m: number, d: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t)))
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t)))
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\s+([a-z]+)\s+(\d{4})$/.exec(t)) && months.includes(match[2]!))
    [d, m, y] = [Number(match[1]), months.indexOf(match[2]!) + 1, Number(match[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return date.toISOString().slice(0, 10);
}
