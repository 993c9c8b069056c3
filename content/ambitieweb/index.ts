/**
 * The reviewed Ambitieweb templates, validated once on first use (a content error stops the
 * start with every problem named). Add a template file here when you add one to this folder.
 */
import { buildAmbitionTemplates, type AmbitionTemplates } from '../../core/src/ambitieweb/template.js';
import duurzaamGww from './duurzaam-gww.json' with { type: 'json' };
import mviThemes from './mvi-themes.json' with { type: 'json' };

export const AMBITIEWEB_TEMPLATE_FILES = {
  'mvi-themes.json': mviThemes,
  'duurzaam-gww.json': duurzaamGww,
} as const;

let templates: AmbitionTemplates | undefined;

/** The templates, the default (the six MVI themes) first. */
export function loadAmbitiewebTemplates(): AmbitionTemplates {
  templates ??= buildAmbitionTemplates(Object.values(AMBITIEWEB_TEMPLATE_FILES));
  return templates;
}
