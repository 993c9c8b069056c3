/**
 * Who may do what with a web. Everyone of the municipality may see its webs and take part in
 * a running session; the web's organisers and the municipality's MVI team (mvi-admin) settle
 * axes and close it; a closed (settled) web is read-only. The policy web is the MVI team's.
 */
import { conflict, forbidden } from '../errors.js';
import { hasAnyRole, type Principal, type Role } from '../identity.js';
import type { AmbitionWeb, WebOwnerKind } from './model.js';

export type WebActor = Pick<Principal, 'userId' | 'roles' | 'municipalityId'>;

/** Roles that may open a tender's or a department's web; the board reads, it does not run sessions. */
export const OPEN_ROLES: readonly Role[] = ['mvi-admin', 'organiser', 'buyer', 'employee'];

export function canSeeWeb(
  actor: Pick<Principal, 'municipalityId'>,
  web: Pick<AmbitionWeb, 'municipalityId'>,
): boolean {
  return actor.municipalityId === web.municipalityId;
}

export function canOpenWeb(actor: Pick<Principal, 'roles'>, owner: WebOwnerKind): boolean {
  return owner === 'policy' ? hasAnyRole(actor.roles, ['mvi-admin']) : hasAnyRole(actor.roles, OPEN_ROLES);
}

/** The web's organisers and the municipality's MVI team; only while the web is open. */
export function canSettle(
  actor: WebActor,
  web: Pick<AmbitionWeb, 'municipalityId' | 'organiserIds' | 'state'>,
): boolean {
  return (
    web.state === 'open' &&
    canSeeWeb(actor, web) &&
    (web.organiserIds.includes(actor.userId) || hasAnyRole(actor.roles, ['mvi-admin']))
  );
}

/** Any member of the municipality, while the session runs. */
export function canPropose(actor: WebActor, web: Pick<AmbitionWeb, 'municipalityId' | 'state'>): boolean {
  return web.state === 'open' && canSeeWeb(actor, web);
}

const otherMunicipality = () =>
  forbidden({
    nl: 'Dit Ambitieweb hoort bij een andere gemeente.',
    en: 'This Ambitieweb belongs to another municipality.',
  });

const readOnly = () =>
  conflict({
    nl: 'Dit Ambitieweb is vastgesteld en kan alleen nog worden bekeken.',
    en: 'This Ambitieweb has been settled and can only be viewed.',
  });

export function requireCanSee(
  actor: Pick<Principal, 'municipalityId'>,
  web: Pick<AmbitionWeb, 'municipalityId'>,
): void {
  if (!canSeeWeb(actor, web)) throw otherMunicipality();
}

export function requireCanOpen(actor: Pick<Principal, 'roles'>, owner: WebOwnerKind): void {
  if (canOpenWeb(actor, owner)) return;
  throw forbidden(
    owner === 'policy'
      ? {
          nl: 'Alleen het MVI-team van de gemeente kan het generieke Ambitieweb van het beleid openen.',
          en: 'Only the municipality’s MVI team can open the generic Ambitieweb of the policy.',
        }
      : {
          nl: 'Om een Ambitieweb te openen heeft u een rol in de MVI Companion nodig.',
          en: 'Opening an Ambitieweb needs a role in MVI Companion.',
        },
  );
}

export function requireCanSettle(actor: WebActor, web: AmbitionWeb): void {
  requireCanSee(actor, web);
  if (web.state !== 'open') throw readOnly();
  if (!canSettle(actor, web))
    throw forbidden({
      nl: 'Alleen de organisator van deze sessie en het MVI-team kunnen een as vaststellen of het web sluiten.',
      en: 'Only the organiser of this session and the MVI team can settle an axis or close the web.',
    });
}

export function requireCanPropose(actor: WebActor, web: AmbitionWeb): void {
  requireCanSee(actor, web);
  if (web.state !== 'open') throw readOnly();
}
