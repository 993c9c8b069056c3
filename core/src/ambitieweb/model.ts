/**
 * The Ambitieweb: with a web a tender, a department or the whole municipality agrees, axis
 * by axis, how ambitious it wants to be. This module holds the schemas every boundary
 * validates with (content templates, stored webs, HTTP bodies) and the types inferred from
 * them. The rules live in the modules next to it; storage and Teams are adapters.
 */
import { z } from 'zod';
import { AMBITION_LABELS } from '../content/labels.js';
import { contractType, themeId, type AmbitionLevel, type LocalizedText } from '../content/schema.js';
import { municipalityId } from '../identity.js';
import { tenderReference } from '../tender.js';

/** Axis and template ids: lower-case words joined by hyphens (`sociale-relevantie`). */
export const axisSlug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug')
  .max(60, 'slug');

/** A name on the radar chart: short, in both languages. */
export const AXIS_NAME_MAX = 40;
/** Descriptions and level texts: a few sentences at most. */
export const AXIS_TEXT_MAX = 400;
/** The reason given with a proposal or a settled score. */
export const REASON_MAX = 280;
/** A web has at least this many axes (fewer is not a web), and at most this many (a chart stays readable). */
export const AXES_MIN = 3;
export const AXES_MAX = 16;

/** A text in Dutch and English, each at most `max` characters. */
export const boundedText = (max: number) =>
  z.object({
    nl: z.string().trim().min(1, 'Dutch text is required').max(max),
    en: z.string().trim().min(1, 'English text is required').max(max),
  });

/**
 * The score of an axis: 0 not chosen (no ambition, no criteria), 1 basis (the legal minimum and
 * usual practice), 2 significant (clearly better than standard), 3 ambitious (added value).
 */
export const AMBITION_SCORES = [0, 1, 2, 3] as const;
export const ambitionScore = z.literal(AMBITION_SCORES);
export type AmbitionScore = z.infer<typeof ambitionScore>;

export const SCORE_LABELS: Record<AmbitionScore, LocalizedText> = {
  0: { nl: 'Niet gekozen', en: 'Not chosen' },
  1: AMBITION_LABELS.basic,
  2: AMBITION_LABELS.significant,
  3: AMBITION_LABELS.ambitious,
};

/** What levels 1, 2 and 3 mean on this axis, named after the advice's ambition levels. */
export const levelTexts = z
  .object({
    basic: boundedText(AXIS_TEXT_MAX),
    significant: boundedText(AXIS_TEXT_MAX),
    ambitious: boundedText(AXIS_TEXT_MAX),
  })
  .strict();
export type LevelTexts = z.infer<typeof levelTexts>;

export const ambitionAxis = z
  .object({
    id: axisSlug,
    name: boundedText(AXIS_NAME_MAX),
    description: boundedText(AXIS_TEXT_MAX),
    levels: levelTexts,
    /**
     * The MVI themes of the Nationaal Plan this axis speaks for, so that a web of another
     * template (Duurzaam GWW) still sets the level of the MVI criteria. None: the axis is
     * discussed and shown, but does not drive criteria.
     */
    themes: z.array(themeId).max(6).default([]),
  })
  .strict()
  .superRefine((axis, ctx) => {
    if (new Set(axis.themes).size !== axis.themes.length)
      ctx.addIssue({ code: 'custom', path: ['themes'], message: 'themes-unique' });
  });
export type AmbitionAxis = z.infer<typeof ambitionAxis>;
export type AmbitionAxisInput = z.input<typeof ambitionAxis>;

/** Refuses two axes with one id; the problem is named at the second one. */
function uniqueAxisIds(axes: readonly { id: string }[], ctx: z.RefinementCtx, path: PropertyKey[]): void {
  const seen = new Set<string>();
  axes.forEach((axis, index) => {
    if (seen.has(axis.id))
      ctx.addIssue({ code: 'custom', path: [...path, index, 'id'], message: 'axis-id-unique' });
    seen.add(axis.id);
  });
}

const axes = z
  .array(ambitionAxis)
  .min(AXES_MIN, 'axes-min')
  .max(AXES_MAX, 'axes-max')
  .superRefine((list, ctx) => uniqueAxisIds(list, ctx, []));

