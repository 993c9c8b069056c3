/**
 * Money and dates as a Dutch or English reader expects them ("€ 400.000", "4 december 2026"),
 * for bot cards, advice, nudges and documents. Formatters are built once per language: building
 * one costs more than formatting with it.
 */
export type FormatLanguage = 'nl' | 'en';

const locale = (lang: FormatLanguage): string => (lang === 'en' ? 'en-GB' : 'nl-NL');

const EUR: Record<FormatLanguage, Intl.NumberFormat> = {
  nl: new Intl.NumberFormat(locale('nl'), { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat(locale('en'), { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }),
};

const LONG_DATE: Record<FormatLanguage, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat(locale('nl'), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }),
  en: new Intl.DateTimeFormat(locale('en'), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }),
};

/** Whole euros: "€ 1.250.000" (nl), "€1,250,000" (en). */
export const formatEur = (value: number, lang: FormatLanguage): string => EUR[lang].format(value);

/** A calendar day (YYYY-MM-DD, or the date part of a timestamp): "4 december 2026". */
export const formatLongDate = (iso: string, lang: FormatLanguage): string =>
  LONG_DATE[lang].format(new Date(`${iso.slice(0, 10)}T12:00:00Z`));
