/**
 * A Microsoft Graph simulator on loopback for the integration tests and the benchmark. It
 * accepts only requests shaped as Graph documents them (method, URL, `Authorization: Bearer`,
 * `Content-Type`, body), answers malformed ones with Graph-style errors, keeps Graph's
 * throttling limits for activity notifications (token buckets per endpoint), and can inject
 * 429 with Retry-After, 5xx, 403 and timeouts, at random or on cue. Every request is logged.
 *
 * Endpoints (v1.0):
 *   GET  /users/{id | userPrincipalName}[?$select=…]
 *   POST /users/{id | userPrincipalName}/teamwork/sendActivityNotification
 *   POST /teamwork/sendActivityNotificationToRecipients
 *   POST /users/{id}/teamwork/installedApps
 *   POST /$batch (at most 20 requests; each part evaluated, and throttled, on its own)
 *   GET  /users/{organizer}/onlineMeetings?$filter=JoinWebUrl eq '…'
 *   GET  /users/{organizer}/onlineMeetings/{id}/attendanceReports
 *   GET  /users/{organizer}/onlineMeetings/{id}/attendanceReports/{id}/attendanceRecords
 *        (read as the organiser only, with an application access policy; paged with @odata.nextLink)
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { ACTIVITY_TEMPLATE_PARAMETERS } from '../../manifest/activity-types.js';

export interface SimUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  mail?: string;
  /** Returned by GET /users/{id}?$select=department (null when absent, as Graph does). */
  department?: string;
}

/** One person's line in a Teams attendance report. */
export interface SimAttendanceRecord {
  /** Entra id; null for guests and phone dial-ins. */
  id: string | null;
  displayName: string;
  email?: string;
  seconds: number;
  role?: 'Organizer' | 'Presenter' | 'Attendee';
}

export interface SimAttendanceReport {
  id: string;
  meetingStartDateTime: string;
  meetingEndDateTime: string;
  records: SimAttendanceRecord[];
}

export interface SimMeeting {
  id: string;
  /** Only this user (id) can read the meeting and its reports. */
  organizerId: string;
  joinWebUrl: string;
  /** Reports exist only after (an occurrence of) the meeting ended. */
  reports: SimAttendanceReport[];
}

export interface GraphSimulatorOptions {
  /** The only bearer token accepted. */
  token: string;
  users: readonly SimUser[];
  /** Users who have the Teams app installed ('all' by default). */
  installedFor?: 'all' | readonly string[];
  /** Users for whom installing the app is blocked by tenant policy (403). */
  installBlockedFor?: readonly string[];
  /** The app's id in the org catalog, expected in teamsApp@odata.bind. */
  catalogAppId?: string;
  /** Declared activity types and their template parameters (default: the manifest's). */
  activityTypes?: Readonly<Record<string, readonly string[]>>;
  /** Throttling: requests per second per endpoint (Graph: 5 single, 2 bulk); false for none. */
  rates?: { single: number; bulk: number } | false;
  /** Random faults on notification requests, from a seeded generator (reproducible). */
  random?: { p429: number; p503: number; retryAfterSeconds: number; seed: number };
  /** Online meetings with attendance reports. */
  meetings?: SimMeeting[];
  /** Organisers covered by the tenant's application access policy for meetings ('all' by default). */
  meetingAccessFor?: 'all' | readonly string[];
  /** Items per page of meeting lists, reports and records (Graph pages too; default 10). */
  pageSize?: number;
}

export interface Fault {
  method?: string;
  /** Matched against the path after /v1.0 (for batch parts: the part's URL). */
  path?: RegExp;
  status?: number;
  retryAfterSeconds?: number;
  /** Never answer (the client's timeout fires). Top-level requests only. */
  hang?: boolean;
  /** How many matching requests it hits (default 1; Infinity for all). */
  times?: number;
  code?: string;
  message?: string;
}

export interface LoggedRequest {
  seq: number;
  /** performance.now() when it arrived. */
  at: number;
  method: string;
  /** Path after /v1.0, without the query. */
  path: string;
  query: string;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  /** Set for parts of a JSON batch. */
  batch?: { seq: number; id: string };
}

