/**
 * The monitoring report as files: a Word document for the board (bestuur) and a CSV with
 * one row per tender for the MVI team's own analysis. Counts and tender data only; no
 * names of people.
 */
import { stringify } from 'csv-stringify/sync';
import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { AMBITION_LABELS, CRITERION_TYPE_LABELS } from '../../../core/src/content/labels.js';
import {
  AMBITION_LEVELS,
  CRITERION_TYPES,
  formatEur,
  NO_MVI_REASON_LABELS,
  REALISATIONS,
  REALISATION_LABELS,
  type MonitoringReport,
  type RegionalComparison,
  type HeadlineFigures,
} from '../../../core/src/index.js';
import { safeCell } from '../../../core/src/kernel/csv.js';

type Lang = 'nl' | 'en';

const T = {
  nl: {
    title: (m: string, y: number) => `MVI-monitoring ${m} ${y}`,
    generated: 'Samengesteld met MVI Companion op',
    summary: 'Samenvatting',
    summaryText: (r: MonitoringReport, eur: (n: number) => string) =>
      `In ${r.year} hadden ${r.tenders.total} aanbestedingen hun aftrap; ${r.tenders.recorded} daarvan hebben een MVI-registratie. ` +
      `${r.tenders.withMvi} aanbestedingen bevatten MVI-criteria, samen ${eur(r.tenders.valueWithMviEur)} van ${eur(r.tenders.totalValueEur)} geraamde waarde. ` +
      `Social return is gevraagd in ${r.socialReturn.applied} aanbestedingen: samen ${eur(r.socialReturn.committedEur)}.`,
    goals: 'Doelen uit het actieplan',
    goalHead: ['Doel', 'Streven', 'Stand', 'Geteld', 'Gehaald'],
    themes: "Thema's",
    themeHead: ['Thema', 'Aanbestedingen', 'Criteria'],
    kinds: 'Soort criteria en ambitieniveau',
    kindHead: ['Soort of niveau', 'Criteria'],
    realisation: 'Realisatie bij levering',
    realisationHead: ['Stand', 'Aanbestedingen'],
    reach: 'Bereik van kennissessies',
    reachHead: ['Meting', 'Aantal'],
    reachRows: ['Sessies', 'Aanwezigen', 'Unieke personen'],
    tenders: 'Aanbestedingen',
    tenderHead: [
      'Referentie',
      'Titel',
      'Aftrap',
      'Waarde',
      'MVI verplicht',
      'Criteria',
      "Thema's",
      'Social return',
      'Realisatie',
    ],
    yes: 'ja',
    no: 'nee',
    unknown: 'onbekend',
    none: '—',
    noReach: 'Geen sessies in dit jaar.',
    region: 'In de regio',
    regionText:
      'De kerncijfers van de gemeenten in het regionale programma, naast elkaar; het streven staat tussen haakjes.',
    municipality: 'Gemeente',
    figuresHead: ['Aanbestedingen', 'Met MVI', 'Waarde met MVI', 'Social return'],
    regionTotal: 'Regio samen',
    trend: 'Verloop over de jaren',
    year: 'Jaar',
    csvHead: [
      'Referentie',
      'Titel',
      'Status',
      'Aftrap',
      'Geraamde waarde (EUR)',
      'MVI verplicht',
      'Geregistreerd',
      'Toegepaste criteria',
      "Thema's",
      'Social return verplicht',
      'Social return (%)',
      'Social return (EUR)',
      'Reden zonder MVI',
      'Realisatie',
      'Resultaten',
    ],
  },
  en: {
    title: (m: string, y: number) => `MVI monitoring ${m} ${y}`,
    generated: 'Compiled with MVI Companion on',
    summary: 'Summary',
    summaryText: (r: MonitoringReport, eur: (n: number) => string) =>
      `In ${r.year}, ${r.tenders.total} tenders had their kickoff; ${r.tenders.recorded} of them have an MVI record. ` +
      `${r.tenders.withMvi} tenders contain MVI criteria, together ${eur(r.tenders.valueWithMviEur)} of ${eur(r.tenders.totalValueEur)} estimated value. ` +
      `Social return was asked in ${r.socialReturn.applied} tenders: ${eur(r.socialReturn.committedEur)} in total.`,
    goals: "The action plan's goals",
    goalHead: ['Goal', 'Target', 'Actual', 'Counted', 'Met'],
    themes: 'Themes',
    themeHead: ['Theme', 'Tenders', 'Criteria'],
    kinds: 'Criterion types and ambition levels',
    kindHead: ['Type or level', 'Criteria'],
    realisation: 'Realisation at delivery',
    realisationHead: ['State', 'Tenders'],
    reach: 'Reach of knowledge sessions',
    reachHead: ['Measure', 'Count'],
    reachRows: ['Sessions', 'Attendances', 'Unique people'],
    tenders: 'Tenders',
    tenderHead: [
      'Reference',
      'Title',
      'Kickoff',
      'Value',
      'MVI required',
      'Criteria',
      'Themes',
      'Social return',
      'Realisation',
    ],
    yes: 'yes',
    no: 'no',
    unknown: 'unknown',
    none: '—',
    noReach: 'No sessions this year.',
    region: 'In the region',
    regionText:
      "The key figures of the regional programme's municipalities side by side; the target in brackets.",
    municipality: 'Municipality',
    figuresHead: ['Tenders', 'With MVI', 'Value with MVI', 'Social return'],
    regionTotal: 'Region together',
    trend: 'Over the years',
    year: 'Year',
    csvHead: [
      'Reference',
      'Title',
      'Status',
      'Kickoff',
      'Estimated value (EUR)',
      'MVI required',
      'Recorded',
      'Criteria applied',
      'Themes',
      'Social return required',
      'Social return (%)',
      'Social return (EUR)',
      'Reason without MVI',
      'Realisation',
      'Results',
    ],
  },
} as const;

