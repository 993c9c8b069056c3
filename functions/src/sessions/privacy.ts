/**
 * Personal data of sessions under the AVG, for the MVI team (mvi-admin): the retention
 * period per municipality and the timer that anonymises what is due, and export and erase of
 * one person's data, each with an audit entry. Scope: sessions the municipality organised,
 * plus every session of the region when the person is one of the municipality's members.
 * The record of a person's wrong check-in codes (times only, tied to no session) belongs to
 * the person's own municipality: its MVI team exports and erases it; the retention timer
 * deletes every such record once no failure in it counts any more.
 */
import { randomUUID } from 'node:crypto';
import { notFound, type Session } from '../../../core/src/index.js';
import {
  anonymiseAttendance,
  anonymiseFeedback,
  checkInFailuresExpired,
  isDueForAnonymisation,
  retentionCutoff,
  type AuditEntry,
  type PrivacySettings,
  type SessionActor,
} from '../../../core/src/sessions/index.js';
import { withoutAsker, type ExpertQuestion } from '../../../core/src/experts/question.js';
import { regionPartition, sessionKey } from '../storage/session-store.js';
import { partitionsOf, refOf, regionOf, type SessionDeps } from './context.js';

export async function privacySettingsOf(
  deps: SessionDeps,
  municipalityId: string,
): Promise<PrivacySettings & { isDefault: boolean }> {
  const stored = await deps.privacy.settings(municipalityId);
  return stored
    ? { ...stored, isDefault: false }
    : { retentionMonths: deps.settings.defaultRetentionMonths, isDefault: true };
}

/** Splits a session key (`<partition>_<id>`; neither part holds an underscore). */
const splitKey = (key: string): { partition: string; id: string } => ({
  partition: key.slice(0, key.lastIndexOf('_')),
  id: key.slice(key.lastIndexOf('_') + 1),
});

interface PersonData {
  sessions: Map<string, Session>;
  registrations: Awaited<ReturnType<SessionDeps['registrations']['everywhere']>>;
  attendance: Awaited<ReturnType<SessionDeps['attendance']['everywhere']>>;
  feedback: Awaited<ReturnType<SessionDeps['feedback']['everywhere']>>;
  imports: Awaited<ReturnType<SessionDeps['imports']['everywhere']>>;
  /** Times of recent wrong check-in codes; only for the municipality's own members. */
  checkInFailures: string[];
  /** Questions the person asked this municipality's MVI team. */
  expertQuestions: ExpertQuestion[];
}

/** Everything the sessions hold about one person, within what this MVI team may see. */
async function collect(deps: SessionDeps, actor: SessionActor, userId: string): Promise<PersonData> {
  const member = await deps.members.get(actor.tenantId, userId);
  const ownMember = member?.municipalityId === actor.municipalityId;
  const { region } = await partitionsOf(deps, actor);
  const [registrations, attendance, feedback, imports, failures, questions] = await Promise.all([
    deps.registrations.everywhere(userId),
    deps.attendance.everywhere(userId),
    deps.feedback.everywhere(userId),
    deps.imports.everywhere(),
    ownMember ? deps.checkInAttempts.get(userId) : undefined,
    deps.expertQuestions?.list(actor.municipalityId) ?? [],
  ]);
  const mentioned = imports.filter((i) => i.value.unmatched.some((u) => u.userId === userId));
  const keys = new Set([...registrations, ...attendance, ...feedback, ...mentioned].map((x) => x.sessionKey));
  const sessions = new Map<string, Session>();
  await Promise.all(
    [...keys].map(async (key) => {
      const { partition, id } = splitKey(key);
      const found = await deps.sessions.find([partition], id);
      if (!found) return;
      const s = found.session;
      const organisedHere = s.municipalityId === actor.municipalityId;
      const inRegion =
        s.regionId === region &&
        (partition === regionPartition(region) || s.municipalityId === actor.municipalityId);
      if (organisedHere || (ownMember && inRegion)) sessions.set(key, s);
    }),
  );
  const allowed = <T extends { sessionKey: string }>(items: T[]): T[] =>
    items.filter((i) => sessions.has(i.sessionKey));
  return {
    sessions,
    registrations: allowed(registrations),
    attendance: allowed(attendance),
    feedback: allowed(feedback),
    imports: allowed(mentioned),
    checkInFailures: failures?.failures ?? [],
    expertQuestions: questions.map((r) => r.question).filter((q) => q.askedBy.userId === userId),
  };
}