export interface DeliveredNotification {
  at: number;
  userId: string;
  activityType: string;
  chainId: number | undefined;
  topic: { source: string; value: string; webUrl?: string | undefined };
  previewText: string;
  templateParameters: { name: string; value: string }[];
  via: 'single' | 'batch' | 'bulk';
}

export interface GraphSimulator {
  readonly url: string;
  readonly requests: LoggedRequest[];
  readonly notifications: DeliveredNotification[];
  readonly installs: string[];
  /** What a user sees in their activity feed: a notification with the same chainId replaces the earlier one. */
  feedOf(userId: string): DeliveredNotification[];
  /** The most requests (each part of a batch counted) that arrived within any one second, sliding. */
  maxPerSecond(which?: (request: LoggedRequest) => boolean): number;
  /** Requests refused with 429 because the rate limit was exceeded (not the random or injected faults). */
  readonly overLimit: { single: number; bulk: number };
  inject(fault: Fault): void;
  clearFaults(): void;
  /** Lets hanging requests go (they are answered 504) and forgets injected faults. */
  reset(): void;
  close(): Promise<void>;
}

type Answer = { status: number; headers: Record<string, string>; body?: unknown };

const graphError = (
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Answer => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().slice(0, 19),
        'request-id': randomUUID(),
        'client-request-id': randomUUID(),
      },
    },
  },
});

const keyValue = z.object({ name: z.string().min(1), value: z.string() }).strict();
const itemBody = z
  .object({ content: z.string().min(1), contentType: z.enum(['text', 'html']).optional() })
  .strict();
const topic = z.discriminatedUnion('source', [
  z.object({ source: z.literal('entityUrl'), value: z.url(), webUrl: z.url().optional() }).strict(),
  z.object({ source: z.literal('text'), value: z.string().min(1), webUrl: z.url() }).strict(),
]);
const notificationShape = {
  topic,
  activityType: z.string().min(1),
  chainId: z.number().int().nonnegative().optional(),
  previewText: itemBody,
  templateParameters: z.array(keyValue).optional(),
  teamsAppId: z.string().optional(),
  iconId: z.string().optional(),
};
const singleBody = z.object(notificationShape).strict();
const recipient = z
  .object({
    '@odata.type': z.literal('microsoft.graph.aadUserNotificationRecipient'),
    userId: z.string().min(1),
  })
  .strict();
