/** A coming tender in the municipal procurement pipeline (kansrijke aanbesteding). */
import { z } from 'zod';
import { municipalityId } from './identity.js';

export const TENDER_STATUSES = ['planned', 'preparing', 'published', 'awarded', 'archived'] as const;

const isoDate = z.iso.date({ message: 'Use a date as YYYY-MM-DD' });

export const tenderReference = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{1,39}$/, 'A reference has 2 to 40 letters, digits, dots, dashes or slashes');

export const tender = z.object({
  municipalityId,
  reference: tenderReference,
  title: z.string().trim().min(3).max(200),
  description: z.string().trim().max(4000).optional(),
  cpv: z.array(z.string().regex(/^\d{8}(-\d)?$/, 'A CPV code has 8 digits, optionally -check digit')).max(20).default([]),
  estimatedValueEur: z.number().nonnegative().max(10_000_000_000).optional(),
  commissioningManager: z.object({
    userId: z.uuid().optional(),
    upn: z.email().optional(),
    displayName: z.string().max(200).optional(),
  }),
  buyerUpn: z.email().optional(),
  kickoffDate: isoDate,
  publicationDate: isoDate.optional(),
  status: z.enum(TENDER_STATUSES).default('planned'),
});
export type Tender = z.infer<typeof tender>;
export type TenderInput = z.input<typeof tender>;
