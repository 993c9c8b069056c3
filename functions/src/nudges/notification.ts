/** The Teams activity-feed notification of a nudge: Graph's documented request body, built from the record and tender. */
import type { Tender } from '../../../core/src/index.js';
import {
  NUDGE_ACTIVITY_TYPES,
  NUDGE_TEMPLATE_PARAMETERS,
  chainIdOf,
  formatDate,
  previewText,
  topicText,
  type NudgeRecord,
} from '../../../core/src/nudges/index.js';
import type { ActivityNotification } from '../graph/activity-feed.js';

/** The tender's page in the tab. */
export const tenderPath = (reference: string): string => `/tenders/${encodeURIComponent(reference)}`;

export function nudgeNotification(
  record: NudgeRecord,
  tender: Tender,
  tabLink: (path: string) => string,
): ActivityNotification {
  const values = { tenderTitle: tender.title, kickoffDate: formatDate(tender.kickoffDate, 'nl') };
  return {
    topic: { source: 'text', value: topicText(tender), webUrl: tabLink(tenderPath(tender.reference)) },
    activityType: NUDGE_ACTIVITY_TYPES[record.stage],
    previewText: { content: previewText(record.stage, tender, 'nl') },
    templateParameters: NUDGE_TEMPLATE_PARAMETERS[record.stage].map((name) => ({
      name,
      value: values[name],
    })),
    chainId: chainIdOf(record),
  };
}
