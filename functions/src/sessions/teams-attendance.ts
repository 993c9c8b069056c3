/**
 * Teams attendance through Microsoft Graph, read as the meeting's organiser (app-only, with
 * the tenant's application access policy): find the meeting from its join link when its id
 * is not known, list its attendance reports, read each report's records page by page
 * (@odata.nextLink), and add up each person's time. Throttling (429 with Retry-After) and
 * outages are retried by the Graph client; what stays failed becomes a DomainError with a
 * message for the organiser. Nothing is written here: the caller stores the result.
 */
import { z } from 'zod';
import { DomainError, notFound } from '../../../core/src/index.js';
import type { GraphApi, GraphResponse } from '../graph/client.js';
import { GraphCallError, graphErrorOf } from '../graph/errors.js';

export interface TeamsAttendee {
  /** Entra id; absent for guests without one and phone dial-ins. */
  userId: string | undefined;
  displayName: string;
  seconds: number;
  role: string | undefined;
}

export interface TeamsAttendance {
  meetingId: string;
  reports: number;
  records: number;
  attendees: TeamsAttendee[];
}

export interface TeamsAttendanceRequest {
  organizerId: string;
  meetingId: string | undefined;
  joinUrl: string;
  /** The session's time; reports of other occurrences of a recurring meeting are left out. */
  start: string;
  end: string;
}

const page = <T extends z.ZodType>(item: T) =>
  z.object({ value: z.array(item), '@odata.nextLink': z.string().optional() });

const meeting = z.object({ id: z.string().min(1) });
const report = z.object({
  id: z.string().min(1),
  meetingStartDateTime: z.string().nullable().optional(),
  meetingEndDateTime: z.string().nullable().optional(),
});
const record = z.object({
  id: z.string().nullable().optional(),
  emailAddress: z.string().nullable().optional(),
  totalAttendanceInSeconds: z.number().nonnegative().nullable().optional(),
  role: z.string().nullable().optional(),
  identity: z
    .object({ id: z.string().nullable().optional(), displayName: z.string().nullable().optional() })
    .nullable()
    .optional(),
});

/** Reports of a recurring meeting's other days are ignored: a report must overlap the session (with an hour's slack). */
const SLACK_MS = 60 * 60 * 1000;
const MAX_PAGES = 500;

const unavailable = (detail: string, cause?: unknown): DomainError =>
  new DomainError(
    'unavailable',
    {
      nl: 'Teams is nu niet bereikbaar of te druk; er is niets veranderd. Probeer de import over een paar minuten opnieuw.',
      en: 'Teams is unreachable or too busy right now; nothing was changed. Try the import again in a few minutes.',
    },
    [detail],
    cause === undefined ? undefined : { cause },
  );

export function createTeamsAttendanceReader(
  graph: GraphApi,
  graphBaseUrl: string,
): { read(request: TeamsAttendanceRequest): Promise<TeamsAttendance> } {
  const base = new URL(graphBaseUrl);

  /** A nextLink as a path for our client, only when it points back at Graph (the token goes nowhere else). */
  function relative(nextLink: string): string {
    const url = new URL(nextLink, base);
    if (url.origin !== base.origin)
      throw unavailable(`Graph sent a next page on another host (${url.origin})`);
    return `${url.pathname.replace(/^\/(v1\.0|beta)(?=\/)/, '')}${url.search}`;
  }

  async function get(path: string): Promise<GraphResponse> {
    let response: GraphResponse;
    try {
      response = await graph.request('GET', path);
    } catch (error) {
      if (error instanceof GraphCallError) throw unavailable(`${error.kind}: ${error.message}`, error);
      throw error;
    }
    if (response.status === 200) return response;
    const { code, message } = graphErrorOf(response.body);
    const detail = `${response.status} ${code}: ${message}`.trim();
    if (response.status === 404) {
      throw notFound({
        nl: 'Teams kent deze vergadering niet (meer) bij deze organisator. Controleer de Teams-link en de organisator.',
        en: 'Teams does not know this meeting (any more) for this organiser. Check the Teams link and the organiser.',
      });
    }
    if (response.status === 401 || response.status === 403) {
      throw new DomainError(
        'unavailable',
        {
          nl: 'De app mag de aanwezigheid van deze Teams-vergadering niet lezen. Vraag de beheerder om de rechten (OnlineMeetingArtifact.Read.All) en het toegangsbeleid voor toepassingen voor de organisator.',
          en: 'The app may not read the attendance of this Teams meeting. Ask the administrator for the permission (OnlineMeetingArtifact.Read.All) and an application access policy for the organiser.',
        },
        [detail],
      );
    }
    throw unavailable(detail);
  }

  async function all<T extends z.ZodType>(first: string, item: T): Promise<z.infer<T>[]> {
    const out: z.infer<T>[] = [];
    let path: string | undefined = first;
    for (let n = 0; path && n < MAX_PAGES; n++) {
      const parsed = page(item).safeParse((await get(path)).body);
      if (!parsed.success)
        throw unavailable(`Graph sent an unexpected page: ${parsed.error.issues[0]?.message ?? ''}`);
      out.push(...(parsed.data.value as z.infer<T>[]));
      const next: string | undefined = parsed.data['@odata.nextLink'];
      path = next ? relative(next) : undefined;
    }
    return out;
  }

  return {
    async read(request) {
      const user = encodeURIComponent(request.organizerId);
      let meetingId = request.meetingId;
      if (!meetingId) {
        const filter = encodeURIComponent(`JoinWebUrl eq '${request.joinUrl.replace(/'/g, "''")}'`);
        const found = await all(`/users/${user}/onlineMeetings?$filter=${filter}`, meeting);
        meetingId = found[0]?.id;
        if (!meetingId) {
          throw notFound({
            nl: 'Bij de organisator staat geen Teams-vergadering met deze link. Controleer de Teams-link en wie de vergadering heeft gemaakt.',
            en: 'The organiser has no Teams meeting with this link. Check the Teams link and who created the meeting.',
          });
        }
      }
      const meetingPath = `/users/${user}/onlineMeetings/${encodeURIComponent(meetingId)}`;
      const reports = (await all(`${meetingPath}/attendanceReports`, report)).filter((r) => {
        const start = r.meetingStartDateTime ? Date.parse(r.meetingStartDateTime) : NaN;
        const end = r.meetingEndDateTime ? Date.parse(r.meetingEndDateTime) : start;
        if (Number.isNaN(start)) return true;
        return start < Date.parse(request.end) + SLACK_MS && end > Date.parse(request.start) - SLACK_MS;
      });
      const people = new Map<string, TeamsAttendee>();
      let records = 0;
      for (const r of reports) {
        for (const rec of await all(
          `${meetingPath}/attendanceReports/${encodeURIComponent(r.id)}/attendanceRecords`,
          record,
        )) {
          records++;
          const userId = rec.identity?.id || undefined;
          const displayName =
            rec.identity?.displayName ||
            rec.emailAddress ||
            (rec.role === 'Attendee' ? 'Onbekend' : rec.role) ||
            'Onbekend';
          const key = userId ?? `name:${displayName.toLowerCase()}`;
          const current = people.get(key);
          const seconds = Math.round(rec.totalAttendanceInSeconds ?? 0);
          people.set(
            key,
            current
              ? { ...current, seconds: current.seconds + seconds }
              : { userId, displayName, seconds, role: rec.role ?? undefined },
          );
        }
      }
      return { meetingId, reports: reports.length, records, attendees: [...people.values()] };
    },
  };
}
