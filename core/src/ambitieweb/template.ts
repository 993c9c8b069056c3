/**
 * The reviewed templates of content/ambitieweb: validated one by one with the schema (every
 * problem named by its field, in Dutch and English), then as a set (unique ids, one default).
 */
import type { ContractType, LocalizedText } from '../content/schema.js';
import { validationError } from '../errors.js';
import { parseOrThrow } from '../kernel/validation.js';
import { ambitionTemplate, FIELD_LABELS, FIELD_MESSAGES, type AmbitionTemplate } from './model.js';

/** The template every web gets unless another is chosen: the six themes of the Nationaal Plan MVI. */
export const DEFAULT_TEMPLATE_ID = 'mvi-themes';

/** Parses one template, or throws a validation DomainError naming each field that is wrong. */
export function parseTemplate(input: unknown, intro?: LocalizedText): AmbitionTemplate {
  return parseOrThrow(ambitionTemplate, input, {
    labels: FIELD_LABELS,
    messages: FIELD_MESSAGES,
    intro: intro ?? {
      nl: 'Het sjabloon van het Ambitieweb klopt niet.',
      en: 'The Ambitieweb template is not valid.',
    },
  });
}

export interface AmbitionTemplates {
  readonly all: readonly AmbitionTemplate[];
  readonly byId: ReadonlyMap<string, AmbitionTemplate>;
  /** The template a web gets when nobody chooses one. */
  readonly defaultTemplate: AmbitionTemplate;
}

/**
 * Validates the reviewed templates as a set: each one by the schema, ids unique, exactly one
 * default. A tailored copy (with a municipality) is not reviewed content and is refused here.
 */
export function buildAmbitionTemplates(files: readonly unknown[]): AmbitionTemplates {
  const all = files.map((file, index) =>
    parseTemplate(file, {
      nl: `Het sjabloon van het Ambitieweb (nummer ${index + 1}) klopt niet.`,
      en: `The Ambitieweb template (number ${index + 1}) is not valid.`,
    }),
  );
  const byId = new Map<string, AmbitionTemplate>();
  for (const template of all) {
    if (byId.has(template.id))
      throw validationError(
        {
          nl: `Het sjabloon ${template.id} komt twee keer voor.`,
          en: `The template ${template.id} is there twice.`,
        },
        [`id: ${template.id} is not unique`],
      );
    if (template.municipalityId || template.basedOn)
      throw validationError(
        {
          nl: `Het sjabloon ${template.id} is een aangepaste kopie van een gemeente, geen beoordeelde inhoud.`,
          en: `The template ${template.id} is a municipality's tailored copy, not reviewed content.`,
        },
        [`municipalityId: reviewed templates belong to no municipality`],
      );
    byId.set(template.id, template);
  }
  const defaults = all.filter((t) => t.default);
  const [defaultTemplate] = defaults;
  if (defaults.length !== 1 || !defaultTemplate)
    throw validationError(
      {
        nl: `Precies één sjabloon is het standaardsjabloon; nu zijn het er ${defaults.length}.`,
        en: `Exactly one template is the default; now ${defaults.length} are.`,
      },
      ['default: exactly one template is the default'],
    );
  return { all, byId, defaultTemplate };
}

/**
 * The template to offer for a kind of contract: one made for that kind alone (Duurzaam GWW
 * for works), otherwise the default. The organiser may always choose another.
 */
export function suggestTemplate(templates: AmbitionTemplates, contract?: ContractType): AmbitionTemplate {
  if (!contract) return templates.defaultTemplate;
  const specific = templates.all.find(
    (t) => !t.default && t.contractTypes.length === 1 && t.contractTypes[0] === contract,
  );
  return specific ?? templates.defaultTemplate;
}
