import { yearAmbition } from '../ambitieweb/service.js';
import type { HttpHandler } from '@azure/functions';
import { z } from 'zod';
import { hasRole } from '../../../core/src/identity.js';
import { MONITORING_READERS, REGION_READERS } from '../../../core/src/monitoring/access.js';
import { parseWith } from '../../../core/src/sessions/index.js';
import { dateIn } from '../../../core/src/nudges/index.js';
import { api, type ApiContext } from '../http/api.js';
import { json, readJson } from '../http/respond.js';
import { monitoringCsv, monitoringDocx } from '../monitoring/export.js';
import { monitoringFor, recordMvi, regionFor } from '../monitoring/service.js';
import type { ServicesProvider } from '../services.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * PUT /api/tenders/{reference}/mvi (commissioning manager, buyers, MVI team; If-Match
 * optional): which criteria went into the tender, social return, the reason when there is
 * no MVI, realisation at delivery.
 */
export const recordMviHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async (ctx: ApiContext) => {
    const { tender, etag } = await recordMvi(
      ctx.services,
      ctx.principal,
      ctx.request.params['reference'] ?? '',
      await readJson(ctx.request),
      ctx.request.headers.get('if-match') ?? undefined,
    );
    return json(200, { tender }, { etag });
  });

/** GET /api/monitoring?year= (MVI team, board, buyers): the year's monitoring report. */
export const monitoringHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: MONITORING_READERS }, async ({ request, principal, services, lang }) => {
    const report = await monitoringFor(services, principal, request.query.get('year'), lang);
    // The ambition the year's tenders set in their Ambitiewebs, beside what they recorded.
    return json(200, {
      ...report,
      ambitieweb: await yearAmbition(services, principal.municipalityId, report.year),
    });
  });

/**
 * GET /api/monitoring/region?year= (MVI team, board): the year's headline figures of every
 * municipality in the reader's regional programme, side by side, with the region's totals.
 */
export const monitoringRegionHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: REGION_READERS }, async ({ request, principal, services, lang }) =>
    json(200, await regionFor(services, principal, request.query.get('year'), lang)),
  );

const exportQuery = z.object({ format: z.enum(['docx', 'csv']) });

/** GET /api/monitoring/export?format=docx|csv&year= (MVI team, board, buyers): the report for the board, or one row per tender. */
export const monitoringExportHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: MONITORING_READERS }, async ({ request, principal, services, lang }) => {
    const query = parseWith(
      exportQuery,
      { format: request.query.get('format') ?? undefined },
      { nl: 'De export', en: 'The export' },
    );
    const report = await monitoringFor(services, principal, request.query.get('year'), lang, {
      trend: query.format === 'docx',
    });
    const name = `mvi-monitoring-${report.municipality.id}-${report.year}`;
    const headers = (type: string, file: string) => ({
      'content-type': type,
      'content-disposition': `attachment; filename="${file}"`,
      'cache-control': 'no-store',
    });
    if (query.format === 'csv')
      return {
        status: 200,
        body: monitoringCsv(report, lang),
        headers: headers('text/csv; charset=utf-8', `${name}.csv`),
      };
    const region = hasRole(principal, ...REGION_READERS)
      ? await regionFor(services, principal, request.query.get('year'), lang, report)
      : undefined;
    const body = await monitoringDocx(report, lang, dateIn(services.clock.now(), 'Europe/Amsterdam'), region);
    return { status: 200, body, headers: headers(DOCX, `${name}.docx`) };
  });
