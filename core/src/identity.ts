/**
 * Who is calling, and what they may do. Roles are Entra ID app roles (see aad.manifest.json);
 * the municipality comes from the membership register, never from the client.
 */
import { z } from 'zod';
import { forbidden } from './errors.js';

export const ROLES = ['mvi-admin', 'organiser', 'buyer', 'employee', 'board'] as const;
export const role = z.enum(ROLES);
export type Role = z.infer<typeof role>;

export const municipalityId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'municipality ids are lower-case words joined by hyphens');

export interface Principal {
  /** Entra object id (oid). */
  readonly userId: string;
  readonly tenantId: string;
  readonly displayName: string;
  /** User principal name (e-mail form), when the token carries it. */
  readonly upn?: string;
  readonly roles: readonly Role[];
  readonly municipalityId: string;
  readonly department?: string;
}

/** Whether any of a person's roles is one of the allowed ones (the tab has the roles as plain strings). */
export function hasAnyRole(roles: readonly string[], allowed: readonly Role[]): boolean {
  return roles.some((r) => (allowed as readonly string[]).includes(r));
}

export function hasRole(principal: Principal, ...allowed: readonly Role[]): boolean {
  return hasAnyRole(principal.roles, allowed);
}

/** Throws a `forbidden` domain error unless the principal has one of the roles. */
export function requireRole(principal: Principal, ...allowed: readonly Role[]): void {
  if (!hasRole(principal, ...allowed)) {
    throw forbidden({
      nl: `Hiervoor heeft u een van deze rollen nodig: ${allowed.join(', ')}.`,
      en: `This needs one of these roles: ${allowed.join(', ')}.`,
    });
  }
}

/** Throws unless the principal belongs to the municipality whose data is asked for. */
export function requireMunicipality(principal: Principal, municipality: string): void {
  if (principal.municipalityId !== municipality) {
    throw forbidden({
      nl: 'Deze gegevens horen bij een andere gemeente.',
      en: 'This data belongs to another municipality.',
    });
  }
}
