/**
 * Validation problems as a person reads them: one sentence per field, in Dutch and English,
 * naming the field as the form or the API calls it. Schemas say *what* is wrong (zod issues,
 * or a message key for rules of their own); this module says it in words.
 */
import type { z } from 'zod';
import type { LocalizedText } from '../content/schema.js';
import { validationError, type DomainError } from '../errors.js';

export interface FieldProblem {
  /** The field's path as the API names it: `title`, `cpv.0`. */
  field: string;
  message: LocalizedText;
}

/**
 * Messages of rules a schema states itself: put the key in the schema (`{ error: 'date-exists' }`)
 * and its text here or in the `messages` argument. `{label}` is the field's name.
 */
const MESSAGES: Record<string, LocalizedText> = {
  'date-format': {
    nl: '{label} is geen datum: schrijf JJJJ-MM-DD, bijvoorbeeld 2027-03-15.',
    en: '{label} is not a date: write YYYY-MM-DD, for example 2027-03-15.',
  },
  'date-exists': {
    nl: '{label} bestaat niet in de kalender ({value}).',
    en: '{label} does not exist in the calendar ({value}).',
  },
};

const sentence = (
  template: LocalizedText,
  label: LocalizedText,
  values: Record<string, string> = {},
): LocalizedText => {
  const fill = (text: string, lang: 'nl' | 'en'): string =>
    text.replace(/\{(\w+)\}/g, (_, key: string) => (key === 'label' ? label[lang] : (values[key] ?? '')));
  const nl = fill(template.nl, 'nl');
  const en = fill(template.en, 'en');
  return { nl: nl.charAt(0).toUpperCase() + nl.slice(1), en: en.charAt(0).toUpperCase() + en.slice(1) };
};

const numberText = (value: unknown): string =>
  typeof value === 'bigint' || typeof value === 'number' ? value.toLocaleString('nl-NL') : String(value);

/** One problem per issue, in words. Unknown fields are named by their path. */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  labels: Readonly<Record<string, LocalizedText>>,
  messages: Readonly<Record<string, LocalizedText>> = {},
  input?: unknown,
): FieldProblem[] {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const issue of issues) {
    const field = issue.path.map(String).join('.') || 'request';
    const top = String(issue.path[0] ?? 'request');
    const base = labels[top] ?? { nl: top, en: top };
    const label =
      issue.path.length > 1
        ? {
            nl: `${base.nl} (${issue.path
              .slice(1)
              .map((p) => (typeof p === 'number' ? p + 1 : String(p)))
              .join('.')})`,
            en: `${base.en} (${issue.path
              .slice(1)
              .map((p) => (typeof p === 'number' ? p + 1 : String(p)))
              .join('.')})`,
          }
        : base;
    const raw = valueAt(input, issue.path);
    const shown = typeof raw === 'string' || typeof raw === 'number' ? raw : '';
    const message = describe(
      issue,
      label,
      { ...MESSAGES, ...messages },
      String(shown).slice(0, 40),
      raw === undefined || raw === null,
    );
    const key = `${field}|${message.en}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field, message });
  }
  return out;
}

function describe(
  issue: z.core.$ZodIssue,
  label: LocalizedText,
  messages: Record<string, LocalizedText>,
  value: string,
  missing: boolean,
): LocalizedText {
  const keyed = messages[issue.message];
  if (keyed) return sentence(keyed, label, { value });
  switch (issue.code) {
    case 'invalid_type': {
      if (missing) return sentence({ nl: '{label} ontbreekt.', en: '{label} is missing.' }, label);
      const expected: Record<string, LocalizedText> = {
        number: { nl: '{label} moet een getal zijn.', en: '{label} must be a number.' },
        string: { nl: '{label} moet tekst zijn.', en: '{label} must be text.' },
        array: { nl: '{label} moet een lijst zijn.', en: '{label} must be a list.' },
        object: { nl: '{label} moet een object zijn.', en: '{label} must be an object.' },
        boolean: { nl: '{label} moet waar of onwaar zijn.', en: '{label} must be true or false.' },
      };
      return sentence(
        expected[issue.expected] ?? {
          nl: '{label} heeft niet de juiste vorm.',
          en: '{label} has the wrong form.',
        },
        label,
      );
    }
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? sentence({ nl: '{label} is leeg; vul het in.', en: '{label} is empty; fill it in.' }, label)
          : sentence(
              { nl: '{label} is korter dan {n} tekens.', en: '{label} is shorter than {n} characters.' },
              label,
              { n: numberText(issue.minimum) },
            );
      }
      if (issue.origin === 'array')
        return sentence(
          { nl: '{label} heeft minstens {n} nodig.', en: '{label} needs at least {n}.' },
          label,
          { n: numberText(issue.minimum) },
        );
      return Number(issue.minimum) === 0
        ? sentence({ nl: '{label} mag niet negatief zijn.', en: '{label} cannot be negative.' }, label)
        : sentence({ nl: '{label} is kleiner dan {n}.', en: '{label} is less than {n}.' }, label, {
            n: numberText(issue.minimum),
          });
    case 'too_big':
      if (issue.origin === 'string')
        return sentence(
          { nl: '{label} is langer dan {n} tekens.', en: '{label} is longer than {n} characters.' },
          label,
          { n: numberText(issue.maximum) },
        );
      if (issue.origin === 'array')
        return sentence({ nl: '{label} heeft er meer dan {n}.', en: '{label} has more than {n}.' }, label, {
          n: numberText(issue.maximum),
        });
      return sentence({ nl: '{label} is groter dan {n}.', en: '{label} is greater than {n}.' }, label, {
        n: numberText(issue.maximum),
      });
    case 'invalid_value':
      return sentence(
        { nl: '{label} moet een van deze zijn: {values}.', en: '{label} must be one of: {values}.' },
        label,
        { values: issue.values.map(String).join(', ') },
      );
    case 'unrecognized_keys':
      return sentence({ nl: 'Onbekend veld: {keys}.', en: 'Unknown field: {keys}.' }, label, {
        keys: issue.keys.join(', '),
      });
    default:
      return sentence({ nl: '{label} klopt niet.', en: '{label} is not valid.' }, label);
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** A validation DomainError whose message lists every problem, in both languages. */
export function problemsError(problems: readonly FieldProblem[], intro: LocalizedText): DomainError {
  return validationError(
    {
      nl: `${intro.nl} ${problems.map((p) => p.message.nl).join(' ')}`,
      en: `${intro.en} ${problems.map((p) => p.message.en).join(' ')}`,
    },
    problems.map((p) => `${p.field}: ${p.message.en}`),
  );
}

/** Parses with a schema, or throws a validation DomainError naming every field's problem in words. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  options: {
    labels: Readonly<Record<string, LocalizedText>>;
    intro: LocalizedText;
    messages?: Readonly<Record<string, LocalizedText>>;
  },
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw problemsError(
    describeIssues(result.error.issues, options.labels, options.messages, input),
    options.intro,
  );
}

/** A calendar day, YYYY-MM-DD, that exists (no 30 February). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