const nothingFound = (): Error =>
  notFound({
    nl: 'Over deze persoon zijn geen sessiegegevens die uw gemeente mag inzien.',
    en: 'There is no session data about this person that your municipality may see.',
  });

async function audit(
  deps: SessionDeps,
  actor: SessionActor,
  action: AuditEntry['action'],
  subjectId: string | undefined,
  counts: Record<string, number>,
): Promise<void> {
  await deps.privacy.audit({
    at: deps.clock.now().toISOString(),
    municipalityId: actor.municipalityId,
    action,
    actor: { userId: actor.userId, displayName: actor.displayName },
    ...(subjectId ? { subjectId } : {}),
    counts,
  });
}

/** What a person's session data holds, by kind: the audit log's counts. */
function countsOf(data: Awaited<ReturnType<typeof collect>>): Record<string, number> {
  return {
    registrations: data.registrations.length,
    attendance: data.attendance.length,
    feedback: data.feedback.length,
    teamsImports: data.imports.length,
    checkInFailures: data.checkInFailures.length,
    expertQuestions: data.expertQuestions.length,
  };
}

export async function exportPerson(
  deps: SessionDeps,
  actor: SessionActor,
  userId: string,
): Promise<Record<string, unknown>> {
  const data = await collect(deps, actor, userId);
  const counts = countsOf(data);
  if (Object.values(counts).every((n) => n === 0)) throw nothingFound();
  const about = (key: string) => {
    const s = data.sessions.get(key)!;
    return { sessionId: s.id, title: s.title, start: s.start, end: s.end, organisedBy: s.municipalityId };
  };
  await audit(deps, actor, 'export', userId, counts);
  const name =
    data.registrations[0]?.registration.displayName ??
    data.attendance.find((a) => a.record.displayName)?.record.displayName;
  return {
    exportedAt: deps.clock.now().toISOString(),
    exportedBy: {
      userId: actor.userId,
      displayName: actor.displayName,
      municipalityId: actor.municipalityId,
    },
    person: { userId, ...(name ? { displayName: name } : {}) },
    registrations: data.registrations.map((r) => ({
      session: about(r.sessionKey),
      status: r.registration.status,
      registeredAt: r.registration.registeredAt,
      department: r.registration.department ?? null,
    })),
    attendance: data.attendance.map((a) => ({
      session: about(a.sessionKey),
      status: a.record.status,
      department: a.record.department ?? null,
      codeCheckInAt: a.record.codeAt ?? null,
      selfCheckInAt: a.record.selfAt ?? null,
      teamsSeconds: a.record.teamsSeconds ?? null,
      organiserDecision: a.record.organiser?.status ?? null,
    })),
    feedback: data.feedback.map((f) => ({
      session: about(f.sessionKey),
      rating: f.feedback.rating,
      comment: f.feedback.comment ?? null,
      at: f.feedback.at,
    })),
    teamsImports: data.imports.map((i) => ({
      session: about(i.sessionKey),
      importedAt: i.value.at,
      ...i.value.unmatched.find((u) => u.userId === userId),
    })),
    checkInFailures: data.checkInFailures.map((at) => ({ at })),
    expertQuestions: data.expertQuestions.map((q) => ({
      askedAt: q.askedAt,
      question: q.question,
      about: q.context.title,
      state: q.state,
      answer: q.answer ? { text: q.answer.text, by: q.answer.by.displayName ?? null, at: q.answer.at } : null,
      helpful: q.helpful ?? null,
    })),
    counts,
  };
}

