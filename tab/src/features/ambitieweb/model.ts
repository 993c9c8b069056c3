/** What the API answers about a web, and how the tab names owners and webs. */
import type { AmbitionWeb, AxisSummary, WebOwner } from '../../../../core/src/ambitieweb/index.js';
import { slugify } from '../../../../core/src/toolbox-item.js';

export type { AmbitionWeb, AxisSummary, WebOwner };

export interface WebView {
  web: AmbitionWeb;
  summary: AxisSummary[];
  permissions: { propose: boolean; settle: boolean };
}

/** The same ids as the backend: one web per owner. */
export function webIdFor(owner: WebOwner): string {
  if (owner.kind === 'tender') return `tender-${owner.reference.trim().toLowerCase()}`;
  if (owner.kind === 'department') return `department-${slugify(owner.name)}`;
  return 'policy';
}

/** The tab's link to a web. */
export const webPath = (id: string): string => `/ambitieweb/${encodeURIComponent(id)}`;

/** How often a running session asks whether anything changed (an unchanged web costs a 304). */
export const POLL_MS = 1500;
