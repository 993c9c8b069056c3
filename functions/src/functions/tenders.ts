import type { HttpHandler } from '@azure/functions';
import { hasRole, type Principal, type Tender } from '../../../core/src/index.js';
import { api } from '../http/api.js';
import { json } from '../http/respond.js';
import type { ServicesProvider } from '../services.js';

function isOwnTender(principal: Principal, tender: Tender): boolean {
  const manager = tender.commissioningManager;
  return (
    manager.userId === principal.userId ||
    (!!principal.upn && manager.upn?.toLowerCase() === principal.upn.toLowerCase())
  );
}

/**
 * GET /api/tenders: the municipality's tender pipeline. The MVI team, buyers and the board
 * see all of it; others see the tenders they commission. `?mine=true` narrows to one's own.
 */
export const listTendersHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async ({ principal, services, request }) => {
    const all = await services.repos.tenders.list(principal.municipalityId);
    const seesAll = hasRole(principal, 'mvi-admin', 'buyer', 'board');
    const mine = request.query.get('mine') === 'true' || !seesAll;
    const tenders = all
      .filter((t) => t.status !== 'archived')
      .filter((t) => !mine || isOwnTender(principal, t))
      .sort((a, b) => a.kickoffDate.localeCompare(b.kickoffDate));
    return json(200, { tenders });
  });