/** A reviewed template in content/ambitieweb, or a municipality's tailored copy of one. */
export const ambitionTemplate = z
  .object({
    id: axisSlug,
    name: boundedText(80),
    description: boundedText(AXIS_TEXT_MAX),
    /** Where the axes and their levels come from, in a line. */
    source: boundedText(AXIS_TEXT_MAX).optional(),
    /** The template a web gets when nobody chooses one. Exactly one reviewed template is. */
    default: z.boolean().default(false),
    /** The kinds of contract the template suits (Duurzaam GWW: works). */
    contractTypes: z.array(contractType).min(1).default(['works', 'supplies', 'services']),
    /** Set on a tailored copy: the municipality it belongs to and the template it came from. */
    municipalityId: municipalityId.optional(),
    basedOn: axisSlug.optional(),
    axes,
  })
  .strict();
export type AmbitionTemplate = z.infer<typeof ambitionTemplate>;
export type AmbitionTemplateInput = z.input<typeof ambitionTemplate>;

/** Whom a web belongs to: one tender, a department, or the municipality's policy (the "generic web"). */
export const webOwner = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tender'), reference: tenderReference }).strict(),
  z.object({ kind: z.literal('department'), name: z.string().trim().min(2).max(100) }).strict(),
  z.object({ kind: z.literal('policy') }).strict(),
]);
export type WebOwner = z.infer<typeof webOwner>;
export type WebOwnerKind = WebOwner['kind'];

export const webPerson = z
  .object({ userId: z.string().min(1).max(200), displayName: z.string().trim().min(1).max(200) })
  .strict();
export type WebPerson = z.infer<typeof webPerson>;

/** A short reason; blank is the same as none. */
export const reasonText = z
  .string()
  .trim()
  .max(REASON_MAX)
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** One participant's proposal for one axis, while the session runs. */
export const proposal = z
  .object({
    axisId: axisSlug,
    userId: z.string().min(1).max(200),
    level: ambitionScore,
    reason: reasonText,
    at: z.iso.datetime(),
  })
  .strict();
export type Proposal = z.infer<typeof proposal>;

/** The score the organiser settled for an axis: it wins over every proposal. */
export const settledScore = z
  .object({
    score: ambitionScore,
    reason: reasonText,
    /** Who settled it; removed when that person is erased. */
    settledBy: z.string().min(1).max(200).optional(),
    settledAt: z.iso.datetime(),
  })
  .strict();
export type SettledScore = z.infer<typeof settledScore>;

export const WEB_STATES = ['open', 'settled'] as const;
export type WebState = (typeof WEB_STATES)[number];

/** Enough for a live session of a large team, small enough for one stored row. */
export const PARTICIPANTS_MAX = 100;

/** A stored web. The axes are a copy of the template's (after tailoring): a settled web keeps its meaning when the template changes. */
export const ambitionWeb = z
  .object({
    id: z.string().min(1).max(100),
    municipalityId,
    owner: webOwner,
    templateId: axisSlug,
    axes,
    /** Who opened the web; they settle it, with the municipality's MVI team. */
    organiserIds: z.array(z.string().min(1).max(200)).max(10),
    participants: z.array(webPerson).max(PARTICIPANTS_MAX),
    /** Only while the session runs: closing the web removes them (least data). */
    proposals: z.array(proposal).max(PARTICIPANTS_MAX * AXES_MAX),
    scores: z.record(axisSlug, settledScore),
    state: z.enum(WEB_STATES),
    createdAt: z.iso.datetime(),
    settledAt: z.iso.datetime().optional(),
  })
  .strict()
  .superRefine((web, ctx) => {
    const ids = new Set(web.axes.map((a) => a.id));
    for (const axisId of Object.keys(web.scores))
      if (!ids.has(axisId))
        ctx.addIssue({ code: 'custom', path: ['scores', axisId], message: 'axis-unknown' });
    web.proposals.forEach((p, index) => {
      if (!ids.has(p.axisId))
        ctx.addIssue({ code: 'custom', path: ['proposals', index, 'axisId'], message: 'axis-unknown' });
    });
    if (web.state === 'settled') {
      for (const axis of web.axes)
        if (!web.scores[axis.id])
          ctx.addIssue({ code: 'custom', path: ['scores', axis.id], message: 'axis-unscored' });
      if (!web.settledAt) ctx.addIssue({ code: 'custom', path: ['settledAt'], message: 'settled-at' });
    }
  });
