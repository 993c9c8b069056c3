import type { HttpHandler } from '@azure/functions';
import { stringify } from 'csv-stringify/sync';
import { safeRow } from '../../../core/src/kernel/csv.js';
import { z } from 'zod';
import { productGroupName } from '../../../core/src/catalogue/catalogue.js';
import { ambitionLevel, forbidden, notFound, validationError } from '../../../core/src/index.js';
import { createAdviceRecords } from '../storage/bot-stores.js';
import { criteriaDocx } from '../exports/criteria-docx.js';
import { api } from '../http/api.js';
import { readJson } from '../http/respond.js';
import type { ServicesProvider } from '../services.js';

const amsterdamDate = (date: Date): string =>
  date.toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const fileName = (subject: string, ext: string): string =>
  `mvi-criteria-${
    subject
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'selectie'
  }.${ext}`;

/**
 * GET /api/advice/{id}/criteria.docx?ambition=&lang=: the criteria of advice the bot gave,
 * for the people of the municipality it was given in.
 */
export const adviceDocxHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async ({ request, principal, services, lang }) => {
    const record = await createAdviceRecords(services.storage, services.clock).get(
      request.params['id'] ?? '',
    );
    if (!record)
      throw notFound({ nl: 'Dit advies bestaat niet (meer).', en: 'This advice does not exist (any more).' });
    if (record.userId !== principal.userId && record.municipalityId !== principal.municipalityId) {
      throw forbidden({
        nl: 'Dit advies hoort bij een andere gemeente.',
        en: 'This advice belongs to another municipality.',
      });
    }
    const ambition = ambitionLevel.safeParse(
      request.query.get('ambition') ?? record.request.ambition ?? 'significant',
    );
    if (!ambition.success)
      throw validationError({ nl: 'Onbekend ambitieniveau.', en: 'Unknown ambition level.' });
    const advice = services.engine.advise(
      { ...record.request, ambition: ambition.data, language: lang },
      amsterdamDate(services.clock.now()),
    );
    const subject = record.tenderReference
      ? `${record.tenderReference} ${record.request.title}`
      : record.request.title;
    const body = await criteriaDocx(services.catalogue, {
      subject,
      criterionIds: advice.criteria.map((c) => c.id),
      lang,
      date: amsterdamDate(services.clock.now()),
    });
    return {
      status: 200,
      body: new Uint8Array(body),
      headers: {
        'content-type': DOCX,
        'content-disposition': `attachment; filename="${fileName(subject, 'docx')}"`,
        'cache-control': 'no-store',
      },
    };
  });

const exportRequest = z.object({
  subject: z.string().trim().min(1).max(200),
  criterionIds: z.array(z.string().max(120)).min(1).max(500),
  format: z.enum(['docx', 'csv']),
});

/** POST /api/exports/criteria: a selection of criteria from the toolbox as .docx or CSV. */
export const criteriaExportHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async ({ request, services, lang }) => {
    const parsed = exportRequest.safeParse(await readJson(request));
    if (!parsed.success) {
      throw validationError(
        {
          nl: 'Kies minstens één criterium en een formaat (docx of csv).',
          en: 'Choose at least one criterion and a format (docx or csv).',
        },
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      );
    }
    const unknown = parsed.data.criterionIds.filter((id) => !services.catalogue.criteriaById.has(id));
    if (unknown.length) {
      throw validationError(
        { nl: `Onbekende criteria: ${unknown.join(', ')}`, en: `Unknown criteria: ${unknown.join(', ')}` },
        unknown,
      );
    }
    const { subject, criterionIds, format } = parsed.data;
    if (format === 'csv') {
      const rows = criterionIds.map((id) => {
        const c = services.catalogue.criteriaById.get(id)!;
        return {
          id,
          productGroup: c.productGroupId,
          productGroupName: productGroupName(services.catalogue, c.productGroupId, lang),
          themes: c.themes.join(' '),
          type: c.type,
          ambition: c.ambition,
          title: c.title[lang],
          text: c.text[lang],
          verification: c.verification[lang],
        };
      });
      // BOM and semicolons: Excel with Dutch settings opens it as columns.
      const csv = `\uFEFF${stringify(rows.map(safeRow), { header: true, delimiter: ';' })}`;
      return {
        status: 200,
        body: csv,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${fileName(subject, 'csv')}"`,
        },
      };
    }
    const body = await criteriaDocx(services.catalogue, {
      subject,
      criterionIds,
      lang,
      date: amsterdamDate(services.clock.now()),
    });
    return {
      status: 200,
      body: new Uint8Array(body),
      headers: {
        'content-type': DOCX,
        'content-disposition': `attachment; filename="${fileName(subject, 'docx')}"`,
      },
    };
  });
