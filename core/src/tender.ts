/** A coming tender in the municipal procurement pipeline (kansrijke aanbesteding). */
import { z } from 'zod';
import type { LocalizedText } from './content/schema.js';
import { validationError } from './errors.js';
import { hasRole, municipalityId, type Principal } from './identity.js';
import { tenderMvi } from './monitoring/record.js';

export const TENDER_STATUSES = ['planned', 'preparing', 'published', 'awarded', 'archived'] as const;
export type TenderStatus = (typeof TENDER_STATUSES)[number];

const isoDate = z.iso.date({ message: 'Use a date as YYYY-MM-DD' });

/**
 * The identity of a tender reference: "ONE-REF" and "one-ref" are the same tender, in the
 * API, the plan import and the integration upsert. The reference is shown as first written;
 * stores key it by this.
 */
export function referenceKey(reference: string): string {
  return reference.trim().toLowerCase();
}

export function sameReference(a: string, b: string): boolean {
  return referenceKey(a) === referenceKey(b);
}

export const tenderReference = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._/-]{1,39}$/,
    'A reference has 2 to 40 letters, digits, dots, dashes or slashes',
  );

const cpvCode = z.string().regex(/^\d{8}(-\d)?$/, 'A CPV code has 8 digits, optionally -check digit');

export const commissioningManager = z.object({
  userId: z.uuid().optional(),
  upn: z.email().optional(),
  displayName: z.string().max(200).optional(),
});

export const tender = z.object({
  municipalityId,
  reference: tenderReference,
  title: z.string().trim().min(3).max(200),
  description: z.string().trim().max(4000).optional(),
  cpv: z.array(cpvCode).max(20).default([]),
  estimatedValueEur: z.number().nonnegative().max(10_000_000_000).optional(),
  commissioningManager,
  buyerUpn: z.email().optional(),
  kickoffDate: isoDate,
  publicationDate: isoDate.optional(),
  status: z.enum(TENDER_STATUSES).default('planned'),
  /** Where the tender came from and when it last changed (absent on older rows). */
  source: z.enum(['api', 'csv', 'integration', 'seed']).optional(),
  /** What the project recorded about MVI in this tender (monitoring). */
  mvi: tenderMvi.optional(),
  createdAt: z.iso.datetime().optional(),
  updatedAt: z.iso.datetime().optional(),
});
export type Tender = z.infer<typeof tender>;
export type TenderInput = z.input<typeof tender>;

/**
 * What a person or another system may write: everything but the municipality (the caller's
 * own, or the one its app registration is mapped to) and the bookkeeping. Archiving has its
 * own action, so `archived` is not a status one can set here.
 */
export const tenderWrite = z
  .object({
    reference: tenderReference,
    title: z
      .string()
      .trim()
      .min(3, 'the title has at least 3 characters')
      .max(200, 'the title is longer than 200 characters'),
    description: z.string().trim().max(4000).optional(),
    cpv: z.array(cpvCode).max(20).default([]),
    estimatedValueEur: z
      .number()
      .nonnegative('the estimated value cannot be negative')
      .max(10_000_000_000)
      .optional(),
    commissioningManager: commissioningManager.refine((m) => m.userId !== undefined || m.upn !== undefined, {
      message: 'give the commissioning manager’s e-mail address (upn) or Entra object id (userId)',
    }),
    buyerUpn: z.email().optional(),
    kickoffDate: isoDate,
    publicationDate: isoDate.optional(),
    status: z.enum(['planned', 'preparing', 'published', 'awarded']).default('planned'),
  })
  .strict();
export type TenderWrite = z.infer<typeof tenderWrite>;
export type TenderWriteInput = z.input<typeof tenderWrite>;

/** Checks a CPV code against the vocabulary: the problem in words, or undefined when the code exists. */
export type CpvCodeCheck = (code: string) => LocalizedText | undefined;

/**
 * Validates an untrusted tender; a validation DomainError lists every problem. With
 * `checkCpv`, codes that do not exist in the CPV vocabulary are problems too.
 */
