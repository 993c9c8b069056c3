/**
 * After a session: ask everyone who attended to rate it, once, through the Teams activity
 * feed (activity type `sessionFeedback`, declared in the manifest). The bot and the tab ask
 * too, whenever the person opens their sessions; this reaches those who do not.
 */
import type { Session } from '../../../core/src/index.js';
import type { SessionView } from '../../../core/src/sessions/index.js';
import type { ActivityNotification } from '../graph/activity-feed.js';
import { GraphCallError } from '../graph/errors.js';
import { regionPartition, sessionKey } from '../storage/session-store.js';
import { regionOf, type SessionDeps } from './context.js';

/** Sessions that ended at most this long ago are followed up. */
const FOLLOW_UP_HOURS = 48;

const shorten = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

export function feedbackNotification(
  s: Pick<Session | SessionView, 'id' | 'title'>,
  tabLink: (path: string) => string,
): ActivityNotification {
  return {
    topic: { source: 'text', value: shorten(s.title, 100), webUrl: tabLink(`/sessions/${s.id}`) },
    activityType: 'sessionFeedback',
    previewText: { content: shorten(`Hoe was “${s.title}”? Geef in één klik uw waardering.`, 150) },
    templateParameters: [{ name: 'sessionTitle', value: shorten(s.title, 100) }],
  };
}

export interface FollowUpReport {
  sessions: number;
  asked: number;
  failed: number;
}

export async function askForFeedback(deps: SessionDeps): Promise<FollowUpReport> {
  const report: FollowUpReport = { sessions: 0, asked: 0, failed: 0 };
  const feed = deps.feed();
  if (!feed) return report;
  const at = deps.clock.now();
  for (const municipality of await deps.municipalities.list()) {
    const region = await regionOf(deps, municipality.id);
    const sessions = (
      await Promise.all([deps.sessions.list(municipality.id), deps.sessions.list(regionPartition(region))])
    )
      .flat()
      .filter((s) => s.municipalityId === municipality.id)
      .filter(
        (s) =>
          Date.parse(s.end) <= at.getTime() && at.getTime() - Date.parse(s.end) <= FOLLOW_UP_HOURS * 3600_000,
      );
    for (const s of sessions) {
      const key = sessionKey(s);
      const [records, given] = await Promise.all([deps.attendance.list(key), deps.feedback.list(key)]);
      const rated = new Set(given.map((f) => f.userId));
      const due = records.filter(
        (r) => r.status === 'present' && !r.anonymised && !r.feedbackAskedAt && !rated.has(r.userId),
      );
      if (due.length) report.sessions++;
      await Promise.all(
        due.map(async (r) => {
          try {
            const outcome = await feed.send(
              municipality.tenantId,
              r.userId,
              feedbackNotification(s, (path) => deps.links.tab(path)),
            );
            if (outcome.status !== 'delivered')
              deps.log('warn', `sessions: feedback request for ${s.id} not delivered (${outcome.status})`);
            await deps.attendance.change(key, r.userId, (existing) =>
              existing ? { ...existing, feedbackAskedAt: at.toISOString() } : r,
            );
            report.asked++;
          } catch (error) {
            // Transient: the next run asks again.
            if (!(error instanceof GraphCallError)) throw error;
            report.failed++;
          }
        }),
      );
    }
  }
  return report;
}
