/**
 * Sessions for people: plan and edit (organisers), list, register and unregister (with the
 * waiting list), the calendar invitation, check-in (code from the room, button in the tab or
 * the bot), the organiser's attendance list and decisions, and feedback. Rules come from
 * core; this file loads, checks access, and stores.
 */
import { timingSafeEqual } from 'node:crypto';
import {
  DomainError,
  conflict,
  forbidden,
  notFound,
  requireRole,
  session as sessionSchema,
  slugify,
  validationError,
  type Session,
} from '../../../core/src/index.js';
import {
  checkInCodeFrom,
  checkInState,
  checkInWindow,
  decideCheckInAttempt,
  foldAttendance,
  hasEnded,
  normaliseCheckInCode,
  recordCheckInFailure,
  requireManager,
  canManageSession,
  restatus,
  sessionIcs,
  tooManyCheckInAttempts,
  waitlistPosition,
  type Attendance,
  type AttendanceList,
  type CheckInDisplay,
  type FeedbackSummary,
  type PersonRow,
  type FeedbackWrite,
  type SessionActor,
  type SessionFeedback,
  type SessionOverview,
  type SessionView,
  type SessionWrite,
} from '../../../core/src/sessions/index.js';
import { serialised } from '../storage/session-registrations.js';
import { sessionKey, type StoredSession } from '../storage/session-store.js';
import { loadVisible, mapLimit, partitionsOf, refOf, regionOf, type SessionDeps } from './context.js';

const RECENT_DAYS = 60;
const DAY = 24 * 3600 * 1000;

const timeText = (date: Date, lang: 'nl' | 'en'): string =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', {
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  }).format(date);

const amsterdamDay = (iso: string): string =>
  new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' }).replace(/-/g, '');

