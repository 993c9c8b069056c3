/**
 * The nudge plan of a municipality, as data: which stages, how long before the tender's
 * kickoff, who receives them and the office hours in which they are sent. The default plan
 * applies until the MVI team stores its own.
 */
import { z } from 'zod';
import { WorkCalendar, addDays, zonedInstant, type IsoDate } from './calendar.js';

export const NUDGE_STAGES = ['prepare', 'criteria', 'kickoff'] as const;
export const nudgeStage = z.enum(NUDGE_STAGES);
export type NudgeStage = z.infer<typeof nudgeStage>;

/**
 * The Teams activity types (declared in the app manifest, manifest/activity-types.ts) each
 * stage is sent as.
 */
export const NUDGE_ACTIVITY_TYPES = {
  prepare: 'tenderNudgePrepare',
  criteria: 'tenderNudgeCriteria',
  kickoff: 'tenderNudgeKickoff',
} as const satisfies Record<NudgeStage, string>;

/**
 * The template parameters each stage's activity type uses in its templateText (the manifest
 * declares the same names; a test keeps them in step).
 */
export const NUDGE_TEMPLATE_PARAMETERS = {
  prepare: ['tenderTitle'],
  criteria: ['tenderTitle'],
  kickoff: ['tenderTitle', 'kickoffDate'],
} as const satisfies Record<NudgeStage, readonly ('tenderTitle' | 'kickoffDate')[]>;

export const NUDGE_RECIPIENT_ROLES = ['manager', 'buyer'] as const;
export type NudgeRecipientRole = (typeof NUDGE_RECIPIENT_ROLES)[number];

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day is HH:MM');

export const nudgeStagePlan = z.object({
  stage: nudgeStage,
  /** How long before the kickoff date. */
  before: z.number().int().min(1).max(365),
  /** Calendar days (moved to the working day before when they land on a closed day) or working days. */
  unit: z.enum(['calendar-days', 'working-days']),
  enabled: z.boolean().default(true),
});
export type NudgeStagePlan = z.infer<typeof nudgeStagePlan>;

export const nudgePlan = z
  .object({
    stages: z.array(nudgeStagePlan).min(1).max(NUDGE_STAGES.length),
    recipients: z.array(z.enum(NUDGE_RECIPIENT_ROLES)).min(1).default(['manager']),
    officeHours: z.object({ start: clock, end: clock }).default({ start: '09:00', end: '17:00' }),
    timeZone: z.string().default('Europe/Amsterdam'),
    /** Extra closed days on top of the Dutch public holidays. */
    closedDays: z.array(z.iso.date()).max(100).default([]),
  })
  .refine((p) => new Set(p.stages.map((s) => s.stage)).size === p.stages.length, {
    message: 'each stage appears once',
    path: ['stages'],
  })
  .refine((p) => p.officeHours.start < p.officeHours.end, {
    message: 'office hours end after they start',
    path: ['officeHours'],
  })
  .refine((p) => isTimeZone(p.timeZone), { message: 'not a known time zone', path: ['timeZone'] });
export type NudgePlan = z.infer<typeof nudgePlan>;
export type NudgePlanInput = z.input<typeof nudgePlan>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const DEFAULT_NUDGE_PLAN: NudgePlan = nudgePlan.parse({
  stages: [
    { stage: 'prepare', before: 30, unit: 'calendar-days' },
    { stage: 'criteria', before: 14, unit: 'calendar-days' },
    { stage: 'kickoff', before: 3, unit: 'working-days' },
  ],
  recipients: ['manager'],
});

export const STAGE_ORDER: Record<NudgeStage, number> = { prepare: 0, criteria: 1, kickoff: 2 };

export function calendarFor(plan: NudgePlan): WorkCalendar {
  return new WorkCalendar({ timeZone: plan.timeZone, closedDays: plan.closedDays });
}

/** The working day on which a stage is due for a kickoff date. */
export function dueDate(kickoffDate: IsoDate, stage: NudgeStagePlan, calendar: WorkCalendar): IsoDate {
  return stage.unit === 'working-days'
    ? calendar.workingDaysBefore(kickoffDate, stage.before)
    : calendar.onOrBeforeWorkingDay(addDays(kickoffDate, -stage.before));
}

/** The instant a stage is due: the start of office hours on its due date. */
export function dueAt(
  kickoffDate: IsoDate,
  stage: NudgeStagePlan,
  plan: NudgePlan,
  calendar: WorkCalendar,
): Date {
  return zonedInstant(dueDate(kickoffDate, stage, calendar), plan.officeHours.start, plan.timeZone);
}
