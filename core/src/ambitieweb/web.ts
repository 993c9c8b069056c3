/**
 * A web's life: the organiser opens it from a template, participants propose a level per axis
 * from their own device, the organiser settles each axis (the settled score wins), and closing
 * it makes the web read-only with who took part. Every function returns a new web; storing it
 * (with an ETag, so the organiser's settle is never lost) is the adapter's work.
 */
import { z } from 'zod';
import type { LocalizedText } from '../content/schema.js';
import { validationError } from '../errors.js';
import type { Principal } from '../identity.js';
import { parseOrThrow } from '../kernel/validation.js';
import { requireCanOpen, requireCanPropose, requireCanSettle, type WebActor } from './access.js';
import {
  ambitionScore,
  ambitionWeb,
  axisSlug,
  FIELD_LABELS,
  FIELD_MESSAGES,
  PARTICIPANTS_MAX,
  reasonText,
  webOwner,
  type AmbitionTemplate,
  type AmbitionWeb,
  type WebPerson,
} from './model.js';

type Person = WebActor & Pick<Principal, 'displayName'>;

const options = (intro: LocalizedText) => ({ labels: FIELD_LABELS, messages: FIELD_MESSAGES, intro });

/** What the organiser gives when opening a web (the id is made by the adapter). */
export const openWebInput = z.object({ id: z.string().min(1).max(100), owner: webOwner }).strict();
export type OpenWebInput = z.input<typeof openWebInput>;

/** A participant's proposal for one axis, as the tab or a card sends it. */
export const proposalInput = z
  .object({ axisId: axisSlug, level: ambitionScore, reason: reasonText })
  .strict();
export type ProposalInput = z.input<typeof proposalInput>;

/** The organiser's score for one axis. */
export const settleInput = z.object({ axisId: axisSlug, score: ambitionScore, reason: reasonText }).strict();
export type SettleInput = z.input<typeof settleInput>;

const asParticipant = (person: Person): WebPerson => ({
  userId: person.userId,
  displayName: person.displayName.trim().slice(0, 200) || person.userId,
});

function withParticipant(web: AmbitionWeb, person: Person): AmbitionWeb {
  if (web.participants.some((p) => p.userId === person.userId)) return web;
  if (web.participants.length >= PARTICIPANTS_MAX)
    throw validationError({
      nl: `Er doen al ${PARTICIPANTS_MAX} mensen mee aan deze sessie; meer kan niet.`,
      en: `${PARTICIPANTS_MAX} people take part in this session already; there is no room for more.`,
    });
  return { ...web, participants: [...web.participants, asParticipant(person)] };
}

function axisOf(web: AmbitionWeb, axisId: string) {
  const axis = web.axes.find((a) => a.id === axisId);
  if (!axis)
    throw validationError(
      {
        nl: `De as ${axisId} staat niet in dit Ambitieweb.`,
        en: `The axis ${axisId} is not in this Ambitieweb.`,
      },
      [`axisId: ${axisId} is not an axis of the web`],
    );
  return axis;
}

/**
 * Opens a web for a tender, a department or the policy, with the template's axes. The one who
 * opens it is its organiser and its first participant; the web belongs to their municipality.
 */
export function openWeb(
  input: unknown,
  template: AmbitionTemplate,
  organiser: Person,
  now: Date,
): AmbitionWeb {
  const { id, owner } = parseOrThrow(
    openWebInput,
    input,
    options({
      nl: 'Het Ambitieweb kan zo niet worden geopend.',
      en: 'The Ambitieweb cannot be opened like this.',
    }),
  );
  requireCanOpen(organiser, owner.kind);
  if (template.municipalityId && template.municipalityId !== organiser.municipalityId)
    throw validationError(
      {
        nl: 'Dit aangepaste sjabloon is van een andere gemeente.',
        en: 'This tailored template belongs to another municipality.',
      },
      ['templateId: a tailored template of another municipality'],
    );
  return ambitionWeb.parse({
    id,
    municipalityId: organiser.municipalityId,
    owner,
    templateId: template.id,
    axes: template.axes,
    organiserIds: [organiser.userId],
    participants: [asParticipant(organiser)],
    proposals: [],
    scores: {},
    state: 'open',
    createdAt: now.toISOString(),
  });
}

