import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { nl } from './nl.js';

export type { Language } from '../data/types.js';
import type { Language } from '../data/types.js';

export const LANGUAGE_STORAGE_KEY = 'mvi.language';

/** Dutch first; English when Teams or the browser says so, or the user chose it. */
export function initialLanguage(teamsLocale?: string): Language {
  const stored = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
  if (stored === 'nl' || stored === 'en') return stored;
  const locale = teamsLocale ?? globalThis.navigator?.language ?? 'nl';
  return locale.toLowerCase().startsWith('en') ? 'en' : 'nl';
}

export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { nl: { translation: nl }, en: { translation: en } },
    lng: language,
    fallbackLng: 'nl',
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = language;
  return i18next;
}

export const formatDate = (iso: string, language: Language): string =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nl-NL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));

export const formatDateTime = (iso: string, language: Language): string =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nl-NL', {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));

/** Euros in Dutch notation (€ 400.000) whatever the language, as Dutch users expect. */
export const formatEuro = (value: number): string =>
  new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(
    value,
  );
