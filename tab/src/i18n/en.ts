import type { Messages } from './nl.js';

export const en: Messages = {
  app: { name: 'MVI Companion', tagline: 'Socially responsible procurement, at the right moment' },
  nav: { language: 'Language', switchTo: 'Nederlands', signOut: 'Sign out' },
  signIn: {
    title: 'Sign in',
    intro: 'Local development environment: choose a demo user to sign in as.',
    as: 'Sign in as {{name}}',
    failed: 'Signing in failed: {{message}}',
  },
  home: {
    welcome: 'Welcome, {{name}}',
    municipality: '{{municipality}} · {{department}}',
    roles: 'Roles: {{roles}}',
    whatIsMvi: 'What is MVI?',
    whatIsMviText:
      'With socially responsible procurement your municipality looks beyond the price, at what a purchase means for the climate, the environment and people. The earlier you bring MVI into your assignment, the more it achieves.',
    myTenders: 'My tenders',
    allTenders: 'Tenders of {{municipality}}',
    noTenders: 'No tenders are waiting for you yet.',
    kickoff: 'Kickoff: {{date}}',
    value: 'Estimated value: {{value}}',
    sessions: 'Upcoming sessions',
    noSessions: 'No sessions are planned.',
  },
  errors: {
    loadFailed: 'Data could not be loaded: {{message}}',
    retry: 'Try again',
  },
  sessionTypes: {
    'lunch-lecture': 'Lunch lecture',
    workshop: 'Workshop',
    'knowledge-session': 'Knowledge session',
    'inspiration-session': 'Inspiration session',
    'ambitieweb-session': 'Ambitieweb session',
  },
};
