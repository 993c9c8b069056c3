/**
 * The MVI team's reach report over the sessions of its municipality and region-wide sessions
 * of its region, as JSON (for the chart), CSV (semicolons and a BOM, for Dutch Excel) and
 * XLSX (one sheet per table). The export holds counts only, never names.
 */
import { stringify } from 'csv-stringify/sync';
import { safeCell } from '../../../core/src/kernel/csv.js';
import { validationError } from '../../../core/src/index.js';
import { reachReport, type ReachReport, type SessionActor } from '../../../core/src/sessions/index.js';
import { sessionKey } from '../storage/session-store.js';
import { mapLimit, partitionsOf, type SessionDeps } from './context.js';

export interface ReachRange {
  from: string;
  to: string;
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** `from`/`to` as dates (YYYY-MM-DD); default: the last twelve months up to today. */
export function parseRange(from: string | null, to: string | null, now: Date): ReachRange {
  const today = now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
  const yearAgo = new Date(now.getTime() - 365 * 24 * 3600 * 1000).toLocaleDateString('sv-SE', {
    timeZone: 'Europe/Amsterdam',
  });
  const range = { from: from ?? yearAgo, to: to ?? today };
  if (
    !isoDay.test(range.from) ||
    !isoDay.test(range.to) ||
    Number.isNaN(Date.parse(range.from)) ||
    Number.isNaN(Date.parse(range.to)) ||
    range.from > range.to
  ) {
    throw validationError({
      nl: 'Kies een periode met van en tot als datum (JJJJ-MM-DD), van vóór tot.',
      en: 'Choose a period with from and to as dates (YYYY-MM-DD), from before to.',
    });
  }
  return range;
}

export async function reachFor(
  deps: SessionDeps,
  actor: SessionActor,
  range: ReachRange,
): Promise<ReachReport & { range: ReachRange }> {
  const { region, partitions } = await partitionsOf(deps, actor);
  const at = deps.clock.now().getTime();
  const inRange = (start: string): boolean => {
    const day = new Date(start).toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
    return day >= range.from && day <= range.to && Date.parse(start) <= at;
  };
  const sessions = (await Promise.all(partitions.map((p) => deps.sessions.list(p))))
    .flat()
    .filter(
      (s) =>
        (s.municipalityId === actor.municipalityId || (s.regionWide && s.regionId === region)) &&
        inRange(s.start),
    );
  const keys = new Set(sessions.map(sessionKey));
  const [attendance, feedback] = await Promise.all([
    deps.attendance.listUnder(partitions),
    deps.feedback.listUnder(partitions),
  ]);
  const rosters = await mapLimit(
    sessions,
    8,
    async (s) => [s.id, (await deps.registrations.roster(sessionKey(s))).registered] as const,
  );
  const report = reachReport({
    sessions,
    attendance: attendance.filter((a) => keys.has(a.sessionKey)).map((a) => a.record),
    registered: new Map(rosters),
    feedback: feedback.filter((f) => keys.has(f.sessionKey)).map((f) => f.feedback),
  });
  return { ...report, range };
}

type Lang = 'nl' | 'en';

const H = {
  nl: {
    sessions: 'Sessies',
    months: 'Per maand',
    departments: 'Per afdeling',
    municipalities: 'Per gemeente',
    repeat: 'Herhaling',
    totals: 'Totaal',
    session: [
      'Sessie',
      'Soort',
      'Datum',
      'Gemeente',
      'Regionaal',
      'Capaciteit',
      'Aangemeld',
      'Aanwezig',
      'Niet gekomen',
      'Beoordelingen',
      'Gemiddelde beoordeling',
    ],
    month: ['Maand', 'Sessies', 'Aanwezigen', 'Nieuw bereikt', 'Bereikt tot nu toe'],
    department: ['Afdeling', 'Personen', 'Aanwezigen'],
    municipality: ['Gemeente', 'Personen', 'Aanwezigen'],
    repeatRows: [['Eén sessie'], ['Twee sessies'], ['Drie of meer']],
    repeatHead: ['Aantal sessies', 'Personen'],
    totalRows: [
      'Sessies',
      'Aanwezigen',
      'Unieke personen',
      'Personen die vaker kwamen',
      'Geanonimiseerde aanwezigen',
      'Gemiddelde beoordeling',
      'Van',
      'Tot',
    ],
    totalHead: ['Meting', 'Waarde'],
    unknown: 'Onbekend',
    yes: 'ja',
    no: 'nee',
  },
  en: {
    sessions: 'Sessions',
    months: 'Per month',
    departments: 'Per department',
    municipalities: 'Per municipality',
    repeat: 'Repeat',
    totals: 'Totals',
    session: [
      'Session',
      'Type',
      'Date',
      'Municipality',
      'Region-wide',
      'Capacity',
      'Registered',
      'Present',
      'No-show',
      'Ratings',
      'Average rating',
    ],
    month: ['Month', 'Sessions', 'Attendances', 'Newly reached', 'Reached so far'],
    department: ['Department', 'People', 'Attendances'],
    municipality: ['Municipality', 'People', 'Attendances'],
    repeatRows: [['One session'], ['Two sessions'], ['Three or more']],
    repeatHead: ['Sessions attended', 'People'],
    totalRows: [
      'Sessions',
      'Attendances',
      'Unique people',
      'People who came again',
      'Anonymised attendances',
      'Average rating',
      'From',
      'To',
    ],
    totalHead: ['Measure', 'Value'],
    unknown: 'Unknown',
    yes: 'yes',
    no: 'no',
  },
} as const;

type Cell = string | number | null;

export const EXPORT_TABLES = [
  'sessions',
  'months',
  'departments',
  'municipalities',
  'repeat',
  'totals',
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

/** The report's tables as header + rows, in the caller's language. */
export function reachTables(
  report: ReachReport & { range: ReachRange },
  lang: Lang,
): Record<ExportTable, { title: string; header: string[]; rows: Cell[][] }> {
  const h = H[lang];
  const day = (iso: string): string =>
    new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
  return {
    sessions: {
      title: h.sessions,
      header: [...h.session],
      rows: report.sessions.map((s) => [
        s.title,
        s.type,
        day(s.start),
        s.municipalityId,
        s.regionWide ? h.yes : h.no,
        s.capacity,
        s.registered,
        s.present,
        s.noShow,
        s.ratings,
        s.averageRating,
      ]),
    },
    months: {
      title: h.months,
      header: [...h.month],
      rows: report.months.map((m) => [m.month, m.sessions, m.attendances, m.newPeople, m.cumulativePeople]),
    },
    departments: {
      title: h.departments,
      header: [...h.department],
      rows: report.departments.map((d) => [d.key || h.unknown, d.people, d.attendances]),
    },
    municipalities: {
      title: h.municipalities,
      header: [...h.municipality],
      rows: report.municipalities.map((d) => [d.key || h.unknown, d.people, d.attendances]),
    },
    repeat: {
      title: h.repeat,
      header: [...h.repeatHead],
      rows: [
        [h.repeatRows[0][0], report.repeat.once],
        [h.repeatRows[1][0], report.repeat.twice],
        [h.repeatRows[2][0], report.repeat.threeOrMore],
      ],
    },
    totals: {
      title: h.totals,
      header: [...h.totalHead],
      rows: [
        report.totals.sessions,
        report.totals.attendances,
        report.totals.uniquePeople,
        report.totals.repeatPeople,
        report.totals.anonymousAttendances,
        report.totals.averageRating,
        report.range.from,
        report.range.to,
      ].map((v, i) => [h.totalRows[i]!, v]),
    },
  };
}

/** Dutch Excel reads semicolons, a BOM for UTF-8, and decimal commas. */
export function reachCsv(
  report: ReachReport & { range: ReachRange },
  table: ExportTable,
  lang: Lang,
): string {
  const t = reachTables(report, lang)[table];
  // Titles and department names are typed by people: never run as a formula (numbers stay numbers).
  const cell = (v: Cell): string =>
    v === null
      ? ''
      : typeof v === 'number'
        ? lang === 'nl'
          ? String(v).replace('.', ',')
          : String(v)
        : String(safeCell(v));
  return `\uFEFF${stringify([t.header, ...t.rows.map((r) => r.map(cell))], { delimiter: lang === 'nl' ? ';' : ',' })}`;
}

export async function reachXlsx(
  report: ReachReport & { range: ReachRange },
  lang: Lang,
): Promise<Uint8Array> {
  // exceljs is large: loaded on the first export, not on every cold start.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'MVI Companion';
  workbook.created = new Date(`${report.range.to}T12:00:00Z`);
  const tables = reachTables(report, lang);
  for (const name of ['totals', 'sessions', 'months', 'departments', 'municipalities', 'repeat'] as const) {
    const t = tables[name];
    const sheet = workbook.addWorksheet(t.title);
    sheet.addRow(t.header).font = { bold: true };
    for (const row of t.rows) sheet.addRow(row.map(safeCell));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.columns.forEach((column, i) => {
      const widest = Math.max(t.header[i]?.length ?? 8, ...t.rows.map((r) => String(r[i] ?? '').length));
      column.width = Math.min(60, Math.max(10, widest + 2));
    });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
