/**
 * Registration rules: a place while there is room, the waiting list when full, and the first
 * on the waiting list moves up when a place comes free. Pure decisions on the session's
 * counters; the store applies them atomically (one partition, one transaction, the ETag).
 */
import type { Registration, Roster } from './model.js';

export type RegisterDecision =
  | { kind: 'unchanged'; registration: Registration }
  | { kind: 'new'; status: 'registered' | 'waitlisted'; seq: number; roster: Roster };

/** What registering does, given the counters, the capacity and an earlier registration of the person. */
export function decideRegistration(
  current: Roster,
  capacity: number | undefined,
  existing: Registration | undefined,
): RegisterDecision {
  if (existing && existing.status !== 'cancelled') return { kind: 'unchanged', registration: existing };
  const seq = current.seq + 1;
  const room = capacity === undefined || current.registered < capacity;
  return room
    ? {
        kind: 'new',
        status: 'registered',
        seq,
        roster: { ...current, registered: current.registered + 1, seq },
      }
    : {
        kind: 'new',
        status: 'waitlisted',
        seq,
        roster: { ...current, waitlisted: current.waitlisted + 1, seq },
      };
}

export type CancelDecision =
  { kind: 'unchanged' } | { kind: 'cancel'; roster: Roster; promote: Registration | undefined };

/**
 * What unregistering does: the counters go down and, when a place came free and there is
 * room, the first on the waiting list (lowest sequence number) moves up.
 */
export function decideCancellation(
  current: Roster,
  capacity: number | undefined,
  existing: Registration | undefined,
  firstWaiting: Registration | undefined,
): CancelDecision {
  if (!existing || existing.status === 'cancelled') return { kind: 'unchanged' };
  if (existing.status === 'waitlisted')
    return {
      kind: 'cancel',
      roster: { ...current, waitlisted: Math.max(0, current.waitlisted - 1) },
      promote: undefined,
    };
  const registered = Math.max(0, current.registered - 1);
  const promote =
    firstWaiting &&
    firstWaiting.userId !== existing.userId &&
    (capacity === undefined || registered < capacity)
      ? firstWaiting
      : undefined;
  return promote
    ? {
        kind: 'cancel',
        roster: { ...current, registered: registered + 1, waitlisted: Math.max(0, current.waitlisted - 1) },
        promote,
      }
    : { kind: 'cancel', roster: { ...current, registered }, promote: undefined };
}

/** How many people on the waiting list move up after the capacity changed. */
export function promotionsFor(current: Roster, capacity: number | undefined): number {
  if (current.waitlisted === 0) return 0;
  if (capacity === undefined) return current.waitlisted;
  return Math.max(0, Math.min(current.waitlisted, capacity - current.registered));
}

/** The person's place on the waiting list (1 = next), from the waiting registrations. */
export function waitlistPosition(
  waiting: readonly Pick<Registration, 'userId' | 'seq' | 'status'>[],
  userId: string,
): number | undefined {
  const ordered = waiting.filter((r) => r.status === 'waitlisted').sort((a, b) => a.seq - b.seq);
  const index = ordered.findIndex((r) => r.userId === userId);
  return index < 0 ? undefined : index + 1;
}
