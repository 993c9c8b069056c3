/**
 * Importing a Teams meeting's attendance into a session, after it ended: read every report
 * and record through Graph first (a failure then changes nothing), match the people to the
 * session's registrations (and earlier check-ins) by Entra id, set their Teams time on their
 * one attendance record (set, not added: a re-import gives the same result), and keep who
 * could not be matched so the organiser sees them.
 */
import { DomainError, conflict, validationError } from '../../../core/src/index.js';
import {
  foldAttendance,
  hasEnded,
  requireManager,
  type AttendanceImport,
  type SessionActor,
} from '../../../core/src/sessions/index.js';
import { sessionKey } from '../storage/session-store.js';
import { loadVisible, mapLimit, type SessionDeps } from './context.js';
import { createTeamsAttendanceReader } from './teams-attendance.js';

export async function importTeamsAttendance(
  deps: SessionDeps,
  actor: SessionActor,
  id: string,
): Promise<AttendanceImport> {
  const { session: s, etag } = await loadVisible(deps, actor, id);
  requireManager(actor, s);
  if (!s.onlineMeetingUrl) {
    throw validationError({
      nl: 'Deze sessie heeft geen Teams-vergadering; voeg eerst de Teams-link toe.',
      en: 'This session has no Teams meeting; add the Teams link first.',
    });
  }
  const at = deps.clock.now();
  if (!hasEnded(s, at)) {
    throw conflict({
      nl: 'Teams maakt het aanwezigheidsrapport pas na afloop. Importeer na het einde van de sessie.',
      en: 'Teams makes the attendance report only after the meeting. Import after the session has ended.',
    });
  }
  const municipality = await deps.municipalities.get(s.municipalityId);
  const graph = municipality ? deps.graphFor(municipality.tenantId) : undefined;
  if (!municipality || !graph) {
    throw new DomainError('unavailable', {
      nl: 'De koppeling met Microsoft Teams (Graph) is niet ingesteld. Houd de aanwezigheid bij met de code of de lijst.',
      en: 'The connection to Microsoft Teams (Graph) is not set up. Keep attendance with the code or the list.',
    });
  }
  const organizerId = s.teamsOrganizerId ?? s.organiserIds[0]!;
  const teams = await createTeamsAttendanceReader(graph, deps.settings.graphBaseUrl).read({
    organizerId,
    meetingId: s.teamsMeetingId,
    joinUrl: s.onlineMeetingUrl,
    start: s.start,
    end: s.end,
  });

  const key = sessionKey(s);
  const [registrations, records] = await Promise.all([
    deps.registrations.list(key),
    deps.attendance.list(key),
  ]);
  const known = new Map<
    string,
    { displayName: string; department: string | undefined; municipalityId: string | undefined }
  >();
  for (const r of records)
    known.set(r.userId, {
      displayName: r.displayName ?? r.userId,
      department: r.department,
      municipalityId: r.municipalityId,
    });
  for (const r of registrations)
    known.set(r.userId, {
      displayName: r.displayName,
      department: r.department,
      municipalityId: r.municipalityId,
    });

  const matched = teams.attendees.filter((a) => a.userId && known.has(a.userId) && a.seconds > 0);
  const departments = await deps.departments.departments(
    municipality.tenantId,
    matched.map((a) => a.userId!),
  );
  await mapLimit(matched, 8, async (a) => {
    const who = known.get(a.userId!)!;
    await deps.attendance.change(key, a.userId!, (existing) =>
      foldAttendance(
        existing,
        { kind: 'teams', seconds: a.seconds },
        {
          session: s,
          person: {
            userId: a.userId!,
            displayName: who.displayName,
            department: departments.get(a.userId!) ?? who.department,
            municipalityId: who.municipalityId,
          },
          now: at,
        },
      ),
    );
  });

  const organisers = new Set([...s.organiserIds, organizerId]);
  const unmatched = await mapLimit(
    teams.attendees.filter(
      (a) => !(a.userId && known.has(a.userId)) && !(a.userId && organisers.has(a.userId)),
    ),
    8,
    async (a) => ({
      ...(a.userId ? { userId: a.userId } : {}),
      displayName: a.displayName.slice(0, 200),
      seconds: a.seconds,
      member: a.userId ? (await deps.members.get(municipality.tenantId, a.userId)) !== undefined : false,
    }),
  );
  const summary: AttendanceImport = {
    sessionId: s.id,
    at: at.toISOString(),
    by: actor.userId,
    reports: teams.reports,
    records: teams.records,
    matched: matched.length,
    unmatched: unmatched.sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl')),
  };
  await deps.imports.save(key, summary);
  if (!s.teamsMeetingId) {
    // Remember the meeting found from the join link; another edit in between wins.
    await deps.sessions.update({ ...s, teamsMeetingId: teams.meetingId }, etag).catch((error: unknown) => {
      if (!(error instanceof DomainError && error.code === 'conflict')) throw error;
    });
  }
  deps.log(
    'info',
    `sessions: imported Teams attendance of ${s.id}: ${teams.reports} reports, ${teams.records} records, ${matched.length} matched, ${unmatched.length} unmatched`,
  );
  return summary;
}
