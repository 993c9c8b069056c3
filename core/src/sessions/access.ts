/** Who may see and who may run a session. */
import { forbidden } from '../errors.js';
import type { Principal, Role } from '../identity.js';
import type { Session } from '../session.js';

/** The caller's own municipality's sessions and the region-wide sessions of its region. */
export function canSeeSession(
  viewer: Pick<Principal, 'municipalityId'>,
  viewerRegionId: string,
  session: Pick<Session, 'municipalityId' | 'regionId' | 'regionWide'>,
): boolean {
  return (
    session.municipalityId === viewer.municipalityId ||
    (session.regionWide && session.regionId === viewerRegionId)
  );
}

/** The session's organisers, and the MVI team of the organising municipality. */
const holds = (principal: Pick<Principal, 'roles'>, ...roles: Role[]): boolean =>
  principal.roles.some((r) => roles.includes(r));

export function canManageSession(
  principal: Pick<Principal, 'userId' | 'roles' | 'municipalityId'>,
  session: Pick<Session, 'municipalityId' | 'organiserIds'>,
): boolean {
  if (session.organiserIds.includes(principal.userId) && holds(principal, 'organiser', 'mvi-admin'))
    return true;
  return holds(principal, 'mvi-admin') && principal.municipalityId === session.municipalityId;
}

export function requireManager(
  principal: Pick<Principal, 'userId' | 'roles' | 'municipalityId'>,
  session: Pick<Session, 'municipalityId' | 'organiserIds'>,
): void {
  if (!canManageSession(principal, session)) {
    throw forbidden({
      nl: 'Alleen de organisatoren van deze sessie en het MVI-team van de gemeente kunnen dit.',
      en: 'Only the organisers of this session and the municipality’s MVI team can do this.',
    });
  }
}
