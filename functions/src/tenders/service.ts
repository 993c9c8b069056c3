/**
 * The tender pipeline's use cases: create, edit, archive, import a procurement plan and
 * upsert from other systems. Managers given by e-mail are resolved in Entra ID through
 * Graph; every write re-plans the tender's nudges. Thin HTTP functions call these.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { webAdvice, type WebAdvice } from '../ambitieweb/service.js';
import type { Advice } from '../../../core/src/engine/advise.js';
import {
  DomainError,
  applyTenderWrite,
  conflict,
  hasRole,
  canManageTenders,
  canRecordMvi,
  canSeeTender,
  canSnooze,
  notFound,
  referenceKey,
  sameReference,
  tenderChanges,
  validationError,
  type LocalizedText,
  type Membership,
  type Municipality,
  type Principal,
  type Tender,
  type TenderWrite,
  adviceRequestFor,
} from '../../../core/src/index.js';
import {
  byStage,
  calendarFor,
  dateIn,
  nudgeDeliveryView,
  nudgeView,
  reconcileTender,
  type NudgeDeliveryView,
  type NudgeView,
  type Versioned,
} from '../../../core/src/nudges/index.js';
import { detectDelimiter, readPlanRows } from '../../../core/src/tender-import.js';
import type { Services } from '../services.js';
import { mapLimit } from '../nudges/dispatcher.js';
import { syncNeighbourRecord } from '../neighbours/service.js';

export type Language = 'nl' | 'en';

const say = (nl: string, en: string): LocalizedText => ({ nl, en });

export interface TenderDetail {
  tender: Tender;
  advice: Advice & { ambitieweb: WebAdvice['ambitieweb'] };
  nudges: NudgeView[] | NudgeDeliveryView[];
  snoozedUntil: string | null;
  permissions: { edit: boolean; snooze: boolean; seeDelivery: boolean; recordMvi: boolean };
}

const tenderNotFound = (reference: string): DomainError =>
  notFound({
    nl: `Aanbesteding ${reference} bestaat niet bij uw gemeente.`,
    en: `Tender ${reference} does not exist in your municipality.`,
  });

export async function municipalityOf(services: Services, municipalityId: string): Promise<Municipality> {
  const m = await services.repos.municipalities.get(municipalityId);
  if (!m)
    throw notFound({
      nl: `Gemeente ${municipalityId} is onbekend.`,
      en: `Municipality ${municipalityId} is unknown.`,
    });
  return m;
}

/** A tender the caller may see, or 404 (also for other municipalities' tenders: they do not exist for the caller). */
export async function visibleTender(
  services: Services,
  principal: Principal,
  reference: string,
): Promise<Versioned<Tender>> {
  const found = await services.nudges.tenders.get(principal.municipalityId, reference);
  if (!found || !canSeeTender(principal, found.value)) throw tenderNotFound(reference);
  return found;
}

/**
 * Fills in the commissioning managers from Entra ID: an e-mail address gets its object id
 * and name, an object id its e-mail address. Returns per tender what could not be resolved.
 */
export async function resolveManagers(
  services: Services,
  tenantId: string,
  writes: readonly TenderWrite[],
): Promise<{ writes: TenderWrite[]; problems: Map<number, LocalizedText[]> }> {
  const problems = new Map<number, LocalizedText[]>();
  const directory = services.nudges.directory;
  if (!directory) return { writes: await resolveFromRegister(services, tenantId, writes), problems };
  const keys = writes
    .map((w) => w.commissioningManager.userId ?? w.commissioningManager.upn ?? '')
    .filter(Boolean);
  const found = await directory.lookup(tenantId, keys);
  const out = writes.map((write, index) => {
    const manager = write.commissioningManager;
    const key = manager.userId ?? manager.upn ?? '';
    const result = found.get(key);
    if (!result) return write;
    if (!result.found) {
      if (result.reason === 'unavailable') {
        throw new DomainError(
          'unavailable',
          say(
            'Microsoft Graph is nu niet bereikbaar, dus de opdrachtgevers kunnen niet worden gecontroleerd. Probeer het zo opnieuw.',
            'Microsoft Graph is unavailable right now, so the commissioning managers cannot be checked. Please try again shortly.',
          ),
          result.detail ? [result.detail] : [],
        );
      }
      problems.set(index, [
        say(
          `Opdrachtgever ${key} is niet gevonden in Entra ID.`,
          `Commissioning manager ${key} was not found in Entra ID.`,
        ),
      ]);
      return write;
    }
    return {
      ...write,
      commissioningManager: {
        userId: result.user.id,
        upn: (manager.upn ?? result.user.userPrincipalName).toLowerCase(),
        displayName: result.user.displayName || manager.displayName || result.user.userPrincipalName,
      },
    };
  });
  return { writes: out, problems };
}

