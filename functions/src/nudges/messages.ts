/** The queue message of one nudge delivery: which record, and which dispatch of it. */
import { z } from 'zod';
import { municipalityId } from '../../../core/src/index.js';

export const nudgeMessage = z
  .object({
    v: z.literal(1),
    municipalityId,
    /** The record's key: `<reference>|<stage>|<recipient>`. */
    key: z.string().min(5).max(400),
    dispatchId: z.string().min(8).max(64),
  })
  .strict();
export type NudgeMessage = z.infer<typeof nudgeMessage>;

/** Queue-triggered functions read base64 text: encode the JSON that way. */
export const encodeMessage = (message: NudgeMessage): string =>
  Buffer.from(JSON.stringify(nudgeMessage.parse(message)), 'utf8').toString('base64');
