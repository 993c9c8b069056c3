/**
 * Sessions, registrations, attendance and feedback: the schemas every boundary validates
 * with (HTTP bodies, card submits, stored rows), and the types inferred from them.
 */
import { z } from 'zod';
import { themeId } from '../content/schema.js';
import { validationError } from '../errors.js';
import { municipalityId } from '../identity.js';
import { SESSION_TYPES } from '../session.js';

const httpsUrl = z.url({ protocol: /^https$/, message: 'use an https:// link' });

/** What an organiser writes when planning or editing a session. */
export const sessionWrite = z
  .object({
    type: z.enum(SESSION_TYPES),
    title: z
      .string()
      .trim()
      .min(3, 'the title has at least 3 characters')
      .max(200, 'the title has at most 200 characters'),
    description: z.string().trim().max(4000, 'the description has at most 4,000 characters').default(''),
    themes: z.array(themeId).max(6).default([]),
    start: z.iso.datetime({ offset: true, message: 'give the start as a date and time' }),
    end: z.iso.datetime({ offset: true, message: 'give the end as a date and time' }),
    location: z.string().trim().max(200, 'the location has at most 200 characters').optional(),
    onlineMeetingUrl: httpsUrl.optional(),
    /** The Graph onlineMeeting id, when the organiser knows it; otherwise it is found from the join link. */
    teamsMeetingId: z.string().trim().min(1).max(500).optional(),
    /** Who set up the Teams meeting (default: the first organiser). */
    teamsOrganizerId: z.uuid().optional(),
    capacity: z
      .number()
      .int('the capacity is a whole number')
      .positive('the capacity is at least 1')
      .max(10_000)
      .optional(),
    regionWide: z.boolean().default(false),
    requiresApproval: z.boolean().default(false),
    seriesId: z
      .string()
      .regex(/^[a-z0-9-]{3,64}$/, 'a series id has 3 to 64 lower-case letters, digits or dashes')
      .optional(),
    /** Co-organisers (Entra ids); the creator is always one. */
    organiserIds: z.array(z.uuid()).max(10).default([]),
  })
  .strict()
  .superRefine(
    (s, ctx) => {
      if (Date.parse(s.end) <= Date.parse(s.start))
        ctx.addIssue({ code: 'custom', path: ['end'], message: 'the end is after the start' });
      if (Date.parse(s.end) - Date.parse(s.start) > 7 * 24 * 3600 * 1000)
        ctx.addIssue({ code: 'custom', path: ['end'], message: 'a session lasts at most a week' });
      if (!s.location && !s.onlineMeetingUrl)
        ctx.addIssue({
          code: 'custom',
          path: ['location'],
          message: 'give a location, a Teams link, or both',
        });
      if ((s.teamsMeetingId || s.teamsOrganizerId) && !s.onlineMeetingUrl) {
        ctx.addIssue({
          code: 'custom',
          path: ['onlineMeetingUrl'],
          message: 'a Teams meeting needs its join link',
        });
      }
    },
    // Also when other fields failed, so one answer lists every problem.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
export type SessionWrite = z.infer<typeof sessionWrite>;
export type SessionWriteInput = z.input<typeof sessionWrite>;

/** Validates untrusted input with a schema; a validation DomainError lists every problem. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, what: { nl: string; en: string }): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
  throw validationError(
    {
      nl: `${what.nl} klopt niet: ${details.join('; ')}`,
      en: `${what.en} is invalid: ${details.join('; ')}`,
    },
    details,
  );
}

export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** One person's registration for one session. */
export const registration = z.object({
  sessionId: z.string(),
  userId: z.uuid(),
  tenantId: z.uuid(),
  municipalityId,
  displayName: z.string().max(200),
  department: z.string().max(200).optional(),
  status: z.enum(REGISTRATION_STATUSES),
  /** Order of arrival: the waiting list moves up in this order. */
  seq: z.number().int().nonnegative(),
  registeredAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Registration = z.infer<typeof registration>;

/** The counters of a session's registrations, kept in one row and changed only with its ETag. */
export const roster = z.object({
  registered: z.number().int().nonnegative(),
  waitlisted: z.number().int().nonnegative(),
  /** The last sequence number handed out. */
  seq: z.number().int().nonnegative(),
});
export type Roster = z.infer<typeof roster>;
export const EMPTY_ROSTER: Roster = { registered: 0, waitlisted: 0, seq: 0 };

export const ATTENDANCE_STATUSES = ['present', 'pending', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const SELF_CHECK_IN_CHANNELS = ['tab', 'bot'] as const;
export type SelfCheckInChannel = (typeof SELF_CHECK_IN_CHANNELS)[number];

/**
 * One record per person per session. It keeps the evidence (a code from the room, a self
 * check-in, Teams attendance, the organiser's word) and the status derived from it.
 */
export const attendance = z.object({
  sessionId: z.string(),
  /** Entra id, or `anon-…` once anonymised. */
  userId: z.string().min(1),
  displayName: z.string().max(200).optional(),
  department: z.string().max(200).optional(),
  municipalityId: municipalityId.optional(),
  status: z.enum(ATTENDANCE_STATUSES),
  /** When the person first checked in with the room's code. */
  codeAt: z.iso.datetime().optional(),
  /** When the person first checked in with a button (tab or bot). */
  selfAt: z.iso.datetime().optional(),
  selfVia: z.enum(SELF_CHECK_IN_CHANNELS).optional(),
  /** Total time in the Teams meeting, from the latest attendance import (replaced, never added up). */
  teamsSeconds: z.number().int().nonnegative().optional(),
  /** The organiser's decision; it overrides the evidence. */
  organiser: z
    .object({ status: z.enum(['present', 'absent']), by: z.string(), at: z.iso.datetime() })
    .optional(),
  /** When the person was asked to rate the session (activity feed), so it happens once. */
  feedbackAskedAt: z.iso.datetime().optional(),
  /** When the session's date was (kept after anonymisation for the reach over time). */
  sessionStart: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime(),
  anonymised: z.boolean().default(false),
});
export type Attendance = z.infer<typeof attendance>;

export const feedbackWrite = z
  .object({
    rating: z
      .number()
      .int('a rating is a whole number')
      .min(1, 'a rating is 1 to 5')
      .max(5, 'a rating is 1 to 5'),
    comment: z.string().trim().max(1000, 'a comment has at most 1,000 characters').optional(),
  })
  .strict();
export type FeedbackWrite = z.infer<typeof feedbackWrite>;

export const sessionFeedback = z.object({
  sessionId: z.string(),
  userId: z.string().min(1),
  rating: z.number().int().min(1).max(5),
  comment: z.string().max(1000).optional(),
  at: z.iso.datetime(),
  anonymised: z.boolean().default(false),
});
export type SessionFeedback = z.infer<typeof sessionFeedback>;

/** What an attendance import from Teams found, kept so the organiser sees it later. */
export const attendanceImport = z.object({
  sessionId: z.string(),
  at: z.iso.datetime(),
  by: z.string(),
  reports: z.number().int().nonnegative(),
  records: z.number().int().nonnegative(),
  matched: z.number().int().nonnegative(),
  unmatched: z.array(
    z.object({
      /** Entra id when Teams knows the person (absent for guests and phone dial-ins). */
      userId: z.string().optional(),
      displayName: z.string().max(200),
      seconds: z.number().int().nonnegative(),
      /** Known in the membership register (the organiser can mark them present). */
      member: z.boolean(),
    }),
  ),
});
export type AttendanceImport = z.infer<typeof attendanceImport>;

export const privacySettings = z
  .object({
    /** After this many months past a session, its attendance and feedback are anonymised. */
    retentionMonths: z
      .number()
      .int('a whole number of months')
      .min(1, 'at least 1 month')
      .max(120, 'at most 120 months'),
  })
  .strict();
export type PrivacySettings = z.infer<typeof privacySettings>;

export const AUDIT_ACTIONS = ['export', 'erase', 'retention'] as const;
export const auditEntry = z.object({
  at: z.iso.datetime(),
  municipalityId,
  action: z.enum(AUDIT_ACTIONS),
  /** Who did it (the timer for retention). */
  actor: z.object({ userId: z.string(), displayName: z.string() }),
  /** Whose data (Entra id), absent for the retention job. */
  subjectId: z.string().optional(),
  /** What was touched: counts per kind. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
});
export type AuditEntry = z.infer<typeof auditEntry>;