/**
 * Without Graph (local runs): a manager given by e-mail gets the object id of the member with
 * that user principal name in the membership register; someone the register does not know
 * stays unresolved (kept as given, acting on the tender only once resolved).
 */
async function resolveFromRegister(
  services: Services,
  tenantId: string,
  writes: readonly TenderWrite[],
): Promise<TenderWrite[]> {
  // One look-up per distinct e-mail address, however many rows name it.
  const found = new Map<string, Promise<Membership | undefined>>();
  return Promise.all(
    writes.map(async (write) => {
      const manager = write.commissioningManager;
      if (manager.userId || !manager.upn) return write;
      const key = manager.upn.toLowerCase();
      if (!found.has(key)) found.set(key, services.repos.members.findByUpn(tenantId, key));
      const member = await found.get(key);
      if (!member) return write;
      return {
        ...write,
        commissioningManager: {
          userId: member.userId,
          upn: key,
          displayName: manager.displayName || member.displayName,
        },
      };
    }),
  );
}

async function resolveOne(
  services: Services,
  municipality: Municipality,
  write: TenderWrite,
): Promise<TenderWrite> {
  const { writes, problems } = await resolveManagers(services, municipality.tenantId, [write]);
  const problem = problems.get(0);
  if (problem) throw validationError(problem[0]!, [problem[0]!.en]);
  return writes[0]!;
}

export async function createTender(
  services: Services,
  principal: Principal,
  write: TenderWrite,
): Promise<{ tender: Tender; nudges: NudgeView[] }> {
  const municipality = await municipalityOf(services, principal.municipalityId);
  const resolved = await resolveOne(services, municipality, write);
  const tender = applyTenderWrite(undefined, resolved, {
    municipalityId: municipality.id,
    source: 'api',
    now: services.clock.now(),
  });
  const created = await services.nudges.tenders.create(tender);
  if (!created) {
    throw conflict({
      nl: `Er is al een aanbesteding met referentie ${write.reference}.`,
      en: `A tender with reference ${write.reference} exists already.`,
    });
  }
  const nudges = await services.nudges.replan(tender);
  return { tender, nudges: nudges.sort(byStage).map(nudgeView) };
}

/** Replaces a tender's writable fields; `ifMatch` (the ETag the caller read) guards against overwriting someone else's edit. */
export async function updateTender(
  services: Services,
  principal: Principal,
  reference: string,
  write: TenderWrite,
  ifMatch: string | undefined,
): Promise<{ tender: Tender; etag: string }> {
  if (!sameReference(write.reference, reference)) {
    throw validationError(
      say(
        'De referentie in de inhoud verschilt van die in het adres.',
        'The reference in the body differs from the one in the URL.',
      ),
    );
  }
  const municipality = await municipalityOf(services, principal.municipalityId);
  const current = await services.nudges.tenders.get(municipality.id, reference);
  if (!current) throw tenderNotFound(reference);
  if (ifMatch && ifMatch !== current.etag) throw editedMeanwhile();
  const resolved = await resolveOne(services, municipality, write);
  const next = applyTenderWrite(current.value, resolved, {
    municipalityId: municipality.id,
    source: 'api',
    now: services.clock.now(),
  });
  const written = await services.nudges.tenders.replace(next, current.etag);
  if (!written) throw editedMeanwhile();
  await services.nudges.replan(next);
  // A new title or value may change what the tender is about in the region's summary.
  await syncNeighbourRecord(services, current.value, next);
  return { tender: next, etag: written.etag };
}

export const editedMeanwhile = (): DomainError =>
  conflict({
    nl: 'Iemand anders heeft deze aanbesteding intussen gewijzigd. Laad hem opnieuw en probeer het nog eens.',
    en: 'Someone else changed this tender meanwhile. Reload it and try again.',
  });

export async function archiveTender(
  services: Services,
  principal: Principal,
  reference: string,
): Promise<Tender> {
  const current = await services.nudges.tenders.get(principal.municipalityId, reference);
  if (!current) throw tenderNotFound(reference);
  if (current.value.status === 'archived') return current.value;
  const next: Tender = {
    ...current.value,
    status: 'archived',
    updatedAt: services.clock.now().toISOString(),
  };
  if (!(await services.nudges.tenders.replace(next, current.etag))) throw editedMeanwhile();
  await services.nudges.replan(next);
  return next;
}

