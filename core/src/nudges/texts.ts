/** What a nudge says, in Dutch first and English second: pure functions of the tender and the stage. */
import { formatLongDate } from '../format.js';
import type { NudgeReason } from './nudge.js';
import type { NudgeStage } from './plan.js';

export type NudgeLanguage = 'nl' | 'en';

/** Teams shows the first 150 characters of an activity's preview text. */
export const PREVIEW_LIMIT = 150;

export function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

export const formatDate = (iso: string, lang: NudgeLanguage): string => formatLongDate(iso, lang);

export const STAGE_NAMES: Record<NudgeStage, Record<NudgeLanguage, string>> = {
  prepare: { nl: 'Voorbereiden: Ambitieweb en MVI-team', en: 'Prepare: Ambitieweb and the MVI team' },
  criteria: { nl: 'MVI-criteria kiezen', en: 'Choose MVI criteria' },
  kickoff: { nl: 'Kick-off: MVI-checklist', en: 'Kickoff: MVI checklist' },
};

interface TenderLike {
  reference: string;
  title: string;
  kickoffDate: string;
}

/** The activity feed's preview text (at most 150 characters). */
export function previewText(stage: NudgeStage, tender: TenderLike, lang: NudgeLanguage = 'nl'): string {
  const date = formatDate(tender.kickoffDate, lang);
  const build = (title: string): string => {
    if (lang === 'en') {
      switch (stage) {
        case 'prepare':
          return `“${title}” kicks off on ${date}. Plan an Ambitieweb session now and involve the MVI team.`;
        case 'criteria':
          return `“${title}” kicks off on ${date}: see which MVI criteria fit your tender.`;
        case 'kickoff':
          return `The kickoff of “${title}” is on ${date}: go through the MVI checklist.`;
      }
    }
    switch (stage) {
      case 'prepare':
        return `De kick-off van “${title}” is op ${date}. Plan nu een Ambitieweb-sessie en betrek het MVI-team.`;
      case 'criteria':
        return `“${title}” start op ${date}: bekijk welke MVI-criteria bij uw aanbesteding passen.`;
      case 'kickoff':
        return `De kick-off van “${title}” is op ${date}: loop de MVI-checklist na.`;
    }
  };
  const room = PREVIEW_LIMIT - build('').length;
  return build(shorten(tender.title, Math.max(10, room)));
}

/** The topic line of the activity: reference and title. */
export function topicText(tender: TenderLike): string {
  return shorten(`${tender.reference} · ${tender.title}`, 100);
}

/** The opening of the bot's proactive card for a stage. */
export function cardIntro(
  stage: NudgeStage,
  tender: TenderLike,
  lang: NudgeLanguage,
): { title: string; text: string } {
  const date = formatDate(tender.kickoffDate, lang);
  if (lang === 'en') {
    switch (stage) {
      case 'prepare':
        return {
          title: 'Time to prepare your tender',
          text: `The kickoff is on ${date}. Now is the moment to set your MVI ambitions: plan an Ambitieweb session and involve the MVI team. The advice below shows what fits your tender.`,
        };
      case 'criteria':
        return {
          title: 'These MVI criteria fit your tender',
          text: `The kickoff is on ${date}. Choose the criteria now, so they can go into the tender documents.`,
        };
      case 'kickoff':
        return {
          title: 'Kickoff soon: MVI checklist',
          text: `The kickoff is on ${date}. Check before the meeting:`,
        };
    }
  }
  switch (stage) {
    case 'prepare':
      return {
        title: 'Tijd om uw aanbesteding voor te bereiden',
        text: `De kick-off is op ${date}. Dit is het moment om uw MVI-ambities te bepalen: plan een Ambitieweb-sessie en betrek het MVI-team. Hieronder ziet u wat bij uw aanbesteding past.`,
      };
    case 'criteria':
      return {
        title: 'Deze MVI-criteria passen bij uw aanbesteding',
        text: `De kick-off is op ${date}. Kies nu de criteria, zodat ze in de aanbestedingsstukken komen.`,
      };
    case 'kickoff':
      return {
        title: 'Kick-off binnenkort: MVI-checklist',
        text: `De kick-off is op ${date}. Controleer vóór het overleg:`,
      };
  }
}

export function kickoffChecklist(lang: NudgeLanguage): string[] {
  return lang === 'en'
    ? [
        'The MVI ambition level is agreed with the commissioning manager.',
        'The chosen MVI criteria are in the draft tender documents.',
        'Social return is decided (applies or not, and why).',
        'A market consultation is planned or consciously skipped.',
        'The MVI team knows the kickoff date.',
      ]
    : [
        'Het MVI-ambitieniveau is afgestemd met de opdrachtgever.',
        'De gekozen MVI-criteria staan in de concept-aanbestedingsstukken.',
        'Over social return is besloten (wel of niet, en waarom).',
        'Een marktconsultatie is gepland of bewust overgeslagen.',
        'Het MVI-team kent de datum van de kick-off.',
      ];
}

export const REASON_TEXTS: Record<NudgeReason, Record<NudgeLanguage, string>> = {
  archived: { nl: 'De aanbesteding is gearchiveerd.', en: 'The tender was archived.' },
  'recipient-changed': {
    nl: 'Er is een andere ontvanger (opdrachtgever) ingesteld.',
    en: 'Another recipient (commissioning manager) was set.',
  },
  'stage-disabled': {
    nl: 'Deze stap staat uit in het nudgeplan.',
    en: 'This stage is switched off in the nudge plan.',
  },
  superseded: {
    nl: 'Een latere stap was al aan de beurt; alleen die is verstuurd.',
    en: 'A later stage was already due; only that one was sent.',
  },
  'kickoff-passed': { nl: 'De kick-off was al voorbij.', en: 'The kickoff had already passed.' },
  'opted-out': {
    nl: 'De ontvanger heeft zich afgemeld voor nudges.',
    en: 'The recipient opted out of nudges.',
  },
  'not-installed': {
    nl: 'De app is niet geïnstalleerd voor de ontvanger (of mag geen meldingen sturen).',
    en: 'The app is not installed for the recipient (or may not send notifications).',
  },
  'install-blocked': {
    nl: 'De app kon niet voor de ontvanger worden geïnstalleerd (beleid van de tenant).',
    en: 'The app could not be installed for the recipient (tenant policy).',
  },
  forbidden: {
    nl: 'Microsoft Graph weigerde de melding (geen toestemming).',
    en: 'Microsoft Graph refused the notification (no permission).',
  },
  'recipient-unknown': {
    nl: 'De ontvanger is niet gevonden in Entra ID.',
    en: 'The recipient was not found in Entra ID.',
  },
  'no-channel': {
    nl: 'Er is geen kanaal om de ontvanger te bereiken (Graph niet ingesteld en geen gesprek met de bot).',
    en: 'There is no channel to reach the recipient (Graph not configured and no conversation with the bot).',
  },
  rejected: { nl: 'Microsoft Graph wees het verzoek af.', en: 'Microsoft Graph rejected the request.' },
  'gave-up': { nl: 'Na herhaalde pogingen niet afgeleverd.', en: 'Not delivered after repeated attempts.' },
};
