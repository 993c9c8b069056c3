/** A Word document of selected MVI criteria, ready to paste into tender documents. */
import {
  AlignmentType,
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
import { ChartRun } from 'docx/charts';
import { productGroupName, type Catalogue } from '../../../core/src/catalogue/catalogue.js';
import { AMBITION_LABELS, CRITERION_TYPE_LABELS } from '../../../core/src/content/labels.js';
import type { Criterion } from '../../../core/src/index.js';

type Lang = 'nl' | 'en';

const T = {
  nl: {
    title: 'MVI-criteria',
    generated: 'Samengesteld met MVI Companion op',
    theme: 'Thema',
    type: 'Soort',
    ambition: 'Ambitieniveau',
    verification: 'Verificatie',
    productGroup: 'Productgroep',
    web: 'Ambitieweb',
    axis: 'As',
    score: 'Score',
    reason: 'Toelichting',
    settled: 'Vastgesteld',
    participants: 'Deelnemers',
  },
  en: {
    title: 'MVI criteria',
    generated: 'Compiled with MVI Companion on',
    theme: 'Theme',
    type: 'Type',
    ambition: 'Ambition level',
    verification: 'Verification',
    productGroup: 'Product group',
    web: 'Ambitieweb',
    axis: 'Axis',
    score: 'Score',
    reason: 'Reason',
    settled: 'Settled',
    participants: 'Participants',
  },
} as const;

export interface CriteriaDocument {
  /** What the criteria are for, e.g. the tender title. */
  subject: string;
  criterionIds: readonly string[];
  lang: Lang;
  date: string;
  /** The settled Ambitieweb that set the criteria's levels, shown as a radar chart and a table. */
  web?: CriteriaWeb;
}

export interface CriteriaWeb {
  /** Which web and why, in a sentence. */
  reason: string;
  axes: { name: string; score: number; label: string; reason?: string }[];
  participants: string[];
}

/** The web as Word's own radar chart (editable in Word, described for screen readers) and a table of the same scores. */
function webSection(web: CriteriaWeb, t: (typeof T)[Lang]): (Paragraph | Table)[] {
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(t.web)] }),
    new Paragraph({ children: [new TextRun(web.reason)] }),
    new Paragraph({
      children: [
        new ChartRun({
          type: 'radar',
          filled: true,
          title: t.web,
          categories: web.axes.map((a) => a.name),
          series: [{ name: t.settled, values: web.axes.map((a) => a.score) }],
          valueAxis: { minimum: 0, maximum: 3, interval: 1 },
          legend: false,
        }),
      ],
    }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          children: [cell(t.axis, true), cell(t.score, true), cell(t.reason, true)],
        }),
        ...web.axes.map(
          (a) => new TableRow({ children: [cell(a.name), cell(a.label), cell(a.reason ?? '')] }),
        ),
      ],
    }),
    new Paragraph({
      children: [
        new TextRun({ text: `${t.participants}: `, bold: true }),
        new TextRun(web.participants.join(', ')),
      ],
    }),
  ];
}

/** Builds the .docx; unknown ids are skipped (callers validate against the catalogue first). */
export async function criteriaDocx(catalogue: Catalogue, doc: CriteriaDocument): Promise<Buffer> {
  const t = T[doc.lang];
  const criteria = doc.criterionIds
    .map((id) => catalogue.criteriaById.get(id))
    .filter((c): c is Criterion & { productGroupId: string } => !!c);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(`${t.title}: ${doc.subject}`)] }),
    new Paragraph({ children: [new TextRun({ text: `${t.generated} ${doc.date}.`, italics: true })] }),
    ...(doc.web ? webSection(doc.web, t) : []),
  ];
  for (const theme of catalogue.themes) {
    const inTheme = criteria.filter((c) => c.themes[0] === theme.id);
    if (!inTheme.length) continue;
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        children: [new TextRun(`${t.theme}: ${theme.name[doc.lang]}`)],
      }),
    );
    for (const c of inTheme) {
      children.push(
        new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(c.title[doc.lang])] }),
        new Paragraph({
          children: [
            new TextRun({ text: `${t.type}: `, bold: true }),
            new TextRun(CRITERION_TYPE_LABELS[c.type][doc.lang]),
            new TextRun({ text: ` · ${t.ambition}: `, bold: true }),
            new TextRun(AMBITION_LABELS[c.ambition][doc.lang]),
            new TextRun({ text: ` · ${t.productGroup}: `, bold: true }),
            new TextRun(productGroupName(catalogue, c.productGroupId, doc.lang)),
          ],
        }),
        new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun(c.text[doc.lang])] }),
        new Paragraph({
          children: [
            new TextRun({ text: `${t.verification}: `, bold: true }),
            new TextRun(c.verification[doc.lang]),
          ],
        }),
      );
    }
  }
  const document = new Document({
    creator: 'MVI Companion',
    title: `${t.title}: ${doc.subject}`,
    description: t.title,
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
