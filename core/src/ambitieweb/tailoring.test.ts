import { describe, expect, it } from 'vitest';
import { loadAmbitiewebTemplates } from '../../../content/ambitieweb/index.js';
import { isDomainError, type DomainError } from '../errors.js';
import type { AmbitionAxisInput } from './model.js';
import { tailorTemplate } from './tailoring.js';

const templates = loadAmbitiewebTemplates();
const gww = templates.byId.get('duurzaam-gww')!;
const mvi = templates.defaultTemplate;

const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('not refused');
};

const gezondeLeefomgeving: AmbitionAxisInput = {
  id: 'gezonde-leefomgeving',
  name: { nl: 'Gezonde leefomgeving', en: 'Healthy living environment' },
  description: {
    nl: 'Schone lucht, rust en groen rond het werk.',
    en: 'Clean air, quiet and green space around the work.',
  },
  levels: {
    basic: { nl: 'Binnen de normen voor lucht en geluid.', en: 'Within the limits for air and noise.' },
    significant: { nl: 'Duidelijk minder hinder dan de norm.', en: 'Clearly less nuisance than the limit.' },
    ambitious: {
      nl: 'De omgeving wordt merkbaar gezonder.',
      en: 'The surroundings become noticeably healthier.',
    },
  },
  themes: ['environment'],
};

describe('tailoring a template', () => {
  it('drops an axis and adds one of the municipality’s own in its place, as Groningen did', () => {
    const groningen = tailorTemplate(gww, {
      id: 'groninger-ambitieweb',
      municipalityId: 'groningen',
      name: { nl: 'Groninger Ambitieweb', en: 'Groningen Ambitieweb' },
      operations: [
        { op: 'drop', axisId: 'ruimtegebruik' },
        { op: 'add', axis: gezondeLeefomgeving, after: 'ecologie' },
      ],
    });
    const ids = groningen.axes.map((a) => a.id);
    expect(ids).not.toContain('ruimtegebruik');
    expect(ids.slice(4, 6)).toEqual(['ecologie', 'gezonde-leefomgeving']);
    expect(groningen).toMatchObject({
      id: 'groninger-ambitieweb',
      municipalityId: 'groningen',
      basedOn: 'duurzaam-gww',
      default: false,
      contractTypes: ['works'],
    });
    // The reviewed template is left as it was.
    expect(gww.axes.map((a) => a.id)).toContain('ruimtegebruik');
  });

  it('renames an axis and keeps its levels and themes', () => {
    const tailored = tailorTemplate(mvi, {
      id: 'mvi-havendam',
      municipalityId: 'havendam',
      operations: [
        { op: 'rename', axisId: 'social-return', name: { nl: 'Werk voor iedereen', en: 'Work for all' } },
      ],
    });
    const axis = tailored.axes.find((a) => a.id === 'social-return')!;
    expect(axis.name).toEqual({ nl: 'Werk voor iedereen', en: 'Work for all' });
    expect(axis.levels).toEqual(mvi.axes.find((a) => a.id === 'social-return')!.levels);
    expect(axis.themes).toEqual(['social-return']);
    expect(tailored.name).toEqual(mvi.name);
  });

  it('adds an axis last when no place is given, and a tailored template can be tailored again', () => {
    const once = tailorTemplate(mvi, {
      id: 'mvi-havendam',
      municipalityId: 'havendam',
      operations: [{ op: 'add', axis: gezondeLeefomgeving }],
    });
    expect(once.axes.at(-1)?.id).toBe('gezonde-leefomgeving');
    const twice = tailorTemplate(once, {
      id: 'mvi-havendam-2',
      municipalityId: 'havendam',
      operations: [{ op: 'drop', axisId: 'gezonde-leefomgeving' }],
    });
    expect(twice.axes.map((a) => a.id)).toEqual(mvi.axes.map((a) => a.id));
    expect(twice.basedOn).toBe('mvi-themes');
  });

  it('refuses to leave fewer than three axes', () => {
    const error = refusal(() =>
      tailorTemplate(mvi, {
        id: 'mvi-small',
        municipalityId: 'havendam',
        operations: ['climate', 'environment', 'circular', 'supply-chain'].map((axisId) => ({
          op: 'drop',
          axisId,
        })),
      }),
    );
    expect(error.code).toBe('validation');
    expect(error.userMessage.nl).toContain('minstens 3 assen');
  });

  it('refuses an added axis without level texts, naming the field', () => {
    const { levels: _none, ...withoutLevels } = gezondeLeefomgeving;
    const error = refusal(() =>
      tailorTemplate(mvi, {
        id: 'mvi-havendam',
        municipalityId: 'havendam',
        operations: [{ op: 'add', axis: withoutLevels }],
      }),
    );
    expect(error.details.join('\n')).toContain('operations.0.axis.levels');
    expect(error.userMessage.nl).toContain('ontbreekt');
  });

  it('refuses an added axis with a level in one language only', () => {
    const oneLanguage = {
      ...gezondeLeefomgeving,
      levels: { ...gezondeLeefomgeving.levels, ambitious: { nl: 'Gezonder.', en: '' } },
    };
    const error = refusal(() =>
      tailorTemplate(mvi, {
        id: 'mvi-havendam',
        municipalityId: 'havendam',
        operations: [{ op: 'add', axis: oneLanguage }],
      }),
    );
    expect(error.details.join('\n')).toContain('operations.0.axis.levels.ambitious.en');
  });

  it('refuses a new name without English, an axis id used twice and an axis that is not there', () => {
    const noEnglish = refusal(() =>
      tailorTemplate(mvi, {
        id: 'mvi-havendam',
        municipalityId: 'havendam',
        operations: [{ op: 'rename', axisId: 'climate', name: { nl: 'Klimaat en energie' } }],
      }),
    );
    expect(noEnglish.details.join('\n')).toContain('operations.0.name.en');

    const twice = refusal(() =>
      tailorTemplate(mvi, {
        id: 'mvi-havendam',
        municipalityId: 'havendam',
        operations: [{ op: 'add', axis: { ...gezondeLeefomgeving, id: 'climate' } }],
      }),
    );
    expect(twice.details).toEqual([expect.stringContaining('operations.0.axis.id')]);
    expect(twice.userMessage.en).toContain('there is an axis climate already');

    const missing = refusal(() =>
      tailorTemplate(mvi, {
        id: 'mvi-havendam',
        municipalityId: 'havendam',
        operations: [
          { op: 'drop', axisId: 'climate' },
          { op: 'rename', axisId: 'climate', name: { nl: 'Klimaat', en: 'Climate' } },
        ],
      }),
    );
    expect(missing.details).toEqual([expect.stringContaining('operations.1.axisId')]);
    expect(missing.userMessage.nl).toContain('de as climate staat niet (meer) in het web');
  });

  it('refuses the id of the template it starts from and another municipality’s tailored template', () => {
    expect(
      refusal(() =>
        tailorTemplate(mvi, {
          id: 'mvi-themes',
          municipalityId: 'havendam',
          operations: [{ op: 'drop', axisId: 'climate' }],
        }),
      ).code,
    ).toBe('validation');
    const havendam = tailorTemplate(mvi, {
      id: 'mvi-havendam',
      municipalityId: 'havendam',
      operations: [{ op: 'drop', axisId: 'climate' }],
    });
    expect(
      refusal(() =>
        tailorTemplate(havendam, {
          id: 'mvi-zeewolde',
          municipalityId: 'zeewolde',
          operations: [{ op: 'drop', axisId: 'circular' }],
        }),
      ).code,
    ).toBe('forbidden');
  });
});
