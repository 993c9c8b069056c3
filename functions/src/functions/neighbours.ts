import type { HttpHandler } from '@azure/functions';
import { REGION_READERS } from '../../../core/src/monitoring/access.js';
import { api } from '../http/api.js';
import { json, readJson } from '../http/respond.js';
import { regionMonitoringFor, saveSharing, sharingView } from '../neighbours/service.js';
import type { ServicesProvider } from '../services.js';

/** GET /api/neighbours/sharing: what the caller's municipality shares with the region (every member may read it). */
export const getSharingHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async ({ principal, services }) =>
    json(200, await sharingView(services, principal.municipalityId)),
  );

/** PUT /api/neighbours/sharing {level, contact?} (MVI team): the municipality's sharing choice. */
export const putSharingHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin'] }, async ({ request, principal, services }) =>
    json(200, await saveSharing(services, principal, await readJson(request))),
  );

/**
 * GET /api/monitoring/region/groups (MVI team, board): per product group, the region's
 * recorded tenders with MVI and the criteria used, per municipality where it shares details.
 */
export const regionGroupsHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: REGION_READERS }, async ({ principal, services, lang }) =>
    json(200, await regionMonitoringFor(services, principal, lang)),
  );
