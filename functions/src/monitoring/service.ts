/**
 * Monitoring use cases: a project records MVI in its tender; the MVI team and the board
 * read the year's report (JSON for the tab, .docx for the board, CSV per tender).
 */
import {
  forbidden,
  monitoringReport,
  monitoringTrend,
  parseTenderMviWrite,
  regionalComparison,
  validationError,
  adviceRequestFor,
  canRecordMvi,
  type MonitoringInput,
  type MonitoringReport,
  type Municipality,
  type Principal,
  type RegionalComparison,
  type Tender,
} from '../../../core/src/index.js';
import { policyFor } from '../../../core/src/catalogue/catalogue.js';
import { dateIn } from '../../../core/src/nudges/index.js';
import type { Services } from '../services.js';
import { editedMeanwhile, municipalityOf, visibleTender } from '../tenders/service.js';
import { syncNeighbourRecord } from '../neighbours/service.js';

type Lang = 'nl' | 'en';

export async function recordMvi(
  services: Services,
  principal: Principal,
  reference: string,
  body: unknown,
  ifMatch: string | undefined,
): Promise<{ tender: Tender; etag: string }> {
  const current = await visibleTender(services, principal, reference);
  if (!canRecordMvi(principal, current.value)) {
    throw forbidden({
      nl: 'Alleen de opdrachtgever, een inkoper of het MVI-team legt vast welk MVI in deze aanbesteding zit.',
      en: 'Only the commissioning manager, a buyer or the MVI team records the MVI of this tender.',
    });
  }
  if (ifMatch && ifMatch !== current.etag) throw editedMeanwhile();
  const mvi = parseTenderMviWrite(
    body,
    (id) => services.catalogue.criteriaById.has(id),
    services.clock.now(),
  );
  const next: Tender = { ...current.value, mvi, updatedAt: services.clock.now().toISOString() };
  const written = await services.nudges.tenders.replace(next, current.etag);
  if (!written) throw editedMeanwhile();
  await syncNeighbourRecord(services, current.value, next);
  return { tender: next, etag: written.etag };
}

/** `?year=`: a calendar year from 2015 up to next year; default this year. */
export function parseYear(value: string | null, now: Date): number {
  const thisYear = Number(dateIn(now, 'Europe/Amsterdam').slice(0, 4));
  if (value === null || value === '') return thisYear;
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2015 || year > thisYear + 1) {
    throw validationError({
      nl: `Kies een jaar van 2015 tot en met ${thisYear + 1}.`,
      en: `Choose a year from 2015 to ${thisYear + 1}.`,
    });
  }
  return year;
}

/** The reader's year; `trend` adds the years before it (the page and the board's report show them, the CSV does not). */
export async function monitoringFor(
  services: Services,
  principal: Principal,
  yearParam: string | null,
  lang: Lang,
  options: { trend: boolean } = { trend: true },
): Promise<MonitoringReport> {
  const year = parseYear(yearParam, services.clock.now());
  const municipality = await municipalityOf(services, principal.municipalityId);
  const reach = await services.sessions.reach(principal, `${year}-01-01`, `${year}-12-31`);
  return reportOf(services, municipality, year, lang, {
    reach: {
      sessions: reach.totals.sessions,
      attendances: reach.totals.attendances,
      people: reach.totals.uniquePeople,
    },
    trend: options.trend,
  });
}

/**
 * The year side by side with the other municipalities of the reader's regional programme:
 * their headline figures only (counts, sums, goals), no tenders or people.
 */
export async function regionFor(
  services: Services,
  principal: Principal,
  yearParam: string | null,
  lang: Lang,
  ownReport?: MonitoringReport,
): Promise<RegionalComparison> {
  const year = parseYear(yearParam, services.clock.now());
  const own = await municipalityOf(services, principal.municipalityId);
  const members = (await services.repos.municipalities.list()).filter((m) => m.regionId === own.regionId);
  // The reader's own report, when the caller has it already, is not built twice.
  const reports = await Promise.all(
    members.map(async (m) =>
      ownReport?.municipality.id === m.id && ownReport.year === year
        ? ownReport
        : await reportOf(services, m, year, lang),
    ),
  );
  return regionalComparison(reports, own.id);
}

async function reportOf(
  services: Services,
  municipality: Municipality,
  year: number,
  lang: Lang,
  options: { reach?: MonitoringInput['reach']; trend?: boolean } = {},
): Promise<MonitoringReport> {
  const tenders = await services.nudges.tenders.list(municipality.id);
  // The engine says once per tender what the policy asks of it; every year below reuses that.
  const input: Omit<MonitoringInput, 'year' | 'reach'> = {
    municipality: { id: municipality.id, name: municipality.name },
    lang,
    catalogue: services.catalogue,
    policy: policyFor(services.catalogue, municipality.id),
    tenders: tenders.map(({ value: tender }) => ({
      tender,
      duties: services.engine.duties(
        services.engine.parseRequest(adviceRequestFor(tender, lang), { unknownCpv: 'ignore' }),
      ),
    })),
  };
  const report = monitoringReport({ ...input, year, ...(options.reach ? { reach: options.reach } : {}) });
  return options.trend ? { ...report, trend: monitoringTrend(input, year) } : report;
}
