/**
 * Reading an annual procurement plan (inkoopplanning) exported from a spreadsheet into
 * tenders: columns by header name in Dutch or English, Dutch amounts and dates, one verdict
 * per row (accepted, or rejected with every reason). Pure: the CSV is tokenised by the caller.
 */
import type { LocalizedText } from './content/schema.js';
import { parseAmount, parseDate } from './parse.js';
import { tenderWrite, type CpvCodeCheck, type TenderWrite } from './tender.js';

export const PLAN_COLUMNS = {
  reference: ['referentie', 'kenmerk', 'nummer', 'reference', 'id'],
  title: ['titel', 'onderwerp', 'naam', 'title', 'omschrijving opdracht'],
  description: ['omschrijving', 'toelichting', 'description'],
  cpv: ['cpv', 'cpv-code', 'cpv code', 'cpv-codes', 'cpv_codes'],
  value: ['geraamde waarde', 'waarde', 'raming', 'bedrag', 'estimated value', 'estimated_value'],
  kickoff: ['startdatum', 'start', 'kick-off', 'kickoff', 'aftrap', 'start date', 'start_date'],
  publication: ['publicatiedatum', 'publicatie', 'publication date', 'publication_date'],
  manager: [
    'opdrachtgever',
    'budgethouder',
    'opdrachtgever (e-mail)',
    'e-mail opdrachtgever',
    'manager',
    'commissioning manager',
  ],
  buyer: ['inkoper', 'inkoopadviseur', 'buyer'],
  status: ['status'],
  municipality: ['gemeente', 'municipality'],
} as const;
export type PlanColumn = keyof typeof PLAN_COLUMNS;

const STATUS_WORDS: Record<string, TenderWrite['status']> = {
  gepland: 'planned',
  planned: 'planned',
  'in voorbereiding': 'preparing',
  voorbereiding: 'preparing',
  preparing: 'preparing',
  gepubliceerd: 'published',
  published: 'published',
  gegund: 'awarded',
  awarded: 'awarded',
};

export interface PlanRowVerdict {
  /** Line in the file (the header is line 1). */
  line: number;
  reference: string;
  title: string;
  /** The tender this row describes, when it is acceptable so far. */
  tender?: TenderWrite;
  errors: LocalizedText[];
  warnings: LocalizedText[];
}

