import type { HttpHandler } from '@azure/functions';
import { api } from '../http/api.js';
import { decodeText } from '../../../core/src/kernel/csv.js';
import { IMPORT_BODY_LIMIT_BYTES, json, readBytes } from '../http/respond.js';
import type { ServicesProvider } from '../services.js';
import { importPlan } from '../tenders/service.js';

/**
 * POST /api/tenders/import[?dryRun=true] (MVI team, buyers): the procurement plan as CSV
 * (text/csv; `;` or `,`; Dutch dates and amounts). A dry run reports row by row; a real
 * import writes all rows or none (422 with the same report when any row is rejected) and is
 * idempotent by reference.
 */
export const importTendersHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin', 'buyer'] }, async ({ request, principal, services, lang }) => {
    const dryRun = request.query.get('dryRun') === 'true';
    // Dutch Excel saves CSV as Windows-1252 unless asked otherwise: read it as saved.
    const { text } = decodeText(await readBytes(request, IMPORT_BODY_LIMIT_BYTES));
    const report = await importPlan(services, principal, text, { dryRun, lang });
    if (!dryRun && !report.imported) {
      const message =
        lang === 'en'
          ? 'Nothing was imported: fix the rejected rows (see the report) and import the file again.'
          : 'Er is niets geïmporteerd: verbeter de afgewezen regels (zie het verslag) en importeer het bestand opnieuw.';
      return json(422, { error: { code: 'validation', message, details: report.problems }, report });
    }
    return json(200, report);
  });
