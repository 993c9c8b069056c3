import type { HttpHandler } from '@azure/functions';
import { api } from '../http/api.js';
import { json } from '../http/respond.js';
import type { ServicesProvider } from '../services.js';

/** GET /api/me: who the caller is, as the tab shows it. */
export const meHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async ({ principal, services }) => {
    const municipality = await services.repos.municipalities.get(principal.municipalityId);
    return json(200, {
      id: principal.userId,
      displayName: principal.displayName,
      upn: principal.upn ?? null,
      roles: principal.roles,
      department: principal.department ?? null,
      municipality: municipality
        ? { id: municipality.id, name: municipality.name, regionId: municipality.regionId }
        : { id: principal.municipalityId, name: principal.municipalityId, regionId: null },
    });
  });
