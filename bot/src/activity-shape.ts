/**
 * The shape an incoming activity must have before the Agents SDK runs it: the SDK's own
 * activity schema (field types), plus what a reply needs (a type, an http(s) serviceUrl and a
 * conversation id). A malformed activity is the sender's mistake: 400, never a 500 from deep
 * inside the SDK. Whether a well-formed activity is trusted is decided elsewhere.
 */
import { activityZodSchema } from '@microsoft/agents-activity';

export interface ActivityProblem {
  nl: string;
  en: string;
  details: string[];
}

/** The problems of an activity, or undefined when it has the shape the SDK needs. */
export function activityProblem(body: unknown): ActivityProblem | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      nl: 'Een activiteit is een JSON-object.',
      en: 'An activity must be a JSON object.',
      details: ['body: not an object'],
    };
  }
  const details: string[] = [];
  const parsed = activityZodSchema.passthrough().safeParse(body);
  if (!parsed.success) {
    details.push(...parsed.error.issues.map((i) => `${i.path.join('.') || 'activity'}: ${i.message}`));
  }
  const a = body as Record<string, unknown>;
  if (typeof a['type'] !== 'string' || !a['type']) details.push('type: required');
  const serviceUrl = a['serviceUrl'];
  if (typeof serviceUrl !== 'string' || !/^https?:\/\/[^\s/]+/i.test(serviceUrl))
    details.push('serviceUrl: an http(s) address is required');
  const conversation = a['conversation'];
  if (
    typeof conversation !== 'object' ||
    conversation === null ||
    typeof (conversation as Record<string, unknown>)['id'] !== 'string'
  )
    details.push('conversation.id: required');
  if (details.length === 0) return undefined;
  const unique = [...new Set(details)].slice(0, 10);
  return {
    nl: `Deze activiteit is onvolledig of ongeldig: ${unique.join('; ')}`,
    en: `This activity is incomplete or invalid: ${unique.join('; ')}`,
    details: unique,
  };
}