const table = (head: readonly string[], rows: readonly (readonly string[])[]): Table =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: head.map(
          (h) =>
            new TableCell({
              children: [new Paragraph({ children: [new TextRun({ text: h, bold: true })] })],
            }),
        ),
      }),
      ...rows.map(
        (row) =>
          new TableRow({ children: row.map((cell) => new TableCell({ children: [new Paragraph(cell)] })) }),
      ),
    ],
  });

const heading = (text: string): Paragraph =>
  new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] });

/** The board's report as .docx; with the region beside it when the reader's programme has more than one municipality. */
export async function monitoringDocx(
  report: MonitoringReport,
  lang: Lang,
  date: string,
  region?: RegionalComparison,
): Promise<Buffer> {
  const t = T[lang];
  const eur = (n: number): string => formatEur(n, lang);
  const pct = (n: number | null): string =>
    n === null ? t.none : `${String(n).replace('.', lang === 'nl' ? ',' : '.')} %`;
  const figuresRow = (name: string, f: HeadlineFigures): string[] => [
    name,
    String(f.tenders.total),
    String(f.tenders.withMvi),
    eur(f.tenders.valueWithMviEur),
    eur(f.socialReturnCommittedEur),
    ...f.goals.map((g) => (g.target === null ? pct(g.actual) : `${pct(g.actual)} (${pct(g.target)})`)),
  ];
  const yesNo = (v: boolean | null): string => (v === null ? t.unknown : v ? t.yes : t.no);
  const themeName = new Map(report.themes.map((x) => [x.theme, x.name]));
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      children: [new TextRun(t.title(report.municipality.name, report.year))],
    }),
    new Paragraph({ children: [new TextRun({ text: `${t.generated} ${date}.`, italics: true })] }),
    heading(t.summary),
    new Paragraph(t.summaryText(report, eur)),
    heading(t.goals),
    table(
      t.goalHead,
      report.goals.map((g) => [g.label, pct(g.target), pct(g.actual), String(g.counted), yesNo(g.met)]),
    ),
    ...(report.trend && report.trend.length > 1
      ? [
          heading(t.trend),
          table(
            [t.year, ...t.figuresHead, ...report.goals.map((g) => g.label)],
            report.trend.map((y) => figuresRow(String(y.year), y)),
          ),
        ]
      : []),
    ...(region && region.municipalities.length > 1
      ? [
          heading(t.region),
          new Paragraph(t.regionText),
          table(
            [t.municipality, ...t.figuresHead, ...region.total.goals.map((g) => g.label)],
            [
              ...region.municipalities.map((m) => figuresRow(m.name, m)),
              figuresRow(t.regionTotal, region.total),
            ],
          ),
        ]
      : []),
    heading(t.themes),
    table(
      t.themeHead,
      report.themes.map((x) => [x.name, String(x.tenders), String(x.criteria)]),
    ),
    heading(t.kinds),
    table(t.kindHead, [
      ...CRITERION_TYPES.map((k) => [CRITERION_TYPE_LABELS[k][lang], String(report.criterionTypes[k])]),
      ...AMBITION_LEVELS.map((a) => [AMBITION_LABELS[a][lang], String(report.ambitions[a])]),
    ]),
    heading(t.realisation),
    table(
      t.realisationHead,
      REALISATIONS.map((r) => [REALISATION_LABELS[r][lang], String(report.realisation[r])]),
    ),
    heading(t.reach),
    report.reach && report.reach.sessions > 0
      ? table(
          t.reachHead,
          [report.reach.sessions, report.reach.attendances, report.reach.people].map((n, i) => [
            t.reachRows[i]!,
            String(n),
          ]),
        )
      : new Paragraph(t.noReach),
    heading(t.tenders),
    table(
      t.tenderHead,
      report.rows.map((r) => [
        r.reference,
        r.title,
        r.kickoffDate,
        r.estimatedValueEur === null ? t.unknown : eur(r.estimatedValueEur),
        yesNo(r.mviRequired),
        r.recorded ? String(r.appliedCriteria) : t.none,
        r.themes.map((id) => themeName.get(id) ?? id).join(', ') || t.none,
        r.socialReturnPercentage === null ? t.none : `${r.socialReturnPercentage} %`,
        r.realisation ? REALISATION_LABELS[r.realisation][lang] : t.none,
      ]),
    ),
  ];
  const document = new Document({
    creator: 'MVI Companion',
    title: t.title(report.municipality.name, report.year),
    sections: [{ properties: { page: { size: { orientation: 'landscape' } } }, children }],
  });
  return Packer.toBuffer(document);
}

