import type { HttpHandler } from '@azure/functions';
import { z } from 'zod';
import {
  forbidden,
  isDomainError,
  municipalityId,
  parseTenderWrite,
  validationError,
} from '../../../core/src/index.js';
import { appApi } from '../http/app-api.js';
import { json, readJson } from '../http/respond.js';
import type { ServicesProvider } from '../services.js';
import { municipalityOf, upsertTenders } from '../tenders/service.js';

const body = z
  .object({ municipalityId: municipalityId.optional(), tenders: z.array(z.unknown()).min(1).max(100) })
  .strict();

/**
 * POST /api/integrations/tenders (app-only token with the role Tenders.ReadWrite.All, from
 * a client app mapped to municipalities): `{"municipalityId"?, "tenders": [...]}` upserts up
 * to 100 tenders by reference, all or none. The municipality is required when the app is
 * mapped to more than one, and must be one of them.
 */
export const integrationTendersHandler = (getServices: ServicesProvider): HttpHandler =>
  appApi(getServices, async ({ request, app, services }) => {
    const parsed = body.safeParse(await readJson(request));
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
      throw validationError(
        {
          nl: `Stuur {"municipalityId"?, "tenders": [...]} (1 tot 100): ${details.join('; ')}`,
          en: `Send {"municipalityId"?, "tenders": [...]} (1 to 100): ${details.join('; ')}`,
        },
        details,
      );
    }
    const chosen =
      parsed.data.municipalityId ?? (app.municipalities.length === 1 ? app.municipalities[0] : undefined);
    if (!chosen) {
      throw validationError({
        nl: 'Deze toepassing schrijft voor meer gemeenten: geef municipalityId mee.',
        en: 'This application writes for several municipalities: send municipalityId.',
      });
    }
    if (!app.municipalities.includes(chosen)) {
      throw forbidden({
        nl: `Deze toepassing mag niet schrijven voor ${chosen}.`,
        en: `This application may not write for ${chosen}.`,
      });
    }
    const municipality = await municipalityOf(services, chosen);
    if (municipality.tenantId !== app.tenantId) {
      throw forbidden({
        nl: 'Het token komt uit een andere tenant dan die van de gemeente.',
        en: 'The token comes from another tenant than the municipality’s.',
      });
    }
    const writes = parsed.data.tenders.map((t, i) => {
      try {
        return parseTenderWrite(t, services.catalogue.cpv.problemOf);
      } catch (error) {
        if (isDomainError(error)) {
          const details = error.details.map((d) => `tenders[${i}].${d}`);
          throw validationError(
            {
              nl: `Aanbesteding ${i + 1} klopt niet: ${details.join('; ')}`,
              en: `Tender ${i + 1} is invalid: ${details.join('; ')}`,
            },
            details,
          );
        }
        throw error;
      }
    });
    const results = await upsertTenders(services, municipality, writes);
    return json(200, { municipalityId: municipality.id, results });
  });