export async function erasePerson(
  deps: SessionDeps,
  actor: SessionActor,
  userId: string,
): Promise<Record<string, number>> {
  const data = await collect(deps, actor, userId);
  const at = deps.clock.now();
  for (const r of data.registrations)
    await deps.registrations.erase(refOf(data.sessions.get(r.sessionKey)!), userId, at);
  for (const a of data.attendance)
    await deps.attendance.replace(a.sessionKey, userId, anonymiseAttendance(a.record, randomUUID(), at));
  for (const f of data.feedback)
    await deps.feedback.replace(f.sessionKey, userId, anonymiseFeedback(f.feedback, randomUUID()));
  for (const i of data.imports)
    await deps.imports.save(i.sessionKey, {
      ...i.value,
      unmatched: i.value.unmatched.filter((u) => u.userId !== userId),
    });
  if (data.checkInFailures.length) await deps.checkInAttempts.erase(userId);
  for (const q of data.expertQuestions)
    await deps.expertQuestions?.update(q.municipalityId, q.id, (r) => ({
      ...r,
      question: withoutAsker(r.question),
      // Where the answer went is the person's conversation: gone too.
      askedIn: { serviceUrl: '', reference: {} },
    }));
  const counts = countsOf(data);
  await audit(deps, actor, 'erase', userId, counts);
  return counts;
}

export interface RetentionReport {
  municipalities: number;
  sessions: number;
  attendance: number;
  feedback: number;
  registrations: number;
  /** Records of wrong check-in codes deleted because none of their failures counts any more. */
  checkInAttempts: number;
  /** Questions to the MVI team deleted after the retention period. */
  expertQuestions: number;
}

/**
 * The timer: anonymises the sessions each municipality organised that ended before its
 * retention cutoff, and deletes the records of wrong check-in codes that no longer count.
 */
export async function runRetention(deps: SessionDeps): Promise<RetentionReport> {
  const at = deps.clock.now();
  const report: RetentionReport = {
    municipalities: 0,
    sessions: 0,
    attendance: 0,
    feedback: 0,
    registrations: 0,
    expertQuestions: 0,
    checkInAttempts: await deps.checkInAttempts.purge((record) =>
      checkInFailuresExpired(record, at, deps.settings.checkInAttempts),
    ),
  };
  for (const municipality of await deps.municipalities.list()) {
    const { retentionMonths } = await privacySettingsOf(deps, municipality.id);
    const region = await regionOf(deps, municipality.id);
    const sessions = (
      await Promise.all([deps.sessions.list(municipality.id), deps.sessions.list(regionPartition(region))])
    )
      .flat()
      .filter(
        (s) => s.municipalityId === municipality.id && isDueForAnonymisation(s.end, retentionMonths, at),
      );
    // Questions to the MVI team are deleted once asked longer ago than the retention period.
    for (const r of (await deps.expertQuestions?.list(municipality.id)) ?? [])
      if (isDueForAnonymisation(r.question.answer?.at ?? r.question.askedAt, retentionMonths, at)) {
        await deps.expertQuestions!.delete(municipality.id, r.question.id);
        report.expertQuestions++;
      }
    const counts = { sessions: 0, attendance: 0, feedback: 0, registrations: 0 };
    for (const s of sessions) {
      const key = sessionKey(s);
      const [attendance, feedback, latest] = await Promise.all([
        deps.attendance.list(key),
        deps.feedback.list(key),
        deps.imports.latest(key),
      ]);
      const dueAttendance = attendance.filter((a) => !a.anonymised);
      const dueFeedback = feedback.filter((f) => !f.anonymised);
      for (const a of dueAttendance)
        await deps.attendance.replace(key, a.userId, anonymiseAttendance(a, randomUUID(), at));
      for (const f of dueFeedback)
        await deps.feedback.replace(key, f.userId, anonymiseFeedback(f, randomUUID()));
      const registrations = await deps.registrations.purge(key);
      if (latest && latest.unmatched.length) await deps.imports.save(key, { ...latest, unmatched: [] });
      if (dueAttendance.length || dueFeedback.length || registrations || latest?.unmatched.length)
        counts.sessions++;
      counts.attendance += dueAttendance.length;
      counts.feedback += dueFeedback.length;
      counts.registrations += registrations;
    }
    if (counts.sessions) {
      report.municipalities++;
      report.sessions += counts.sessions;
      report.attendance += counts.attendance;
      report.feedback += counts.feedback;
      report.registrations += counts.registrations;
      await deps.privacy.audit({
        at: at.toISOString(),
        municipalityId: municipality.id,
        action: 'retention',
        actor: {
          userId: 'retention-timer',
          displayName: `Bewaartermijn ${retentionMonths} maanden (tot ${retentionCutoff(at, retentionMonths).toISOString().slice(0, 10)})`,
        },
        counts,
      });
    }
  }
  return report;
}