/** `;` when the header has more semicolons than commas (Dutch Excel), else `,`. */
export function detectDelimiter(headerLine: string): ';' | ',' {
  return (headerLine.match(/;/g)?.length ?? 0) > (headerLine.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** Which plan column each header is (unknown headers are left out). */
export function mapHeaders(headers: readonly string[]): Map<PlanColumn, number> {
  const out = new Map<PlanColumn, number>();
  headers.forEach((header, index) => {
    const name = header.trim().toLowerCase().replace(/\s+/g, ' ');
    for (const [column, names] of Object.entries(PLAN_COLUMNS) as [PlanColumn, readonly string[]][]) {
      if (!out.has(column) && names.includes(name)) out.set(column, index);
    }
  });
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * An e-mail address, matched in linear time: the domain's labels contain no dots, so the
 * pattern cannot try the dots of a long text one split after another.
 */
const EMAIL = /^[^\s<>@]+@(?:[^\s<>@.]+\.)+[^\s<>@.]+$/;
/** No address is longer (RFC 5321); a longer text is no person, whatever it holds. */
const PERSON_MAX = 320;
/** A cell of a plan holds at most this much; a longer one is refused before any pattern reads it. */
export const CELL_MAX = 4_000;

/** "Pieter Jansen <pieter@havendam.nl>", "pieter@havendam.nl" or an Entra object id. */
export function parsePerson(
  text: string,
): { userId?: string; upn?: string; displayName?: string } | undefined {
  const t = text.trim();
  if (!t || t.length > PERSON_MAX) return undefined;
  if (UUID.test(t)) return { userId: t.toLowerCase() };
  const angled = /^(.*?)\s*<([^>]+)>$/.exec(t);
  if (angled && EMAIL.test(angled[2]!.trim())) {
    const name = angled[1]!.trim().replace(/^"|"$/g, '');
    return { upn: angled[2]!.trim().toLowerCase(), ...(name ? { displayName: name } : {}) };
  }
  if (EMAIL.test(t)) return { upn: t.toLowerCase() };
  return undefined;
}

const say = (nl: string, en: string): LocalizedText => ({ nl, en });

export interface PlanReadOptions {
  /** The municipality the file is imported into: a `Gemeente` column must name it. */
  municipality: { id: string; name: string };
  /** Rows beyond this are rejected (one import is one plan, not a data dump). */
  maxRows?: number;
  /** Checks that a CPV code exists in the vocabulary. */
  checkCpv?: CpvCodeCheck;
}

/** Judges every data row of a plan; the header row is `rows[0]`. */
export function readPlanRows(
  rows: readonly (readonly string[])[],
  options: PlanReadOptions,
): { verdicts: PlanRowVerdict[]; problems: LocalizedText[] } {
  const [header, ...data] = rows;
  if (!header) return { verdicts: [], problems: [say('Het bestand is leeg.', 'The file is empty.')] };
  const columns = mapHeaders(header);
  const problems: LocalizedText[] = [];
  for (const required of ['reference', 'title', 'kickoff', 'manager'] as const) {
    if (!columns.has(required)) {
      const names = PLAN_COLUMNS[required].slice(0, 3).join('”, “');
      problems.push(say(`De kolom “${names}” ontbreekt.`, `The column “${names}” is missing.`));
    }
  }
  if (problems.length) return { verdicts: [], problems };
  const maxRows = options.maxRows ?? 1000;
  if (data.length > maxRows) {
    return {
      verdicts: [],
      problems: [
        say(
          `Het bestand heeft ${data.length} regels; importeer er hoogstens ${maxRows} tegelijk.`,
          `The file has ${data.length} rows; import at most ${maxRows} at once.`,
        ),
      ],
    };
  }

  const cell = (row: readonly string[], column: PlanColumn): string => {
    const index = columns.get(column);
    return index === undefined ? '' : (row[index] ?? '').slice(0, CELL_MAX + 1).trim();
  };
  const tooLong = (row: readonly string[]): string[] =>
    header.filter((_, i) => (row[i]?.length ?? 0) > CELL_MAX).map((name) => name.trim().slice(0, 60));
  const firstLine = new Map<string, number>();
  const verdicts: PlanRowVerdict[] = [];

  data.forEach((row, i) => {
    const line = i + 2;
    if (row.every((c) => c.length <= CELL_MAX && !c.trim())) return;
    const errors: LocalizedText[] = [];
    const warnings: LocalizedText[] = [];
    for (const column of tooLong(row)) {
      errors.push(
        say(
          `De cel in kolom “${column}” is langer dan ${CELL_MAX.toLocaleString('nl-NL')} tekens.`,
          `The cell in column “${column}” is longer than ${CELL_MAX.toLocaleString('en-GB')} characters.`,
        ),
      );
    }
    const reference = cell(row, 'reference');
    const title = cell(row, 'title');

    if (!reference)
      errors.push(
        say(
          'Geen referentie: die is nodig om de regel later bij te werken.',
          'No reference: it is needed to update the row later.',
        ),
      );
    else {
      const seen = firstLine.get(reference.toLowerCase());
      if (seen !== undefined)
        errors.push(
          say(
            `Referentie ${reference} staat ook op regel ${seen}.`,
            `Reference ${reference} is also on line ${seen}.`,
          ),
        );
      else firstLine.set(reference.toLowerCase(), line);
    }
    if (!title) errors.push(say('Geen titel.', 'No title.'));

    const municipalityText = cell(row, 'municipality').toLowerCase();
    const { id, name } = options.municipality;
    if (
      municipalityText &&
      ![id, name.toLowerCase(), name.toLowerCase().replace(/^gemeente\s+/, '')].includes(municipalityText)
    ) {
      errors.push(
        say(
          `Deze regel hoort bij een andere gemeente (${cell(row, 'municipality')}).`,
          `This row belongs to another municipality (${cell(row, 'municipality')}).`,
        ),
      );
    }

    const kickoffText = cell(row, 'kickoff');
    const kickoffDate = parseDate(kickoffText);
    if (!kickoffDate) {
      errors.push(
        kickoffText
          ? say(
              `“${kickoffText}” is geen geldige startdatum (bijvoorbeeld 15-03-2027).`,
              `“${kickoffText}” is not a valid start date (for example 15-03-2027).`,
            )
          : say('Geen startdatum (kick-off).', 'No start date (kickoff).'),
      );
    }
    const publicationText = cell(row, 'publication');
    const publicationDate = publicationText ? parseDate(publicationText) : undefined;
    if (publicationText && !publicationDate)
      errors.push(
        say(
          `“${publicationText}” is geen geldige publicatiedatum.`,
          `“${publicationText}” is not a valid publication date.`,
        ),
      );

    const valueText = cell(row, 'value');
    const estimatedValueEur = valueText ? parseAmount(valueText) : undefined;
    if (valueText && estimatedValueEur === undefined)
      errors.push(say(`“${valueText}” is geen bedrag.`, `“${valueText}” is not an amount.`));

    const cpvText = cell(row, 'cpv');
    const cpvParts = cpvText.split(/[\s;,|]+/).filter(Boolean);
    const badCpv = cpvParts.filter((c) => !/^\d{8}(-\d)?$/.test(c));
    if (badCpv.length)
      errors.push(
        say(
          `Geen geldige CPV-code: ${badCpv.join(', ')} (8 cijfers).`,
          `Not a valid CPV code: ${badCpv.join(', ')} (8 digits).`,
        ),
      );
    else if (options.checkCpv)
      for (const problem of cpvParts.map(options.checkCpv)) if (problem) errors.push(problem);

    const managerText = cell(row, 'manager');
    const manager = parsePerson(managerText);
    if (!manager) {
      errors.push(
        managerText
          ? say(
              `Opdrachtgever “${managerText}” is geen e-mailadres of Entra-id.`,
              `Commissioning manager “${managerText}” is not an e-mail address or Entra id.`,
            )
          : say('Geen opdrachtgever (e-mailadres).', 'No commissioning manager (e-mail address).'),
      );
    }
    const buyerText = cell(row, 'buyer');
    const buyer = buyerText ? parsePerson(buyerText) : undefined;
    if (buyerText && !buyer?.upn)
      errors.push(
        say(`Inkoper “${buyerText}” is geen e-mailadres.`, `Buyer “${buyerText}” is not an e-mail address.`),
      );

    const statusText = cell(row, 'status').toLowerCase();
    const status = statusText ? STATUS_WORDS[statusText] : 'planned';
    if (!status)
      errors.push(
        say(
          `Onbekende status “${cell(row, 'status')}” (gepland, in voorbereiding, gepubliceerd of gegund).`,
          `Unknown status “${cell(row, 'status')}” (planned, preparing, published or awarded).`,
        ),
      );

    let tender: TenderWrite | undefined;
    if (errors.length === 0) {
      const parsed = tenderWrite.safeParse({
        reference,
        title,
        ...(cell(row, 'description') ? { description: cell(row, 'description') } : {}),
        cpv: cpvParts,
        ...(estimatedValueEur !== undefined ? { estimatedValueEur } : {}),
        commissioningManager: manager,
        ...(buyer?.upn ? { buyerUpn: buyer.upn } : {}),
        kickoffDate,
        ...(publicationDate ? { publicationDate } : {}),
        status,
      });
      if (parsed.success) tender = parsed.data;
      else
        for (const issue of parsed.error.issues)
          errors.push(
            say(`${issue.path.join('.')}: ${issue.message}`, `${issue.path.join('.')}: ${issue.message}`),
          );
    }
    if (kickoffDate && publicationDate && publicationDate < kickoffDate) {
      warnings.push(
        say('De publicatiedatum ligt vóór de kick-off.', 'The publication date is before the kickoff.'),
      );
    }
    verdicts.push({ line, reference, title, ...(tender ? { tender } : {}), errors, warnings });
  });
  return { verdicts, problems: [] };
}