export function parseTenderWrite(input: unknown, checkCpv?: CpvCodeCheck): TenderWrite {
  const result = tenderWrite.safeParse(input);
  const details = result.success
    ? []
    : result.error.issues.map((i) => `${i.path.join('.') || 'tender'}: ${i.message}`);
  const cpvProblems =
    result.success && checkCpv
      ? result.data.cpv.map(checkCpv).filter((p): p is LocalizedText => p !== undefined)
      : [];
  if (!result.success || cpvProblems.length > 0) {
    throw validationError(
      {
        nl: [
          details.length ? `De aanbesteding is niet compleet of klopt niet: ${details.join('; ')}` : '',
          ...cpvProblems.map((p) => p.nl),
        ]
          .filter(Boolean)
          .join(' '),
        en: [
          details.length ? `The tender is incomplete or invalid: ${details.join('; ')}` : '',
          ...cpvProblems.map((p) => p.en),
        ]
          .filter(Boolean)
          .join(' '),
      },
      [...details, ...cpvProblems.map((p) => `cpv: ${p.en}`)],
    );
  }
  return result.data;
}

/** The writable fields of a stored tender, for comparing an import row with what is stored. */
export function writableFields(t: Tender): Omit<TenderWrite, never> {
  return {
    reference: t.reference,
    title: t.title,
    ...(t.description !== undefined ? { description: t.description } : {}),
    cpv: t.cpv,
    ...(t.estimatedValueEur !== undefined ? { estimatedValueEur: t.estimatedValueEur } : {}),
    commissioningManager: t.commissioningManager,
    ...(t.buyerUpn !== undefined ? { buyerUpn: t.buyerUpn } : {}),
    kickoffDate: t.kickoffDate,
    ...(t.publicationDate !== undefined ? { publicationDate: t.publicationDate } : {}),
    status: t.status === 'archived' ? 'planned' : t.status,
  };
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Whether writing `next` over `existing` would change anything a person can see. */
export function tenderChanges(
  existing: Tender | undefined,
  next: TenderWrite,
): 'create' | 'update' | 'unchanged' {
  if (!existing) return 'create';
  if (existing.status === 'archived') return 'update';
  // The reference in another case is the same reference: not a change.
  const same = sameReference(existing.reference, next.reference)
    ? { ...next, reference: existing.reference }
    : next;
  return canonical(writableFields(existing)) === canonical(same) ? 'unchanged' : 'update';
}

/** The stored tender after a write: bookkeeping kept, the rest from the write. */
export function applyTenderWrite(
  existing: Tender | undefined,
  write: TenderWrite,
  context: { municipalityId: string; source: NonNullable<Tender['source']>; now: Date },
): Tender {
  return tender.parse({
    ...write,
    // Shown as first written: `one-ref` updates the tender `ONE-REF` without renaming it.
    ...(existing ? { reference: existing.reference } : {}),
    municipalityId: context.municipalityId,
    source: existing?.source ?? context.source,
    ...(existing?.mvi ? { mvi: existing.mvi } : {}),
    createdAt: existing?.createdAt ?? context.now.toISOString(),
    updatedAt: context.now.toISOString(),
  });
}

/**
 * Whether the person is the tender's commissioning manager: by Entra object id only. A name
 * (`preferred_username`, e-mail) is no identity: it can be reassigned or carried by another
 * account. A manager given by e-mail is resolved to an object id when the tender is written;
 * until then the tender has no manager who can act on it (the MVI team and buyers still can).
 */
export function isCommissionedBy(
  person: { userId: string },
  t: Pick<Tender, 'commissioningManager'>,
): boolean {
  const manager = t.commissioningManager;
  return manager.userId !== undefined && manager.userId.toLowerCase() === person.userId.toLowerCase();
}

/** Who may do what with a tender: the same rules for the API, the tab and the bot. */
export const canManageTenders = (p: Principal): boolean => hasRole(p, 'mvi-admin', 'buyer');
export const canSeeTender = (p: Principal, t: Tender): boolean =>
  hasRole(p, 'mvi-admin', 'buyer', 'board') || isCommissionedBy(p, t);
export const canSnooze = (p: Principal, t: Tender): boolean =>
  hasRole(p, 'mvi-admin') || isCommissionedBy(p, t);
/** Who records the MVI of a tender (monitoring): the MVI team, buyers and its commissioning manager. */
export const canRecordMvi = (p: Principal, t: Tender): boolean =>
  hasRole(p, 'mvi-admin', 'buyer') || isCommissionedBy(p, t);

/** What the advice engine is asked about a registered tender: its own data and municipality. */
export function adviceRequestFor(
  t: Pick<Tender, 'title' | 'description' | 'cpv' | 'estimatedValueEur' | 'municipalityId'>,
  language: 'nl' | 'en',
) {
  return {
    title: t.title,
    ...(t.description ? { description: t.description } : {}),
    cpv: t.cpv,
    ...(t.estimatedValueEur !== undefined ? { estimatedValueEur: t.estimatedValueEur } : {}),
    municipality: t.municipalityId,
    language,
  };
}