export async function tenderDetail(
  services: Services,
  principal: Principal,
  reference: string,
  lang: Language,
): Promise<{ detail: TenderDetail; etag: string }> {
  const { value: tender, etag } = await visibleTender(services, principal, reference);
  const [nudges, snooze] = await Promise.all([
    services.nudges.store.listForTender(tender.municipalityId, tender.reference),
    services.nudges.settings.getSnooze(tender.municipalityId, tender.reference),
  ]);
  const seeDelivery = hasRole(principal, 'mvi-admin');
  let records = nudges.map((n) => n.value).sort(byStage);
  if (records.length === 0 && tender.status !== 'archived') {
    // Not planned yet (a tender written by another path before the timer ran): show the plan it will get.
    const [plan, municipality] = await Promise.all([
      services.nudges.planFor(tender.municipalityId),
      municipalityOf(services, tender.municipalityId),
    ]);
    records = reconcileTender({
      tender,
      tenantId: municipality.tenantId,
      plan,
      calendar: calendarFor(plan),
      existing: [],
      now: services.clock.now(),
    }).sort(byStage);
  }
  const fromWeb = await webAdvice(services, tender.municipalityId, lang, { tender });
  const request = services.engine.parseRequest(
    { ...adviceRequestFor(tender, lang), ...fromWeb.request },
    { unknownCpv: 'ignore' },
  );
  return {
    etag,
    detail: {
      tender,
      advice: {
        ...services.engine.advise(request, dateIn(services.clock.now(), 'Europe/Amsterdam')),
        ambitieweb: fromWeb.ambitieweb,
      },
      nudges: seeDelivery ? records.map(nudgeDeliveryView) : records.map(nudgeView),
      snoozedUntil: snooze?.until ?? null,
      permissions: {
        edit: canManageTenders(principal),
        snooze: canSnooze(principal, tender),
        seeDelivery,
        recordMvi: canRecordMvi(principal, tender),
      },
    },
  };
}

export interface ImportRowReport {
  line: number;
  reference: string;
  title: string;
  status: 'accepted' | 'rejected';
  action: 'create' | 'update' | 'unchanged' | null;
  errors: string[];
  warnings: string[];
}

export interface ImportReport {
  dryRun: boolean;
  imported: boolean;
  summary: {
    rows: number;
    accepted: number;
    rejected: number;
    create: number;
    update: number;
    unchanged: number;
  };
  problems: string[];
  rows: ImportRowReport[];
}

const MAX_CSV_BYTES = 2 * 1024 * 1024;