const bulkBody = z.object({ ...notificationShape, recipients: z.array(recipient).min(1).max(100) }).strict();
const installBody = z.object({ 'teamsApp@odata.bind': z.url() }).strict();
const batchBody = z
  .object({
    requests: z
      .array(
        z
          .object({
            id: z.string().min(1),
            method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
            url: z.string().min(1),
            headers: z.record(z.string(), z.string()).optional(),
            body: z.unknown().optional(),
            dependsOn: z.array(z.string()).optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

class Bucket {
  private tokens: number;
  private last = performance.now();
  constructor(private readonly rate: number) {
    this.tokens = rate;
  }
  /** Takes a token, or says how many seconds until one is there. */
  take(): number {
    const t = performance.now();
    this.tokens = Math.min(this.rate, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return (1 - this.tokens) / this.rate;
  }
}

/** mulberry32: a small seeded generator, so random faults repeat run after run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const issues = (error: z.ZodError): string =>
  error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');

export async function startGraphSimulator(options: GraphSimulatorOptions): Promise<GraphSimulator> {
  const requests: LoggedRequest[] = [];
  const notifications: DeliveredNotification[] = [];
  const installs: string[] = [];
  let faults: (Fault & { left: number })[] = [];
  const hanging = new Set<ServerResponse>();
  const activityTypes: Readonly<Record<string, readonly string[]>> =
    options.activityTypes ?? ACTIVITY_TEMPLATE_PARAMETERS;
  const installed = new Set(
    options.installedFor === 'all' || options.installedFor === undefined
      ? options.users.map((u) => u.id)
      : options.installedFor,
  );
  const blocked = new Set(options.installBlockedFor ?? []);
  const buckets = options.rates
    ? { single: new Bucket(options.rates.single), bulk: new Bucket(options.rates.bulk) }
    : undefined;
  const random = options.random ? seeded(options.random.seed) : undefined;
  const overLimit = { single: 0, bulk: 0 };
  let seq = 0;
  let base = '';

  const findUser = (key: string): SimUser | undefined => {
    const k = key.toLowerCase();
    return options.users.find((u) => u.id.toLowerCase() === k || u.userPrincipalName.toLowerCase() === k);
  };

  function injected(method: string, path: string, top: boolean): Fault | undefined {
    const fault = faults.find(
      (f) =>
        f.left > 0 &&
        (!f.method || f.method === method) &&
        (!f.path || f.path.test(path)) &&
        (top || !f.hang),
    );
    if (fault) fault.left--;
    return fault;
  }

  /** Checks what a notification says against the declared activity types. */
  function checkActivity(body: z.infer<typeof singleBody>): Answer | undefined {
    const declared = activityTypes[body.activityType];
    if (!declared)
      return graphError(
        400,
        'BadRequest',
        `Activity type '${body.activityType}' is not declared in the app manifest.`,
      );
    const sent = (body.templateParameters ?? []).map((p) => p.name).sort();
    const wanted = [...declared].sort();
    if (JSON.stringify(sent) !== JSON.stringify(wanted)) {
      return graphError(
        400,
        'BadRequest',
        `Template parameters [${sent.join(', ')}] do not match the template of '${body.activityType}' ([${wanted.join(', ')}]).`,
      );
    }
    if (
      body.topic.source === 'entityUrl' &&
      !/\/(appCatalogs\/teamsApps|users\/[^/]+\/teamwork\/installedApps)\//.test(body.topic.value)
    ) {
      return graphError(
        400,
        'BadRequest',
        'topic.value must be the URL of a teamsCatalogApp or teamsAppInstallation when source is entityUrl.',
      );
    }
    return undefined;
  }

  /** Random faults first (they cost no quota), then the rate limit. */
  function throttle(kind: 'single' | 'bulk'): Answer | undefined {
    if (random && options.random) {
      const r = random();
      if (r < options.random.p429)
        return graphError(429, 'TooManyRequests', 'Too many requests.', {
          'Retry-After': String(options.random.retryAfterSeconds),
        });
      if (r < options.random.p429 + options.random.p503)
        return graphError(503, 'ServiceUnavailable', 'The service is temporarily unavailable.');
    }
    if (buckets) {
      const wait = buckets[kind].take();
      if (wait > 0) overLimit[kind]++;
      if (wait > 0)
        return graphError(
          429,
          'TooManyRequests',
          'Application is over its limit of activity notifications.',
          { 'Retry-After': String(Math.max(1, Math.ceil(wait))) },
        );
    }
    return undefined;
  }

  /** One Graph operation (a top-level request or a part of a batch). */
  function operate(
    method: string,
    path: string,
    query: string,
    headers: Record<string, string>,
    body: unknown,
    via: 'single' | 'batch',
    top: boolean,
  ): Answer | 'hang' {
    const fault = injected(method, path, top);
    if (fault?.hang) return 'hang';
    if (fault) {
      return graphError(
        fault.status ?? 503,
        fault.code ?? (fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable'),
        fault.message ?? 'Injected fault.',
        fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {},
      );
    }
    const hasBody = method === 'POST' || method === 'PATCH' || method === 'PUT';
    if (hasBody && !(headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      return graphError(415, 'UnsupportedMediaType', 'Content-Type must be application/json.');
    }
    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = /^\/users\/([^/]+)$/.exec(path))) {
      const user = findUser(decodeURIComponent(m[1]!));
      if (!user)
        return graphError(
          404,
          'Request_ResourceNotFound',
          `Resource '${decodeURIComponent(m[1]!)}' does not exist or one of its queried reference-property objects are not present.`,
        );
      const select = /\$select=([^&]+)/.exec(decodeURIComponent(query))?.[1]?.split(',');
      const full: Record<string, unknown> = {
        id: user.id,
        displayName: user.displayName,
        userPrincipalName: user.userPrincipalName,
        mail: user.mail ?? user.userPrincipalName,
      };
      // Like Graph, department is only returned when $select asks for it.
      if (select?.includes('department')) full['department'] = user.department ?? null;
      const shown = select
        ? Object.fromEntries(Object.entries(full).filter(([k]) => select.includes(k)))
        : full;
      return {
        status: 200,
        headers: { 'Content-Type': 'application/json;odata.metadata=minimal' },
        body: { '@odata.context': `${base}/v1.0/$metadata#users/$entity`, ...shown },
      };
    }
    if (method === 'POST' && (m = /^\/users\/([^/]+)\/teamwork\/sendActivityNotification$/.exec(path))) {
      const parsed = singleBody.safeParse(body);
      if (!parsed.success)
        return graphError(400, 'BadRequest', `Invalid request body: ${issues(parsed.error)}`);
      const wrong = checkActivity(parsed.data);
      if (wrong) return wrong;
      const limited = throttle('single');
      if (limited) return limited;
      const user = findUser(decodeURIComponent(m[1]!));
      if (!user) return graphError(404, 'NotFound', `User '${decodeURIComponent(m[1]!)}' was not found.`);
      if (!installed.has(user.id)) {
        return graphError(
          403,
          'Forbidden',
          `Application is not authorized to generate custom text notifications to the recipient. Ensure that the expected Teams app is installed in the target scope (user).`,
        );
      }
      notifications.push({
        at: performance.now(),
        userId: user.id,
        activityType: parsed.data.activityType,
        chainId: parsed.data.chainId,
        topic: parsed.data.topic,
        previewText: parsed.data.previewText.content,
        templateParameters: parsed.data.templateParameters ?? [],
        via,
      });
      return { status: 204, headers: {} };
    }
    if (method === 'POST' && path === '/teamwork/sendActivityNotificationToRecipients') {
      const parsed = bulkBody.safeParse(body);
      if (!parsed.success)
        return graphError(400, 'BadRequest', `Invalid request body: ${issues(parsed.error)}`);
      const wrong = checkActivity(parsed.data);
      if (wrong) return wrong;
      if (
        parsed.data.topic.source === 'entityUrl' &&
        !parsed.data.topic.value.includes('/appCatalogs/teamsApps/')
      ) {
        return graphError(
          400,
          'BadRequest',
          'Only a teamsCatalogApp can be the entityUrl topic of a bulk notification.',
        );
      }
      const limited = throttle('bulk');
      if (limited) return limited;
      // Accepted for later delivery: recipients without the app silently get nothing.
      for (const r of parsed.data.recipients) {
        if (installed.has(r.userId)) {
          notifications.push({
            at: performance.now(),
            userId: r.userId,
            activityType: parsed.data.activityType,
            chainId: parsed.data.chainId,
            topic: parsed.data.topic,
            previewText: parsed.data.previewText.content,
            templateParameters: parsed.data.templateParameters ?? [],
            via: 'bulk',
          });
        }
      }
      return { status: 202, headers: {} };
    }
    if (method === 'POST' && (m = /^\/users\/([^/]+)\/teamwork\/installedApps$/.exec(path))) {
      const parsed = installBody.safeParse(body);
      if (!parsed.success)
        return graphError(400, 'BadRequest', `Invalid request body: ${issues(parsed.error)}`);
      const expected = `/v1.0/appCatalogs/teamsApps/${options.catalogAppId ?? ''}`;
      if (!options.catalogAppId || !new URL(parsed.data['teamsApp@odata.bind']).pathname.endsWith(expected)) {
        return graphError(
          404,
          'NotFound',
          `The app ${parsed.data['teamsApp@odata.bind']} is not in the app catalog.`,
        );
      }
      const user = findUser(decodeURIComponent(m[1]!));
      if (!user) return graphError(404, 'NotFound', 'The user was not found.');
      if (blocked.has(user.id))
        return graphError(403, 'Forbidden', 'App is blocked by app permission policy.');
      if (installed.has(user.id))
        return graphError(409, 'Conflict', 'The app is already installed for this user.');
      installed.add(user.id);
      installs.push(user.id);
      return { status: 201, headers: {} };
    }
    if (
      method === 'GET' &&
      (m =
        /^\/users\/([^/]+)\/onlineMeetings(?:\/([^/]+)(?:\/attendanceReports(?:\/([^/]+)\/(attendanceRecords))?)?)?$/.exec(
          path,
        ))
    ) {
      return meetings(
        decodeURIComponent(m[1]!),
        m[2] && decodeURIComponent(m[2]),
        m[3] && decodeURIComponent(m[3]),
        m[4],
        path,
        query,
      );
    }
    return graphError(
      400,
      'BadRequest',
      `Resource not found for the segment '${path.split('/').filter(Boolean)[0] ?? ''}'.`,
    );
  }

  /** Online meetings and their attendance, as the organiser (app-only, with the access policy). */
  function meetings(
    userKey: string,
    meetingId: string | undefined,
    reportId: string | undefined,
    records: string | undefined,
    path: string,
    query: string,
  ): Answer {
    const user = findUser(userKey);
    if (!user) return graphError(404, 'NotFound', `User '${userKey}' was not found.`);
    const access = options.meetingAccessFor ?? 'all';
    if (access !== 'all' && !access.includes(user.id))
      return graphError(403, 'Forbidden', 'No application access policy found for this app.');
    const params = new URLSearchParams(query);
    const pageSize = options.pageSize ?? 10;
    const paged = (items: unknown[], context: string): Answer => {
      const skip = Number(params.get('$skiptoken') ?? '0');
      if (!Number.isInteger(skip) || skip < 0) return graphError(400, 'BadRequest', 'Invalid $skiptoken.');
      const value = items.slice(skip, skip + pageSize);
      const next =
        skip + pageSize < items.length ? `${base}/v1.0${path}?$skiptoken=${skip + pageSize}` : undefined;
      return {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        body: {
          '@odata.context': `${base}/v1.0/$metadata#${context}`,
          value,
          ...(next ? { '@odata.nextLink': next } : {}),
        },
      };
    };
    const own = (options.meetings ?? []).filter((mt) => mt.organizerId === user.id);
    if (!meetingId) {
      const filter = /^JoinWebUrl eq '(.*)'$/i.exec(params.get('$filter') ?? '');
      if (!filter)
        return graphError(400, 'BadRequest', 'Filter on JoinWebUrl is required to list online meetings.');
      const url = filter[1]!.replace(/''/g, "'");
      return paged(
        own.filter((mt) => mt.joinWebUrl === url).map((mt) => ({ id: mt.id, joinWebUrl: mt.joinWebUrl })),
        `users('${user.id}')/onlineMeetings`,
      );
    }
    const meeting = own.find((mt) => mt.id === meetingId);
    if (!meeting) return graphError(404, 'NotFound', 'The specified meeting was not found for this user.');
    if (!reportId) {
      return paged(
        meeting.reports.map((r) => ({
          id: r.id,
          totalParticipantCount: r.records.length,
          meetingStartDateTime: r.meetingStartDateTime,
          meetingEndDateTime: r.meetingEndDateTime,
        })),
        `users('${user.id}')/onlineMeetings('${meeting.id}')/attendanceReports`,
      );
    }
    const report = meeting.reports.find((r) => r.id === reportId);
    if (!report || !records) return graphError(404, 'NotFound', 'The attendance report was not found.');
    return paged(
      report.records.map((r, i) => ({
        id: r.email ?? `record-${i}`,
        emailAddress: r.email ?? null,
        totalAttendanceInSeconds: r.seconds,
        role: r.role ?? 'Attendee',
        identity: { id: r.id, displayName: r.displayName, tenantId: null },
        attendanceIntervals: [
          {
            joinDateTime: report.meetingStartDateTime,
            leaveDateTime: report.meetingEndDateTime,
            durationInSeconds: r.seconds,
          },
        ],
      })),
      `users('${user.id}')/onlineMeetings('${meeting.id}')/attendanceReports('${report.id}')/attendanceRecords`,
    );
  }

  function batch(body: unknown, batchSeq: number): Answer {
    const parsed = batchBody.safeParse(body);
    if (!parsed.success)
      return graphError(400, 'BadRequest', `Invalid batch payload: ${issues(parsed.error)}`);
    const parts = parsed.data.requests;
    if (parts.length > 20)
      return graphError(400, 'BadRequest', 'The number of batch requests exceeds the limit of 20.');
    if (new Set(parts.map((p) => p.id.toLowerCase())).size !== parts.length)
      return graphError(400, 'BadRequest', 'Batch request ids must be unique.');
    const responses = parts.map((part) => {
      const url = part.url.startsWith('/') ? part.url : `/${part.url}`;
      let answer: Answer;
      if (/^https?:/i.test(part.url))
        answer = graphError(400, 'BadRequest', 'The url of a batch request must be relative.');
      else if (
        part.body !== undefined &&
        !Object.keys(part.headers ?? {}).some((k) => k.toLowerCase() === 'content-type')
      ) {
        answer = graphError(400, 'BadRequest', 'A batch request with a body needs a Content-Type header.');
      } else {
        const [path, query = ''] = url.split('?') as [string, string?];
        const headers = Object.fromEntries(
          Object.entries(part.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
        );
        const result = operate(part.method, path, query, headers, part.body, 'batch', false);
        answer = result === 'hang' ? graphError(504, 'GatewayTimeout', 'Timed out.') : result;
      }
      requests.push({
        seq: ++seq,
        at: performance.now(),
        method: part.method,
        path: url.split('?')[0]!,
        query: url.split('?')[1] ?? '',
        headers: part.headers ?? {},
        body: part.body,
        status: answer.status,
        batch: { seq: batchSeq, id: part.id },
      });
      // Graph names the header exactly "Content-Type" in batch responses.
      return {
        id: part.id,
        status: answer.status,
        headers: answer.headers,
        ...(answer.body === undefined ? {} : { body: answer.body }),
      };
    });
    return { status: 200, headers: { 'Content-Type': 'application/json' }, body: { responses } };
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
      );
      const text = Buffer.concat(chunks).toString('utf8');
      const path = url.pathname.replace(/^\/v1\.0/, '');
      const entry: LoggedRequest = {
        seq: ++seq,
        at: performance.now(),
        method: req.method ?? 'GET',
        path,
        query: url.search.replace(/^\?/, ''),
        headers,
        body: undefined,
        status: 0,
      };
      requests.push(entry);
      const send = (answer: Answer): void => {
        entry.status = answer.status;
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
      };
      if (!url.pathname.startsWith('/v1.0/'))
        return send(graphError(400, 'BadRequest', 'Invalid version: use /v1.0.'));
      const auth = headers['authorization'] ?? '';
      if (!auth) return send(graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.'));
      if (auth !== `Bearer ${options.token}`)
        return send(
          graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.'),
        );
      let body: unknown = undefined;
      if (text) {
        try {
          body = JSON.parse(text) as unknown;
        } catch {
          return send(graphError(400, 'BadRequest', 'Unable to read JSON request payload.'));
        }
      }
      entry.body = body;
      if (req.method === 'POST' && path === '/$batch') {
        const fault = injected('POST', path, true);
        if (fault?.hang) {
          hanging.add(res);
          return;
        }
        if (fault)
          return send(
            graphError(
              fault.status ?? 503,
              fault.code ?? 'ServiceUnavailable',
              fault.message ?? 'Injected fault.',
              fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {},
            ),
          );
        if (!(headers['content-type'] ?? '').startsWith('application/json'))
          return send(graphError(415, 'UnsupportedMediaType', 'Content-Type must be application/json.'));
        return send(batch(body, entry.seq));
      }
      const answer = operate(
        req.method ?? 'GET',
        path,
        url.search.replace(/^\?/, ''),
        headers,
        body,
        'single',
        true,
      );
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      send(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    requests,
    notifications,
    installs,
    overLimit,
    maxPerSecond(which = (r) => r.path !== '/$batch') {
      const times = requests
        .filter(which)
        .map((r) => r.at)
        .sort((a, b) => a - b);
      let max = 0;
      for (let i = 0, j = 0; j < times.length; j++) {
        while (times[j]! - times[i]! >= 1000) i++;
        max = Math.max(max, j - i + 1);
      }
      return max;
    },
    feedOf(userId) {
      const byChain = new Map<string, DeliveredNotification>();
      notifications
        .filter((n) => n.userId === userId)
        .forEach((n, i) => byChain.set(n.chainId === undefined ? `#${i}` : String(n.chainId), n));
      return [...byChain.values()];
    },
    inject(fault) {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    clearFaults() {
      faults = [];
    },
    reset() {
      faults = [];
      for (const res of hanging) {
        if (!res.writableEnded) {
          res.writeHead(504, { 'Content-Type': 'application/json' });
          res.end('{}');
        }
      }
      hanging.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        hanging.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
