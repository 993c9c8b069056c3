/**
 * A municipality tailors a template to its own policy: it renames an axis, drops one, or adds
 * its own (Groningen let go of Ruimtegebruik and made room for Welzijn). The result is a new
 * template that belongs to the municipality; the reviewed one is left as it was.
 */
import { z } from 'zod';
import type { LocalizedText } from '../content/schema.js';
import { forbidden, validationError } from '../errors.js';
import { municipalityId } from '../identity.js';
import { parseOrThrow, type FieldProblem, problemsError } from '../kernel/validation.js';
import {
  ambitionAxis,
  ambitionTemplate,
  AXIS_NAME_MAX,
  AXIS_TEXT_MAX,
  axisSlug,
  boundedText,
  FIELD_LABELS,
  FIELD_MESSAGES,
  type AmbitionAxis,
  type AmbitionTemplate,
} from './model.js';

const name = boundedText(AXIS_NAME_MAX);
const description = boundedText(AXIS_TEXT_MAX);

export const tailoringOperation = z.discriminatedUnion('op', [
  /** A new name (and, if given, a new description) for an axis; its levels and themes stay. */
  z.object({ op: z.literal('rename'), axisId: axisSlug, name, description: description.optional() }).strict(),
  z.object({ op: z.literal('drop'), axisId: axisSlug }).strict(),
  /** An axis of the municipality's own, with what each level means; placed after `after`, else last. */
  z.object({ op: z.literal('add'), axis: ambitionAxis, after: axisSlug.optional() }).strict(),
]);
export type TailoringOperation = z.infer<typeof tailoringOperation>;

export const tailoring = z
  .object({
    /** The id of the tailored template, other than the template it starts from. */
    id: axisSlug,
    municipalityId,
    name: boundedText(80).optional(),
    description: boundedText(AXIS_TEXT_MAX).optional(),
    operations: z.array(tailoringOperation).min(1).max(40),
  })
  .strict();
export type Tailoring = z.infer<typeof tailoring>;
export type TailoringInput = z.input<typeof tailoring>;

const INTRO: LocalizedText = {
  nl: 'Het aangepaste Ambitieweb klopt niet.',
  en: 'The tailored Ambitieweb is not valid.',
};

/**
 * Applies a municipality's changes to a template, in order, and validates the result as a
 * template of its own: unique axis ids, at least three axes, names in both languages, and
 * level texts for every added axis. Throws a validation DomainError naming every problem.
 */
export function tailorTemplate(base: AmbitionTemplate, input: unknown): AmbitionTemplate {
  const change = parseOrThrow(tailoring, input, {
    labels: FIELD_LABELS,
    messages: FIELD_MESSAGES,
    intro: INTRO,
  });
  if (base.municipalityId && base.municipalityId !== change.municipalityId)
    throw forbidden({
      nl: 'Dit sjabloon is van een andere gemeente; begin bij een beoordeeld sjabloon of bij een eigen.',
      en: 'This template belongs to another municipality; start from a reviewed template or one of your own.',
    });
  if (change.id === base.id)
    throw validationError(
      {
        nl: `Geef het aangepaste web een eigen id, niet ${base.id}.`,
        en: `Give the tailored web an id of its own, not ${base.id}.`,
      },
      [`id: the same as the template it starts from`],
    );

  let axes: AmbitionAxis[] = [...base.axes];
  const problems: FieldProblem[] = [];
  const at = (axisId: string) => axes.findIndex((a) => a.id === axisId);
  change.operations.forEach((op, index) => {
    const field = `operations.${index}`;
    const unknownAxis = (axisId: string) =>
      problems.push({
        field: `${field}.axisId`,
        message: {
          nl: `Wijziging ${index + 1}: de as ${axisId} staat niet (meer) in het web.`,
          en: `Change ${index + 1}: the axis ${axisId} is not (or no longer) in the web.`,
        },
      });
    switch (op.op) {
      case 'rename': {
        const i = at(op.axisId);
        const axis = axes[i];
        if (!axis) return unknownAxis(op.axisId);
        axes = axes.with(i, { ...axis, name: op.name, description: op.description ?? axis.description });
        return;
      }
      case 'drop': {
        if (at(op.axisId) < 0) return unknownAxis(op.axisId);
        axes = axes.filter((a) => a.id !== op.axisId);
        return;
      }
      case 'add': {
        if (at(op.axis.id) >= 0) {
          problems.push({
            field: `${field}.axis.id`,
            message: {
              nl: `Wijziging ${index + 1}: er is al een as ${op.axis.id}; geef de nieuwe as een eigen id.`,
              en: `Change ${index + 1}: there is an axis ${op.axis.id} already; give the new axis an id of its own.`,
            },
          });
          return;
        }
        if (op.after === undefined) {
          axes = [...axes, op.axis];
          return;
        }
        const i = at(op.after);
        if (i < 0) {
          problems.push({
            field: `${field}.after`,
            message: {
              nl: `Wijziging ${index + 1}: de as ${op.after} om de nieuwe achter te zetten staat niet in het web.`,
              en: `Change ${index + 1}: the axis ${op.after} to put the new one after is not in the web.`,
            },
          });
          return;
        }
        axes = axes.toSpliced(i + 1, 0, op.axis);
        return;
      }
    }
  });
  if (problems.length > 0) throw problemsError(problems, INTRO);

  return parseOrThrow(
    ambitionTemplate,
    {
      ...base,
      id: change.id,
      name: change.name ?? base.name,
      description: change.description ?? base.description,
      default: false,
      municipalityId: change.municipalityId,
      basedOn: base.basedOn ?? base.id,
      axes,
    },
    { labels: FIELD_LABELS, messages: FIELD_MESSAGES, intro: INTRO },
  );
}
