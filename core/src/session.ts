/** Lunch lectures, workshops, knowledge and inspiration sessions. */
import { z } from 'zod';
import { municipalityId } from './identity.js';
import { themeId } from './content/schema.js';

export const SESSION_TYPES = [
  'lunch-lecture',
  'workshop',
  'knowledge-session',
  'inspiration-session',
  'ambitieweb-session',
] as const;

export const session = z.object({
  id: z.string().regex(/^[a-z0-9-]{3,64}$/),
  /** The organising municipality. */
  municipalityId,
  regionId: municipalityId,
  /** Open to every municipality of the regional programme, not only the organiser's. */
  regionWide: z.boolean().default(false),
  type: z.enum(SESSION_TYPES),
  title: z.string().trim().min(3).max(200),
  description: z.string().trim().max(4000).default(''),
  themes: z.array(themeId).default([]),
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }),
  location: z.string().max(200).optional(),
  onlineMeetingUrl: z.url().optional(),
  capacity: z.number().int().positive().max(10_000).optional(),
  organiserIds: z.array(z.uuid()).min(1),
  /** Self check-ins (button, bot) wait for an organiser's approval; a code from the room does not. */
  requiresApproval: z.boolean().default(false),
  /** Sessions of one workshop series share this id. */
  seriesId: z
    .string()
    .regex(/^[a-z0-9-]{3,64}$/)
    .optional(),
  /** The Teams meeting's organiser (Entra id) and, once known, its Graph onlineMeeting id, for the attendance import. */
  teamsOrganizerId: z.uuid().optional(),
  teamsMeetingId: z.string().min(1).max(500).optional(),
  /** Bookkeeping; absent on sessions seeded before editing existed. */
  version: z.number().int().positive().default(1),
  createdAt: z.iso.datetime().optional(),
  updatedAt: z.iso.datetime().optional(),
  updatedBy: z.object({ userId: z.string(), displayName: z.string() }).optional(),
});
export type Session = z.infer<typeof session>;
export type SessionInput = z.input<typeof session>;
