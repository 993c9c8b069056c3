import type { HttpHandler } from '@azure/functions';
import { api } from '../http/api.js';
import { json } from '../http/respond.js';
import type { ServicesProvider } from '../services.js';

/** GET /api/sessions: upcoming sessions of the caller's municipality and its region. */
export const listSessionsHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async ({ principal, services }) => {
    const municipality = await services.repos.municipalities.get(principal.municipalityId);
    const sessions = await services.repos.sessions.listUpcoming(
      principal.municipalityId,
      municipality?.regionId ?? principal.municipalityId,
      services.clock.now(),
    );
    return json(200, { sessions });
  });
