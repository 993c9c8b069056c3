/**
 * Activity feed notification types of the Teams app. Graph's sendActivityNotification only
 * accepts types that the manifest declares (`activities.activityTypes`), so the backend's
 * nudges and the manifest share this list; tests/manifest.test.ts keeps them in step.
 */

export const ACTIVITY_TYPES = [
  'tenderNudgePrepare',
  'tenderNudgeCriteria',
  'tenderNudgeKickoff',
  'sessionFeedback',
] as const;

export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/**
 * The `templateParameters` each type's `templateText` uses (Dutch and English alike). A
 * notification must send exactly these names, or Teams shows the raw `{name}`.
 */
export const ACTIVITY_TEMPLATE_PARAMETERS: Readonly<Record<ActivityType, readonly string[]>> = {
  /** 30 days before kickoff: plan an Ambitieweb session. */
  tenderNudgePrepare: ['tenderTitle'],
  /** 14 days before kickoff: MVI criteria that fit the tender. */
  tenderNudgeCriteria: ['tenderTitle'],
  /** 3 working days before kickoff: the kickoff checklist. */
  tenderNudgeKickoff: ['tenderTitle', 'kickoffDate'],
  /** After a session the user attended: rate it. */
  sessionFeedback: ['sessionTitle'],
};

export function isActivityType(value: string): value is ActivityType {
  return (ACTIVITY_TYPES as readonly string[]).includes(value);
}
