/**
 * "Plan een ambitiewebsessie voor T-2026-014": the bot opens the tender's Ambitieweb (or finds
 * the one that is there) and answers with the link to the session, to share with the
 * participants or open in a Teams meeting. Kept apart from the rest of the conversation so the
 * intent stays one small, contained handler.
 */
import type { AdviceRequest } from '../../core/src/engine/advise.js';
import { isDomainError, type Principal, type Tender } from '../../core/src/index.js';
import type { BotLanguage } from './messages.js';
import type { BotLinks } from './ports.js';

export interface AmbitiewebActions {
  /** Opens the tender's web as the API does, or returns the one that is there; throws a DomainError. */
  openForTender(principal: Principal, reference: string): Promise<{ id: string; created: boolean }>;
  /** Each theme's level from the web that applies to the tender (its own, its department's, the policy's), or none. */
  themeAmbition(
    tender: Tender,
    lang: BotLanguage,
  ): Promise<Pick<AdviceRequest, 'themeAmbition' | 'themeAmbitionSource'>>;
}

const REFERENCE = /\b([A-Z]{1,4}-\d{4}-\d{2,4})\b/i;

/** The request to plan a session, with the tender when the text names one; undefined for any other message. */
export function ambitiewebRequest(text: string): { reference?: string } | undefined {
  const lower = text.toLowerCase();
  if (!/\bambitieweb(-?sessie)?s?\b/.test(lower)) return undefined;
  if (
    !/\b(plan|plannen|organiseer|organiseren|start|starten|open|openen|schedule|set up|organise|organize)\b/.test(
      lower,
    )
  )
    return undefined;
  const reference = REFERENCE.exec(text)?.[1];
  return reference ? { reference: reference.toUpperCase() } : {};
}

export async function planAmbitiewebSession(
  actions: AmbitiewebActions,
  links: BotLinks,
  principal: Principal | undefined,
  request: { reference?: string },
  lang: BotLanguage,
): Promise<string> {
  if (!principal)
    return lang === 'en'
      ? 'I do not know you as a member of a municipality yet, so I cannot open an Ambitieweb for you.'
      : 'Ik ken u nog niet als medewerker van een gemeente, dus ik kan geen Ambitieweb voor u openen.';
  if (!request.reference)
    return lang === 'en'
      ? 'For which tender? For example: "plan an ambitieweb session for T-2026-014".'
      : 'Voor welke aanbesteding? Bijvoorbeeld: "plan een ambitiewebsessie voor T-2026-014".';
  try {
    const { id, created } = await actions.openForTender(principal, request.reference);
    const link = links.tab(`/ambitieweb/${encodeURIComponent(id)}`);
    if (lang === 'en')
      return `${created ? 'I have opened the Ambitieweb' : 'There is an Ambitieweb already'} for ${request.reference}. Share this link with the participants; everyone proposes a level per theme from their own device, and you settle each theme: [Open the Ambitieweb](${link}). In a Teams meeting, add the MVI Companion tab to the meeting and share it to the stage.`;
    return `${created ? 'Ik heb het Ambitieweb geopend' : 'Er is al een Ambitieweb'} voor ${request.reference}. Deel deze link met de deelnemers; iedereen doet vanaf het eigen apparaat een voorstel per thema, en u stelt elk thema vast: [Open het Ambitieweb](${link}). In een Teams-vergadering voegt u het tabblad MVI Companion toe en deelt u het op het scherm.`;
  } catch (error) {
    if (isDomainError(error)) return error.userMessage[lang];
    throw error;
  }
}
