/** A Word document of selected MVI criteria, ready to paste into tender documents. */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
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
  },
  en: {
    title: 'MVI criteria',
    generated: 'Compiled with MVI Companion on',
    theme: 'Theme',
    type: 'Type',
    ambition: 'Ambition level',
    verification: 'Verification',
    productGroup: 'Product group',
  },
} as const;

export interface CriteriaDocument {
  /** What the criteria are for, e.g. the tender title. */
  subject: string;
  criterionIds: readonly string[];
  lang: Lang;
  date: string;
}

/** Builds the .docx; unknown ids are skipped (callers validate against the catalogue first). */
export async function criteriaDocx(catalogue: Catalogue, doc: CriteriaDocument): Promise<Buffer> {
  const t = T[doc.lang];
  const criteria = doc.criterionIds
    .map((id) => catalogue.criteriaById.get(id))
    .filter((c): c is Criterion & { productGroupId: string } => !!c);
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(`${t.title}: ${doc.subject}`)] }),
    new Paragraph({ children: [new TextRun({ text: `${t.generated} ${doc.date}.`, italics: true })] }),
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
