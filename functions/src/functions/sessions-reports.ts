import type { HttpHandler } from '@azure/functions';
import { z } from 'zod';
import { parseWith } from '../../../core/src/sessions/index.js';
import { api } from '../http/api.js';
import { json } from '../http/respond.js';
import { EXPORT_TABLES, reachCsv, reachXlsx } from '../sessions/reports.js';
import type { ServicesProvider } from '../services.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GET /api/reports/reach?from=&to= (MVI team): reach of the sessions per session, month, department and municipality. */
export const reachHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin'] }, async ({ request, principal, services }) =>
    json(200, await services.sessions.reach(principal, request.query.get('from'), request.query.get('to'))),
  );

const exportQuery = z.object({
  format: z.enum(['csv', 'xlsx']),
  table: z.enum(EXPORT_TABLES).default('sessions'),
});

/** GET /api/reports/reach/export?format=csv|xlsx[&table=][&from=&to=] (MVI team): the same numbers as a file. */
export const reachExportHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin'] }, async ({ request, principal, services, lang }) => {
    const query = parseWith(
      exportQuery,
      { format: request.query.get('format') ?? undefined, table: request.query.get('table') ?? undefined },
      { nl: 'De export', en: 'The export' },
    );
    const report = await services.sessions.reach(
      principal,
      request.query.get('from'),
      request.query.get('to'),
    );
    const name = `mvi-bereik-${principal.municipalityId}-${report.range.from}-${report.range.to}`;
    if (query.format === 'csv') {
      return {
        status: 200,
        body: reachCsv(report, query.table, lang),
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${name}-${query.table}.csv"`,
          'cache-control': 'no-store',
        },
      };
    }
    return {
      status: 200,
      body: await reachXlsx(report, lang),
      headers: {
        'content-type': XLSX,
        'content-disposition': `attachment; filename="${name}.xlsx"`,
        'cache-control': 'no-store',
      },
    };
  });
