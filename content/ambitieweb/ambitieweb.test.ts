import { describe, expect, it } from 'vitest';
import { buildAmbitionTemplates, parseTemplate } from '../../core/src/ambitieweb/template.js';
import { THEME_IDS } from '../../core/src/content/schema.js';
import { isDomainError, type DomainError } from '../../core/src/errors.js';
import { AMBITIEWEB_TEMPLATE_FILES, loadAmbitiewebTemplates } from './index.js';
import duurzaamGww from './duurzaam-gww.json' with { type: 'json' };
import mviThemes from './mvi-themes.json' with { type: 'json' };

const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('not refused');
};

const clone = <T>(value: T): T => structuredClone(value);

describe('the Ambitieweb templates', () => {
  const templates = loadAmbitiewebTemplates();

  it('are both valid, with the six MVI themes as the default', () => {
    expect(templates.all.map((t) => t.id)).toEqual(['mvi-themes', 'duurzaam-gww']);
    expect(templates.defaultTemplate.id).toBe('mvi-themes');
    expect(Object.keys(AMBITIEWEB_TEMPLATE_FILES)).toHaveLength(2);
  });

  it('give the default one axis per theme of the Nationaal Plan, each speaking for its own theme', () => {
    const axes = templates.defaultTemplate.axes;
    expect(axes.map((a) => a.id)).toEqual([...THEME_IDS]);
    for (const axis of axes) expect(axis.themes, axis.id).toEqual([axis.id]);
  });

  it('hold the twelve themes of the Duurzaam GWW web, for works', () => {
    const gww = templates.byId.get('duurzaam-gww');
    expect(gww?.contractTypes).toEqual(['works']);
    expect(gww?.axes.map((a) => a.name.nl)).toEqual([
      'Energie',
      'Materialen',
      'Water',
      'Bodem',
      'Ecologie',
      'Ruimtegebruik',
      'Sociale relevantie',
      'Welzijn',
      'Bereikbaarheid',
      'Ruimtelijke kwaliteit',
      'Investeringen',
      'Welvaart',
    ]);
  });

  it('map the GWW axes onto MVI themes where one fits: energy to climate, materials to circular', () => {
    const themesOf = Object.fromEntries(templates.byId.get('duurzaam-gww')!.axes.map((a) => [a.id, a.themes]));
    expect(themesOf).toMatchObject({
      energie: ['climate'],
      materialen: ['circular'],
      water: ['environment'],
      bodem: ['environment'],
      ecologie: ['environment'],
      'sociale-relevantie': ['social-return'],
      bereikbaarheid: [],
    });
  });

  it('say for every axis what levels 1, 2 and 3 mean, in Dutch and English, and the levels differ', () => {
    for (const template of templates.all)
      for (const axis of template.axes) {
        const { basic, significant, ambitious } = axis.levels;
        for (const level of [basic, significant, ambitious]) {
          expect(level.nl.length, `${template.id}/${axis.id}`).toBeGreaterThan(20);
          expect(level.en.length, `${template.id}/${axis.id}`).toBeGreaterThan(20);
        }
        expect(new Set([basic.nl, significant.nl, ambitious.nl]).size).toBe(3);
      }
  });

  it('refuse a template whose level text is missing, naming the field', () => {
    const broken = clone(duurzaamGww) as any;
    broken.axes[3].levels.basic.nl = '   ';
    const error = refusal(() => parseTemplate(broken));
    expect(error.code).toBe('validation');
    expect(error.details.join('\n')).toContain('axes.3.levels.basic.nl');
    expect(error.userMessage.nl).toMatch(/As \(4\.levels\.basic\.nl\) is leeg/);
  });

  it('refuse two axes with one id, naming the second', () => {
    const broken = clone(mviThemes) as any;
    broken.axes[2].id = 'climate';
    const error = refusal(() => parseTemplate(broken));
    expect(error.details.join('\n')).toContain('axes.2.id');
    expect(error.userMessage.en).toContain('the id climate is used before');
  });

  it('refuse a web of fewer than three axes, an unknown MVI theme and a name too long for the chart', () => {
    const few = clone(mviThemes) as any;
    few.axes = few.axes.slice(0, 2);
    expect(refusal(() => parseTemplate(few)).userMessage.nl).toContain('minstens 3 assen');

    const theme = clone(mviThemes) as any;
    theme.axes[0].themes = ['weather'];
    expect(refusal(() => parseTemplate(theme)).details.join('\n')).toContain('axes.0.themes.0');

    const long = clone(mviThemes) as any;
    long.axes[1].name.en = 'An axis name far too long to fit on a radar chart';
    expect(refusal(() => parseTemplate(long)).details.join('\n')).toContain('axes.1.name.en');
  });

  it('refuse a set with two defaults or a template twice', () => {
    const second = { ...clone(duurzaamGww), default: true };
    expect(refusal(() => buildAmbitionTemplates([mviThemes, second])).details).toEqual([
      'default: exactly one template is the default',
    ]);
    expect(refusal(() => buildAmbitionTemplates([mviThemes, mviThemes])).userMessage.en).toContain('twice');
  });
});