export type AmbitionWeb = z.infer<typeof ambitionWeb>;
export type AmbitionWebInput = z.input<typeof ambitionWeb>;

/** The advice's ambition level for a score; 0 has none (the theme gets no criteria). */
export function scoreToAmbition(score: AmbitionScore): AmbitionLevel | null {
  switch (score) {
    case 0:
      return null;
    case 1:
      return 'basic';
    case 2:
      return 'significant';
    case 3:
      return 'ambitious';
  }
}

/** The score of an advice ambition level (the single level used when there is no web). */
export function ambitionToScore(level: AmbitionLevel): Exclude<AmbitionScore, 0> {
  return level === 'basic' ? 1 : level === 'significant' ? 2 : 3;
}

/** Field names as a person reads them, for the validation messages of these schemas. */
export const FIELD_LABELS: Record<string, LocalizedText> = {
  id: { nl: 'Het id', en: 'The id' },
  name: { nl: 'De naam', en: 'The name' },
  description: { nl: 'De beschrijving', en: 'The description' },
  source: { nl: 'De bron', en: 'The source' },
  default: { nl: 'Standaard', en: 'Default' },
  contractTypes: { nl: 'De soorten opdracht', en: 'The contract types' },
  municipalityId: { nl: 'De gemeente', en: 'The municipality' },
  basedOn: { nl: 'Het oorspronkelijke sjabloon', en: 'The original template' },
  axes: { nl: 'As', en: 'Axis' },
  axis: { nl: 'De nieuwe as', en: 'The new axis' },
  axisId: { nl: 'De as', en: 'The axis' },
  after: { nl: 'De as waarachter', en: 'The axis after which' },
  owner: { nl: 'De eigenaar', en: 'The owner' },
  templateId: { nl: 'Het sjabloon', en: 'The template' },
  level: { nl: 'Het niveau', en: 'The level' },
  score: { nl: 'De score', en: 'The score' },
  reason: { nl: 'De toelichting', en: 'The reason' },
  operations: { nl: 'Wijziging', en: 'Change' },
  scores: { nl: 'Score', en: 'Score' },
  proposals: { nl: 'Voorstel', en: 'Proposal' },
};

/** The texts of the rules these schemas state themselves (`{label}` is the field, `{value}` its value). */
export const FIELD_MESSAGES: Record<string, LocalizedText> = {
  slug: {
    nl: '{label} bestaat uit kleine letters, cijfers en streepjes, hoogstens 60 tekens ({value}).',
    en: '{label} is lower-case letters, digits and hyphens, at most 60 characters ({value}).',
  },
  'axis-id-unique': {
    nl: '{label}: het id {value} komt al eerder voor; elke as heeft een eigen id.',
    en: '{label}: the id {value} is used before; every axis has an id of its own.',
  },
  'axes-min': {
    nl: `Een Ambitieweb heeft minstens ${AXES_MIN} assen.`,
    en: `An Ambitieweb has at least ${AXES_MIN} axes.`,
  },
  'axes-max': {
    nl: `Een Ambitieweb heeft hoogstens ${AXES_MAX} assen.`,
    en: `An Ambitieweb has at most ${AXES_MAX} axes.`,
  },
  'themes-unique': {
    nl: '{label} noemt een MVI-thema twee keer.',
    en: '{label} names an MVI theme twice.',
  },
  'axis-unknown': {
    nl: '{label} hoort bij een as die niet in dit web staat.',
    en: '{label} belongs to an axis that is not in this web.',
  },
  'axis-unscored': {
    nl: '{label} ontbreekt: een vastgesteld web heeft een score voor elke as.',
    en: '{label} is missing: a settled web has a score for every axis.',
  },
  'settled-at': {
    nl: 'Een vastgesteld web heeft een datum van vaststelling.',
    en: 'A settled web has the date it was settled.',
  },
};