export function createSessionService(deps: SessionDeps) {
  const now = (): Date => deps.clock.now();

  async function view(actor: SessionActor, stored: Session): Promise<SessionView> {
    const key = sessionKey(stored);
    const [roster, mine, attended, rated] = await Promise.all([
      deps.registrations.roster(key),
      deps.registrations.get(key, actor.userId),
      deps.attendance.get(key, actor.userId),
      deps.feedback.get(key, actor.userId),
    ]);
    const registration = mine && mine.status !== 'cancelled' ? mine.status : null;
    const position =
      registration === 'waitlisted'
        ? (waitlistPosition(await deps.registrations.list(key), actor.userId) ?? null)
        : null;
    const manage = canManageSession(actor, stored);
    const at = now();
    return {
      id: stored.id,
      type: stored.type,
      title: stored.title,
      description: stored.description,
      themes: stored.themes,
      start: stored.start,
      end: stored.end,
      location: stored.location ?? null,
      onlineMeetingUrl: stored.onlineMeetingUrl ?? null,
      capacity: stored.capacity ?? null,
      regionWide: stored.regionWide,
      requiresApproval: stored.requiresApproval,
      seriesId: stored.seriesId ?? null,
      municipalityId: stored.municipalityId,
      organiserIds: stored.organiserIds,
      version: stored.version,
      counts: {
        registered: roster.registered,
        waitlisted: roster.waitlisted,
        placesLeft: stored.capacity === undefined ? null : Math.max(0, stored.capacity - roster.registered),
      },
      me: {
        registration,
        waitlistPosition: position,
        attendance: attended?.status ?? null,
        feedbackGiven: rated !== undefined,
      },
      checkIn: checkInState(stored, at, deps.settings.checkInMarginMinutes),
      ended: hasEnded(stored, at),
      canManage: manage,
      ...(manage
        ? {
            teams: {
              organizerId: stored.teamsOrganizerId ?? stored.organiserIds[0] ?? null,
              meetingId: stored.teamsMeetingId ?? null,
            },
          }
        : {}),
    };
  }

  async function visibleSessions(actor: SessionActor, from: Date): Promise<Session[]> {
    const { region, partitions } = await partitionsOf(deps, actor);
    const lists = await Promise.all(partitions.map((p) => deps.sessions.list(p)));
    return lists
      .flat()
      .filter(
        (s) =>
          Date.parse(s.end) >= from.getTime() &&
          (s.municipalityId === actor.municipalityId || (s.regionWide && s.regionId === region)),
      )
      .sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
  }

  async function person(
    actor: SessionActor,
    userId: string,
  ): Promise<{ displayName: string; department: string | undefined; municipalityId: string | undefined }> {
    const member = await deps.members.get(actor.tenantId, userId);
    return {
      displayName: member?.displayName ?? userId,
      department: member?.department,
      municipalityId: member?.municipalityId,
    };
  }

  /**
   * Whether a person of this municipality is in the session's audience: its own municipality,
   * or, for a region-wide session, every municipality of its region.
   */
  async function inAudience(s: Session, municipalityId: string | undefined): Promise<boolean> {
    if (!municipalityId) return false;
    if (municipalityId === s.municipalityId) return true;
    if (!s.regionWide) return false;
    return (await deps.municipalities.get(municipalityId))?.regionId === s.regionId;
  }

  async function departmentOf(actor: SessionActor): Promise<string | undefined> {
    const found = await deps.departments.departments(actor.tenantId, [actor.userId]);
    return found.get(actor.userId) ?? actor.department;
  }

  function checkCode(expected: string | undefined, given: string): boolean {
    if (!expected) return false;
    const a = Buffer.from(expected);
    const b = Buffer.from(given);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /**
   * One attempt with a check-in code, under the limit on wrong codes: refused while the person
   * is at the limit, whatever the code; a wrong code (`match` finds nothing) is counted, a right
   * one is not. One person's attempts run one after another within this process, so a burst of
   * guesses cannot all pass the check before the first is counted; between instances the ETag
   * makes every failure count.
   */
  function attemptCode<T>(
    actor: SessionActor,
    match: () => Promise<T | undefined>,
    wrong: () => DomainError,
  ): Promise<T> {
    const limit = deps.settings.checkInAttempts;
    return serialised(`check-in-code/${actor.userId}`, async () => {
      const decision = decideCheckInAttempt(await deps.checkInAttempts.get(actor.userId), now(), limit);
      if (!decision.allowed) throw tooManyCheckInAttempts(decision.retryAfterSeconds);
      const found = await match();
      if (found !== undefined) return found;
      const at = now();
      await deps.checkInAttempts.change(actor.userId, (existing) =>
        recordCheckInFailure(existing, at, limit),
      );
      throw wrong();
    });
  }

  function requireOpen(s: Session, lang: 'nl' | 'en' = 'nl'): void {
    const state = checkInState(s, now(), deps.settings.checkInMarginMinutes);
    if (state === 'open') return;
    const { opens, closes } = checkInWindow(s, deps.settings.checkInMarginMinutes);
    throw validationError(
      state === 'not-yet'
        ? {
            nl: `Inchecken kan pas vanaf ${timeText(opens, 'nl')}.`,
            en: `Check-in opens at ${timeText(opens, 'en')}.`,
          }
        : {
            nl: `Inchecken kon tot ${timeText(closes, 'nl')}; de sessie is afgelopen.`,
            en: `Check-in closed at ${timeText(closes, 'en')}; the session has ended.`,
          },
      [`check-in: ${state}`, lang],
    );
  }

  async function recordCheckIn(
    actor: SessionActor,
    s: Session,
    evidence: 'code' | 'tab' | 'bot',
  ): Promise<Attendance> {
    const department = await departmentOf(actor);
    const at = now();
    return deps.attendance.change(sessionKey(s), actor.userId, (existing) =>
      foldAttendance(
        existing,
        evidence === 'code' ? { kind: 'code', at } : { kind: 'self', at, via: evidence },
        {
          session: s,
          person: {
            userId: actor.userId,
            displayName: actor.displayName,
            department,
            municipalityId: actor.municipalityId,
          },
          now: at,
        },
      ),
    );
  }

  async function newCode(s: Session): Promise<string> {
    for (let i = 0; i < 20; i++) {
      const code = checkInCodeFrom(deps.randomBytes(6));
      if (await deps.sessions.reserveCode(s, code)) return code;
    }
    throw new DomainError('unavailable', {
      nl: 'Er kon geen incheckcode worden gemaakt. Probeer het opnieuw.',
      en: 'No check-in code could be made. Try again.',
    });
  }

  const service = {
    view,

    /** Upcoming sessions (and, with `recent`, those of the last 60 days) the person may join. */
    async list(actor: SessionActor, options: { recent?: boolean } = {}): Promise<SessionView[]> {
      const from = options.recent ? new Date(now().getTime() - RECENT_DAYS * DAY) : now();
      const sessions = await visibleSessions(actor, from);
      return mapLimit(sessions, 8, (s) => view(actor, s));
    },

    async overview(actor: SessionActor): Promise<SessionOverview> {
      const all = await service.list(actor, { recent: true });
      const at = now().getTime();
      return {
        upcoming: all.filter((s) => Date.parse(s.end) >= at),
        feedbackDue: all.filter(
          (s) => Date.parse(s.start) <= at && s.me.attendance === 'present' && !s.me.feedbackGiven,
        ),
      };
    },

    async get(actor: SessionActor, id: string): Promise<SessionView> {
      return view(actor, (await loadVisible(deps, actor, id)).session);
    },

    /** The stored session and its ETag, for an edit guarded by If-Match. */
    async stored(actor: SessionActor, id: string): Promise<StoredSession> {
      return loadVisible(deps, actor, id);
    },

    async create(actor: SessionActor, input: SessionWrite): Promise<{ view: SessionView; code: string }> {
      requireRole(actor, 'organiser', 'mvi-admin');
      const at = now();
      const region = await regionOf(deps, actor.municipalityId);
      const base = `${slugify(input.title).slice(0, 40).replace(/-+$/, '')}-${amsterdamDay(input.start)}`;
      const { organiserIds, ...rest } = input;
      const draft: Session = sessionSchema.parse({
        ...rest,
        id: base,
        municipalityId: actor.municipalityId,
        regionId: region,
        organiserIds: [...new Set([actor.userId, ...organiserIds])],
        version: 1,
        createdAt: at.toISOString(),
        updatedAt: at.toISOString(),
        updatedBy: { userId: actor.userId, displayName: actor.displayName },
      });
      let created: Session | undefined;
      for (let i = 0; i < 5 && !created; i++) {
        const candidate =
          i === 0
            ? draft
            : { ...draft, id: `${base}-${Buffer.from(deps.randomBytes(3)).toString('hex').slice(0, 4)}` };
        try {
          await deps.sessions.create(candidate);
          created = candidate;
        } catch (error) {
          if (!(error instanceof DomainError && error.code === 'conflict')) throw error;
        }
      }
      if (!created)
        throw conflict({
          nl: 'Er bestaat al een sessie met deze naam en datum.',
          en: 'A session with this name and date already exists.',
        });
      const code = await newCode(created);
      return { view: await view(actor, created), code };
    },

    async update(actor: SessionActor, id: string, input: SessionWrite, etag: string): Promise<SessionView> {
      const { session: current } = await loadVisible(deps, actor, id);
      requireManager(actor, current);
      if (input.regionWide !== current.regionWide) {
        throw validationError({
          nl: 'Een sessie kan niet van gemeentelijk naar regionaal (of andersom): maak een nieuwe sessie.',
          en: 'A session cannot move between municipal and regional: create a new one.',
        });
      }
      const { organiserIds, ...rest } = input;
      const organisers = organiserIds.length ? [...new Set(organiserIds)] : current.organiserIds;
      if (!organisers.includes(actor.userId) && !actor.roles.includes('mvi-admin')) {
        throw validationError({
          nl: 'U kunt uzelf niet als organisator verwijderen.',
          en: 'You cannot remove yourself as an organiser.',
        });
      }
      const at = now();
      const next: Session = sessionSchema.parse({
        ...current,
        ...rest,
        teamsMeetingId:
          rest.teamsMeetingId ??
          (rest.onlineMeetingUrl === current.onlineMeetingUrl ? current.teamsMeetingId : undefined),
        organiserIds: organisers,
        version: current.version + 1,
        updatedAt: at.toISOString(),
        updatedBy: { userId: actor.userId, displayName: actor.displayName },
      });
      await deps.sessions.update(next, etag);
      if (
        (next.capacity ?? Infinity) > (current.capacity ?? Infinity) ||
        (current.capacity !== undefined && next.capacity === undefined)
      ) {
        await deps.registrations.fill(refOf(next), at);
      }
      if (next.requiresApproval !== current.requiresApproval) {
        const key = sessionKey(next);
        for (const record of await deps.attendance.list(key)) {
          await deps.attendance.change(key, record.userId, (existing) =>
            existing ? restatus(existing, next.requiresApproval) : record,
          );
        }
      }
      return view(actor, next);
    },

    async register(actor: SessionActor, id: string): Promise<SessionView> {
      const { session: s } = await loadVisible(deps, actor, id);
      if (hasEnded(s, now()))
        throw validationError({ nl: 'Deze sessie is al voorbij.', en: 'This session is over.' });
      await deps.registrations.register(
        refOf(s),
        {
          userId: actor.userId,
          tenantId: actor.tenantId,
          municipalityId: actor.municipalityId,
          displayName: actor.displayName,
          department: actor.department,
        },
        now(),
      );
      return view(actor, s);
    },

    async unregister(actor: SessionActor, id: string): Promise<SessionView> {
      const { session: s } = await loadVisible(deps, actor, id);
      await deps.registrations.cancel(refOf(s), actor.userId, now());
      return view(actor, s);
    },

    /** The calendar file for the person's own place (not for the waiting list). */
    async ics(
      actor: SessionActor,
      id: string,
      lang: 'nl' | 'en',
    ): Promise<{ fileName: string; body: string }> {
      const { session: s } = await loadVisible(deps, actor, id);
      const mine = await deps.registrations.get(sessionKey(s), actor.userId);
      if (mine?.status !== 'registered') {
        throw notFound({
          nl: 'U hebt (nog) geen plaats bij deze sessie, dus er is geen agenda-uitnodiging.',
          en: 'You have no place at this session (yet), so there is no calendar invitation.',
        });
      }
      const body = sessionIcs(s, {
        uidDomain: deps.settings.uidDomain,
        now: now(),
        url: deps.links.tab(`/sessions/${s.id}`),
        language: lang,
      });
      return { fileName: `${s.id}.ics`, body };
    },

    /** Check-in with the button (tab, bot) or with the room's code for this session. */
    async checkIn(
      actor: SessionActor,
      id: string,
      options: { code?: string | undefined; via: 'tab' | 'bot' },
    ): Promise<SessionView> {
      const { session: s } = await loadVisible(deps, actor, id);
      requireOpen(s);
      if (options.code !== undefined) {
        const code = normaliseCheckInCode(options.code);
        await attemptCode(
          actor,
          async () => (code && checkCode(await deps.sessions.codeOf(s), code) ? code : undefined),
          () =>
            validationError({
              nl: 'Deze code hoort niet bij deze sessie. Kijk nog eens op het scherm in de zaal.',
              en: 'This code does not belong to this session. Look at the screen in the room again.',
            }),
        );
        await recordCheckIn(actor, s, 'code');
      } else {
        await recordCheckIn(actor, s, options.via);
      }
      return view(actor, s);
    },

    /** Check-in with only the code (typed, or from the QR code): the code says which session. */
    async checkInWithCode(actor: SessionActor, typed: string): Promise<SessionView> {
      const code = normaliseCheckInCode(typed);
      const session = await attemptCode(
        actor,
        async () => {
          if (!code) return undefined;
          const target = await deps.sessions.sessionOfCode(code);
          if (!target) return undefined;
          const { partitions, region } = await partitionsOf(deps, actor);
          if (!partitions.includes(target.partition)) return undefined;
          const found = await deps.sessions.find([target.partition], target.id);
          if (
            !found ||
            (found.session.municipalityId !== actor.municipalityId &&
              !(found.session.regionWide && found.session.regionId === region))
          )
            return undefined;
          return found.session;
        },
        () =>
          validationError({
            nl: 'Deze code kennen we niet. Kijk nog eens op het scherm in de zaal.',
            en: 'We do not know this code. Look at the screen in the room again.',
          }),
      );
      requireOpen(session);
      await recordCheckIn(actor, session, 'code');
      return view(actor, session);
    },

    /** What the organiser puts on the screen in the room: the code and the link behind the QR code. */
    async checkInDisplay(actor: SessionActor, id: string): Promise<CheckInDisplay> {
      const { session: s } = await loadVisible(deps, actor, id);
      requireManager(actor, s);
      const code = (await deps.sessions.codeOf(s)) ?? (await newCode(s));
      const { opens, closes } = checkInWindow(s, deps.settings.checkInMarginMinutes);
      return {
        code,
        url: deps.links.tab(`/check-in?code=${code}`),
        opens: opens.toISOString(),
        closes: closes.toISOString(),
        state: checkInState(s, now(), deps.settings.checkInMarginMinutes),
      };
    },

    /** The organiser's list: everyone registered or seen, with how they were seen. */
    async attendanceList(actor: SessionActor, id: string): Promise<AttendanceList> {
      const { session: s } = await loadVisible(deps, actor, id);
      requireManager(actor, s);
      const key = sessionKey(s);
      const [registrations, records, latest] = await Promise.all([
        deps.registrations.list(key),
        deps.attendance.list(key),
        deps.imports.latest(key),
      ]);
      const byId = new Map<string, PersonRow>();
      for (const r of registrations) {
        byId.set(r.userId, {
          userId: r.userId,
          displayName: r.displayName,
          department: r.department ?? null,
          municipalityId: r.municipalityId,
          registration: r.status,
          waitlistPosition:
            r.status === 'waitlisted' ? (waitlistPosition(registrations, r.userId) ?? null) : null,
          attendance: null,
          evidence: [],
          teamsMinutes: null,
          checkedInAt: null,
        });
      }
      for (const a of records) {
        const row = byId.get(a.userId) ?? {
          userId: a.userId,
          displayName: a.displayName ?? a.userId,
          department: a.department ?? null,
          municipalityId: a.municipalityId ?? null,
          registration: null,
          waitlistPosition: null,
          attendance: null,
          evidence: [],
          teamsMinutes: null,
          checkedInAt: null,
        };
        const firstCheckIn = [a.codeAt, a.selfAt].filter((x): x is string => Boolean(x)).sort()[0];
        byId.set(a.userId, {
          ...row,
          department: a.department ?? row.department,
          attendance: a.status,
          evidence: [
            a.codeAt ? 'code' : '',
            a.selfAt ? (a.selfVia ?? 'tab') : '',
            (a.teamsSeconds ?? 0) > 0 ? 'teams' : '',
            a.organiser ? 'organiser' : '',
          ].filter(Boolean),
          teamsMinutes: a.teamsSeconds === undefined ? null : Math.round(a.teamsSeconds / 60),
          checkedInAt: firstCheckIn ?? null,
        });
      }
      const people = [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl'));
      return {
        people,
        import: latest ?? null,
        counts: {
          registered: registrations.filter((r) => r.status === 'registered').length,
          waitlisted: registrations.filter((r) => r.status === 'waitlisted').length,
          present: records.filter((r) => r.status === 'present').length,
          pending: records.filter((r) => r.status === 'pending').length,
        },
      };
    },

    /** The organiser marks someone present or absent (also: approves a self check-in). */
    async mark(
      actor: SessionActor,
      id: string,
      userId: string,
      status: 'present' | 'absent',
    ): Promise<Attendance> {
      const { session: s } = await loadVisible(deps, actor, id);
      requireManager(actor, s);
      if (Date.parse(s.start) - deps.settings.checkInMarginMinutes * 60_000 > now().getTime()) {
        throw validationError({
          nl: 'Aanwezigheid kan pas worden bijgehouden als de sessie begint.',
          en: 'Attendance can be kept once the session starts.',
        });
      }
      const key = sessionKey(s);
      const [registration, existing] = await Promise.all([
        deps.registrations.get(key, userId),
        deps.attendance.get(key, userId),
      ]);
      let who = registration
        ? {
            displayName: registration.displayName,
            department: registration.department,
            municipalityId: registration.municipalityId,
          }
        : existing
          ? {
              displayName: existing.displayName ?? userId,
              department: existing.department,
              municipalityId: existing.municipalityId,
            }
          : undefined;
      if (!who) {
        const member = await person(actor, userId);
        if (!member.municipalityId)
          throw notFound({ nl: 'Deze persoon kennen we niet.', en: 'We do not know this person.' });
        who = member;
      }
      if (!(await inAudience(s, who.municipalityId))) {
        throw forbidden({
          nl: 'Deze persoon hoort niet bij het publiek van deze sessie (een andere gemeente) en kan niet als aanwezig of afwezig worden gemarkeerd.',
          en: 'This person is not in the audience of this session (another municipality) and cannot be marked present or absent.',
        });
      }
      const department =
        (await deps.departments.departments(actor.tenantId, [userId])).get(userId) ?? who.department;
      const at = now();
      return deps.attendance.change(key, userId, (current) =>
        foldAttendance(
          current,
          { kind: 'organiser', status, by: actor.userId, at },
          {
            session: s,
            person: { userId, displayName: who.displayName, department, municipalityId: who.municipalityId },
            now: at,
          },
        ),
      );
    },

    async giveFeedback(actor: SessionActor, id: string, input: FeedbackWrite): Promise<SessionView> {
      const { session: s } = await loadVisible(deps, actor, id);
      const key = sessionKey(s);
      if (Date.parse(s.start) > now().getTime())
        throw validationError({
          nl: 'U kunt een sessie beoordelen zodra die begonnen is.',
          en: 'You can rate a session once it has started.',
        });
      const record = await deps.attendance.get(key, actor.userId);
      if (record?.status !== 'present') {
        throw forbidden({
          nl: 'Alleen wie bij de sessie was, kan haar beoordelen.',
          en: 'Only people who attended the session can rate it.',
        });
      }
      const value: SessionFeedback = {
        sessionId: s.id,
        userId: actor.userId,
        rating: input.rating,
        ...(input.comment ? { comment: input.comment } : {}),
        at: now().toISOString(),
        anonymised: false,
      };
      await deps.feedback.save(key, value);
      return view(actor, s);
    },

    async feedbackSummary(actor: SessionActor, id: string): Promise<FeedbackSummary> {
      const { session: s } = await loadVisible(deps, actor, id);
      requireManager(actor, s);
      const all = await deps.feedback.list(sessionKey(s));
      const distribution = [1, 2, 3, 4, 5].map((n) => all.filter((f) => f.rating === n).length);
      return {
        count: all.length,
        average: all.length
          ? Math.round((all.reduce((sum, f) => sum + f.rating, 0) / all.length) * 100) / 100
          : null,
        distribution,
        comments: all
          .filter((f) => f.comment)
          .sort((a, b) => b.at.localeCompare(a.at))
          .map((f) => ({ rating: f.rating, comment: f.comment!, at: f.at })),
      };
    },
  };
  return service;
}

export type SessionService = ReturnType<typeof createSessionService>;
