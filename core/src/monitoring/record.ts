/**
 * What a project records about MVI in its tender (project level of MVI monitoring): which
 * criteria went into the tender documents, whether social return was asked, why MVI was
 * left out when it was, and, after delivery, whether it was realised. The organisation and
 * the board see these records added up (report.ts).
 */
import { z } from 'zod';
import { validationError } from '../errors.js';

export const NO_MVI_REASONS = ['no-market', 'too-small', 'framework-call-off', 'other'] as const;
export type NoMviReason = (typeof NO_MVI_REASONS)[number];
export const REALISATIONS = ['not-yet', 'realised', 'partly', 'not-realised'] as const;
export type Realisation = (typeof REALISATIONS)[number];

export const NO_MVI_REASON_LABELS: Record<NoMviReason, { nl: string; en: string }> = {
  'no-market': { nl: 'Markt kan het (nog) niet leveren', en: 'The market cannot deliver it (yet)' },
  'too-small': { nl: 'Opdracht te klein voor MVI-eisen', en: 'Contract too small for MVI requirements' },
  'framework-call-off': {
    nl: 'Afroep uit bestaande raamovereenkomst',
    en: 'Call-off under an existing framework',
  },
  other: { nl: 'Andere reden', en: 'Other reason' },
};

export const REALISATION_LABELS: Record<Realisation, { nl: string; en: string }> = {
  'not-yet': { nl: 'Nog niet bekend', en: 'Not known yet' },
  realised: { nl: 'Gerealiseerd', en: 'Realised' },
  partly: { nl: 'Deels gerealiseerd', en: 'Partly realised' },
  'not-realised': { nl: 'Niet gerealiseerd', en: 'Not realised' },
};

/** The MVI record as stored with the tender. */
export const tenderMvi = z.object({
  appliedCriteria: z.array(z.string()).max(200),
  socialReturn: z.object({ applied: z.boolean(), percentage: z.number().min(0).max(100).optional() }),
  noMviReason: z.enum(NO_MVI_REASONS).optional(),
  /** Results at delivery, in the project's words ("40 % less CO2 than the old fleet"). */
  results: z.string().max(2000).optional(),
  realisation: z.enum(REALISATIONS),
  recordedAt: z.iso.datetime(),
});
export type TenderMvi = z.infer<typeof tenderMvi>;

/** What a person sends (PUT /api/tenders/{reference}/mvi). */
export const tenderMviWrite = z
  .object({
    appliedCriteria: z
      .array(z.string().trim().min(1).max(80), { message: 'appliedCriteria is a list of criterion ids' })
      .max(200, 'at most 200 criteria'),
    socialReturn: z
      .object({
        applied: z.boolean({ message: 'say whether social return was asked (true or false)' }),
        percentage: z
          .number()
          .min(0, 'a percentage is 0 to 100')
          .max(100, 'a percentage is 0 to 100')
          .optional(),
      })
      .strict(),
    noMviReason: z
      .enum(NO_MVI_REASONS, { message: `the reason is one of ${NO_MVI_REASONS.join(', ')}` })
      .optional(),
    results: z.string().trim().max(2000, 'the results are at most 2000 characters').optional(),
    realisation: z
      .enum(REALISATIONS, { message: `realisation is one of ${REALISATIONS.join(', ')}` })
      .default('not-yet'),
  })
  .strict();
export type TenderMviWrite = z.infer<typeof tenderMviWrite>;

/**
 * Validates an untrusted MVI record against the catalogue: every criterion must exist, and
 * a tender without criteria needs a reason. Throws a validation DomainError in nl and en.
 */
export function parseTenderMviWrite(
  input: unknown,
  knownCriterion: (id: string) => boolean,
  now: Date,
): TenderMvi {
  const result = tenderMviWrite.safeParse(input);
  if (!result.success) {
    const details = result.error.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`);
    throw validationError(
      {
        nl: `De MVI-registratie is niet compleet of klopt niet: ${details.join('; ')}`,
        en: `The MVI record is incomplete or invalid: ${details.join('; ')}`,
      },
      details,
    );
  }
  const write = result.data;
  const applied = [...new Set(write.appliedCriteria)];
  const unknown = applied.filter((id) => !knownCriterion(id));
  if (unknown.length > 0) {
    throw validationError(
      {
        nl: `Deze criteria bestaan niet in de MVI-catalogus: ${unknown.join(', ')}.`,
        en: `These criteria do not exist in the MVI catalogue: ${unknown.join(', ')}.`,
      },
      unknown,
    );
  }
  if (applied.length === 0 && !write.noMviReason) {
    throw validationError({
      nl: 'Kies minstens één toegepast criterium, of geef aan waarom MVI in deze aanbesteding ontbreekt.',
      en: 'Choose at least one applied criterion, or say why this tender has no MVI.',
    });
  }
  if (write.socialReturn.applied && write.socialReturn.percentage === undefined) {
    throw validationError({
      nl: 'Geef het percentage social return (van de opdrachtwaarde).',
      en: 'Give the social return percentage (of the contract value).',
    });
  }
  return {
    appliedCriteria: applied,
    socialReturn: write.socialReturn.applied
      ? { applied: true, percentage: write.socialReturn.percentage }
      : { applied: false },
    ...(applied.length === 0 && write.noMviReason ? { noMviReason: write.noMviReason } : {}),
    ...(write.results ? { results: write.results } : {}),
    realisation: write.realisation,
    recordedAt: now.toISOString(),
  };
}
