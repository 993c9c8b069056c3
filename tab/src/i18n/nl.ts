export const nl = {
  app: { name: 'MVI Companion', tagline: 'Maatschappelijk verantwoord inkopen, op het juiste moment' },
  nav: { language: 'Taal', switchTo: 'English', signOut: 'Afmelden' },
  signIn: {
    title: 'Aanmelden',
    intro: 'Lokale ontwikkelomgeving: kies een demogebruiker om mee aan te melden.',
    as: 'Aanmelden als {{name}}',
    failed: 'Aanmelden is niet gelukt: {{message}}',
  },
  home: {
    welcome: 'Welkom, {{name}}',
    municipality: '{{municipality}} · {{department}}',
    roles: 'Rollen: {{roles}}',
    whatIsMvi: 'Wat is MVI?',
    whatIsMviText:
      'Bij maatschappelijk verantwoord inkopen kijkt uw gemeente niet alleen naar de prijs, maar ook naar de gevolgen van een aankoop voor klimaat, milieu en mensen. Hoe eerder u MVI meeneemt in uw opdracht, hoe meer het oplevert.',
    myTenders: 'Mijn aanbestedingen',
    allTenders: 'Aanbestedingen van {{municipality}}',
    noTenders: 'Er staan nog geen aanbestedingen voor u klaar.',
    kickoff: 'Start: {{date}}',
    value: 'Geraamde waarde: {{value}}',
    sessions: 'Komende sessies',
    noSessions: 'Er zijn geen sessies gepland.',
  },
  errors: {
    loadFailed: 'Gegevens konden niet worden geladen: {{message}}',
    retry: 'Opnieuw proberen',
  },
  sessionTypes: {
    'lunch-lecture': 'Lunchlezing',
    workshop: 'Workshop',
    'knowledge-session': 'Kennissessie',
    'inspiration-session': 'Inspiratiesessie',
    'ambitieweb-session': 'Ambitiewebsessie',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof nl>;