/** Tokenises a spreadsheet export (`;` or `,`, BOM, quotes). */
export function tokeniseCsv(text: string): string[][] {
  if (Buffer.byteLength(text, 'utf8') > MAX_CSV_BYTES) {
    throw validationError(say('Het bestand is groter dan 2 MB.', 'The file is larger than 2 MB.'));
  }
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  try {
    return parseCsv(text, {
      delimiter: detectDelimiter(header),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw validationError(
      say(`Het bestand is geen leesbare CSV: ${detail}`, `The file is not readable CSV: ${detail}`),
      [detail],
    );
  }
}

/**
 * Imports a procurement plan: a dry run only reports; a real import writes every row or none
 * (nothing when any row is rejected), and is idempotent by reference: importing the same file
 * again updates nothing and never duplicates.
 */
export async function importPlan(
  services: Services,
  principal: Principal,
  csv: string,
  options: { dryRun: boolean; lang: Language },
): Promise<ImportReport> {
  const { lang } = options;
  const municipality = await municipalityOf(services, principal.municipalityId);
  const { verdicts, problems } = readPlanRows(tokeniseCsv(csv), {
    municipality: { id: municipality.id, name: municipality.name },
    checkCpv: services.catalogue.cpv.problemOf,
  });
  const accepted = verdicts.filter((v) => v.tender && v.errors.length === 0);
  const { writes, problems: people } = await resolveManagers(
    services,
    municipality.tenantId,
    accepted.map((v) => v.tender!),
  );
  const resolved = new Map(accepted.map((v, i) => [v.line, writes[i]!]));
  accepted.forEach((v, i) => v.errors.push(...(people.get(i) ?? [])));
  if (!services.nudges.directory && accepted.length) {
    for (const v of accepted)
      v.warnings.push(
        say(
          'Opdrachtgever niet gecontroleerd: Microsoft Graph is niet ingesteld.',
          'Commissioning manager not checked: Microsoft Graph is not configured.',
        ),
      );
  }

  const existing = new Map(
    (await services.nudges.tenders.list(municipality.id)).map((t) => [
      referenceKey(t.value.reference),
      t.value,
    ]),
  );
  const now = services.clock.now();
  const rows: ImportRowReport[] = [];
  const toWrite: { before: Tender | undefined; after: Tender }[] = [];
  for (const v of verdicts) {
    const write = v.errors.length === 0 ? resolved.get(v.line) : undefined;
    const before = existing.get(referenceKey(v.reference));
    const action = write ? tenderChanges(before, write) : null;
    if (write && action !== 'unchanged')
      toWrite.push({
        before,
        after: applyTenderWrite(before, write, { municipalityId: municipality.id, source: 'csv', now }),
      });
    rows.push({
      line: v.line,
      reference: v.reference,
      title: v.title,
      status: write ? 'accepted' : 'rejected',
      action,
      errors: v.errors.map((e) => e[lang]),
      warnings: v.warnings.map((w) => w[lang]),
    });
  }
  const count = (a: ImportRowReport['action']): number => rows.filter((r) => r.action === a).length;
  const report: ImportReport = {
    dryRun: options.dryRun,
    imported: false,
    summary: {
      rows: rows.length,
      accepted: rows.filter((r) => r.status === 'accepted').length,
      rejected: rows.filter((r) => r.status === 'rejected').length,
      create: count('create'),
      update: count('update'),
      unchanged: count('unchanged'),
    },
    problems: problems.map((p) => p[lang]),
    rows,
  };
  if (options.dryRun || report.problems.length > 0 || report.summary.rejected > 0 || rows.length === 0)
    return report;

  await writeAllOrNothing(services, municipality.id, toWrite);
  await mapLimit(toWrite, 8, ({ after }) => services.nudges.replan(after));
  await mapLimit(toWrite, 8, ({ before, after }) => syncNeighbourRecord(services, before, after));
  return { ...report, imported: true };
}

/**
 * Writes the tenders in entity-group transactions (100 per transaction, the Table storage
 * limit). Should a later transaction fail, the earlier ones are undone, so the file is
 * imported whole or not at all.
 */
async function writeAllOrNothing(
  services: Services,
  municipalityId: string,
  changes: readonly { before: Tender | undefined; after: Tender }[],
): Promise<void> {
  const store = services.nudges.tenders;
  const CHUNK = 100;
  let committed = 0;
  try {
    for (; committed < changes.length; committed += CHUNK) {
      await store.upsertAll(
        municipalityId,
        changes.slice(committed, committed + CHUNK).map((c) => c.after),
      );
    }
  } catch (error) {
    const done = changes.slice(0, committed);
    const restore = done.filter((c) => c.before).map((c) => c.before!);
    await store.upsertAll(municipalityId, restore).catch(() => undefined);
    await Promise.all(
      done
        .filter((c) => !c.before)
        .map((c) => store.remove(municipalityId, c.after.reference).catch(() => undefined)),
    );
    throw error;
  }
}

export interface UpsertResult {
  reference: string;
  action: 'create' | 'update' | 'unchanged';
}

/** Upserts tenders from another system (app-only): all valid or none written. */
export async function upsertTenders(
  services: Services,
  municipality: Municipality,
  writes: readonly TenderWrite[],
): Promise<UpsertResult[]> {
  const seen = new Set<string>();
  for (const w of writes) {
    if (seen.has(referenceKey(w.reference)))
      throw validationError(
        say(`Referentie ${w.reference} staat er twee keer in.`, `Reference ${w.reference} appears twice.`),
      );
    seen.add(referenceKey(w.reference));
  }
  const { writes: resolved, problems } = await resolveManagers(services, municipality.tenantId, writes);
  if (problems.size > 0) {
    const details = [...problems.entries()].map(
      ([i, p]) => `${writes[i]!.reference}: ${p.map((x) => x.en).join('; ')}`,
    );
    throw validationError(
      say(
        `Niet alle aanbestedingen zijn geldig: ${details.join(' | ')}`,
        `Not every tender is valid: ${details.join(' | ')}`,
      ),
      details,
    );
  }
  const existing = new Map(
    (await services.nudges.tenders.list(municipality.id)).map((t) => [
      referenceKey(t.value.reference),
      t.value,
    ]),
  );
  const now = services.clock.now();
  const results: UpsertResult[] = [];
  const changes: { before: Tender | undefined; after: Tender }[] = [];
  for (const write of resolved) {
    const before = existing.get(referenceKey(write.reference));
    const action = tenderChanges(before, write);
    results.push({ reference: write.reference, action });
    if (action !== 'unchanged')
      changes.push({
        before,
        after: applyTenderWrite(before, write, {
          municipalityId: municipality.id,
          source: 'integration',
          now,
        }),
      });
  }
  await writeAllOrNothing(services, municipality.id, changes);
  await mapLimit(changes, 8, ({ after }) => services.nudges.replan(after));
  await mapLimit(changes, 8, ({ before, after }) => syncNeighbourRecord(services, before, after));
  return results;
}