/** Someone joins the running session (to watch, before proposing). */
export function join(web: AmbitionWeb, person: Person): AmbitionWeb {
  requireCanPropose(person, web);
  return withParticipant(web, person);
}

/**
 * A participant proposes a level for an axis; a second proposal for the same axis replaces the
 * first. Whoever proposes takes part. Returns the new web.
 */
export function propose(web: AmbitionWeb, person: Person, input: unknown, now: Date): AmbitionWeb {
  requireCanPropose(person, web);
  const { axisId, level, reason } = parseOrThrow(
    proposalInput,
    input,
    options({ nl: 'Het voorstel klopt niet.', en: 'The proposal is not valid.' }),
  );
  axisOf(web, axisId);
  const joined = withParticipant(web, person);
  const others = joined.proposals.filter((p) => !(p.axisId === axisId && p.userId === person.userId));
  const proposal = {
    axisId,
    userId: person.userId,
    level,
    at: now.toISOString(),
    ...(reason ? { reason } : {}),
  };
  return { ...joined, proposals: [...others, proposal] };
}

/** A participant takes back their proposal for an axis. */
export function withdrawProposal(web: AmbitionWeb, person: Person, axisId: string): AmbitionWeb {
  requireCanPropose(person, web);
  return {
    ...web,
    proposals: web.proposals.filter((p) => !(p.axisId === axisId && p.userId === person.userId)),
  };
}

/** The organiser (or the MVI team) settles an axis: this score wins over every proposal. It can be changed until the web is closed. */
export function settle(web: AmbitionWeb, person: Person, input: unknown, now: Date): AmbitionWeb {
  requireCanSettle(person, web);
  const { axisId, score, reason } = parseOrThrow(
    settleInput,
    input,
    options({ nl: 'De score klopt niet.', en: 'The score is not valid.' }),
  );
  axisOf(web, axisId);
  const joined = withParticipant(web, person);
  const settled = {
    score,
    settledBy: person.userId,
    settledAt: now.toISOString(),
    ...(reason ? { reason } : {}),
  };
  return { ...joined, scores: { ...joined.scores, [axisId]: settled } };
}

/** The axes that have no settled score yet, in the web's order. */
export function unsettledAxes(web: AmbitionWeb): AmbitionWeb['axes'] {
  return web.axes.filter((a) => !web.scores[a.id]);
}

/**
 * Closes the session: every axis needs a settled score (0 "not chosen" is a score). The web
 * is read-only from then on; the proposals are removed, the participants stay.
 */
export function closeWeb(web: AmbitionWeb, person: Person, now: Date): AmbitionWeb {
  requireCanSettle(person, web);
  const open = unsettledAxes(web);
  if (open.length > 0)
    throw validationError(
      {
        nl: `Stel eerst elke as vast; nog open: ${open.map((a) => a.name.nl).join(', ')}. Kies 0 voor een thema dat niet meedoet.`,
        en: `Settle every axis first; still open: ${open.map((a) => a.name.en).join(', ')}. Choose 0 for a theme that does not count.`,
      },
      open.map((a) => `scores.${a.id}: not settled`),
    );
  return ambitionWeb.parse({ ...web, proposals: [], state: 'settled', settledAt: now.toISOString() });
}

/**
 * The web without a person (erasure under the AVG): gone from the participants, the organisers
 * and the proposals, and no longer named as the one who settled a score. The scores stay.
 */
export function withoutPerson(web: AmbitionWeb, userId: string): AmbitionWeb {
  const scores = Object.fromEntries(
    Object.entries(web.scores).map(([axisId, s]) => {
      if (s.settledBy !== userId) return [axisId, s];
      const { settledBy: _erased, ...rest } = s;
      return [axisId, rest];
    }),
  );
  return {
    ...web,
    organiserIds: web.organiserIds.filter((id) => id !== userId),
    participants: web.participants.filter((p) => p.userId !== userId),
    proposals: web.proposals.filter((p) => p.userId !== userId),
    scores,
  };
}