/** One row per tender; semicolons, decimal commas and a BOM for Dutch Excel. */
export function monitoringCsv(report: MonitoringReport, lang: Lang): string {
  const t = T[lang];
  const themeName = new Map(report.themes.map((x) => [x.theme, x.name]));
  const yesNo = (v: boolean | null): string => (v === null ? '' : v ? t.yes : t.no);
  const number = (n: number | null): string =>
    n === null ? '' : lang === 'nl' ? String(n).replace('.', ',') : String(n);
  const rows = report.rows.map((r) => [
    r.reference,
    r.title,
    r.status,
    r.kickoffDate,
    number(r.estimatedValueEur),
    yesNo(r.mviRequired),
    yesNo(r.recorded),
    String(r.appliedCriteria),
    r.themes.map((id) => themeName.get(id) ?? id).join(', '),
    yesNo(r.socialReturnRequired),
    number(r.socialReturnPercentage),
    number(r.socialReturnEur),
    r.noMviReason ? NO_MVI_REASON_LABELS[r.noMviReason][lang] : '',
    r.realisation ? REALISATION_LABELS[r.realisation][lang] : '',
    r.results ?? '',
  ]);
  // Titles and results are typed by people: never let a spreadsheet run them as a formula.
  return `\uFEFF${stringify([t.csvHead, ...rows.map((r) => r.map(safeCell))], { delimiter: lang === 'nl' ? ';' : ',' })}`;
}
