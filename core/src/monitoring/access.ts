/** Who reads monitoring: one list for the API, the tab's menu and its pages. */
import type { Role } from '../identity.js';

/** The year's report and its exports: the MVI team, the board and buyers. */
export const MONITORING_READERS = ['mvi-admin', 'board', 'buyer'] as const satisfies readonly Role[];
/** The region side by side: the MVI team and the board. */
export const REGION_READERS = ['mvi-admin', 'board'] as const satisfies readonly Role[];
