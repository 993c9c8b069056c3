/** Calls the MVI Companion API with the user's token; errors carry the API's own message. */
import type { AuthClient } from '../auth/auth.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly auth: AuthClient,
    private readonly language: () => string,
  ) {}

  private async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const token = await this.auth.getToken();
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        'accept-language': this.language(),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) {
      const problem = (await response.json().catch(() => undefined)) as
        { error?: { message?: string; details?: string[] } } | undefined;
      throw new ApiError(
        response.status,
        problem?.error?.message ?? `HTTP ${response.status}`,
        problem?.error?.details ?? [],
      );
    }
    return response;
  }

  async get<T>(path: string): Promise<T> {
    return (await (await this.request('GET', path)).json()) as T;
  }

  /** GET with the response's ETag, for edits guarded by If-Match. */
  async getWithEtag<T>(path: string): Promise<{ value: T; etag: string }> {
    const response = await this.request('GET', path);
    return { value: (await response.json()) as T, etag: response.headers.get('etag') ?? '' };
  }

  /** GET with If-None-Match: `undefined` when the resource is unchanged (304), for polling. */
  async poll<T>(path: string, etag: string | undefined): Promise<{ value: T; etag: string } | undefined> {
    const token = await this.auth.getToken();
    const response = await fetch(`${this.baseUrl}${path}`, {
      headers: {
        accept: 'application/json',
        'accept-language': this.language(),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(etag ? { 'if-none-match': etag } : {}),
      },
      cache: 'no-store',
    });
    if (response.status === 304) return undefined;
    if (!response.ok) {
      const problem = (await response.json().catch(() => undefined)) as
        { error?: { message?: string; details?: string[] } } | undefined;
      throw new ApiError(response.status, problem?.error?.message ?? `HTTP ${response.status}`);
    }
    return { value: (await response.json()) as T, etag: response.headers.get('etag') ?? '' };
  }

  async send<T>(
    method: 'POST' | 'PUT',
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    return (await (await this.request(method, path, body, headers)).json()) as T;
  }

  /** Sends text (e.g. a CSV file) and reads the JSON answer; a 422 with a report returns the report. */
  async sendText<T>(path: string, text: string, contentType: string): Promise<T> {
    const token = await this.auth.getToken();
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'accept-language': this.language(),
        'content-type': contentType,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: text,
    });
    const body = (await response.json().catch(() => undefined)) as
      (T & { error?: { message?: string; details?: string[] }; report?: T }) | undefined;
    if (response.status === 422 && body?.report) return body.report;
    if (!response.ok)
      throw new ApiError(
        response.status,
        body?.error?.message ?? `HTTP ${response.status}`,
        body?.error?.details ?? [],
      );
    return body as T;
  }

  /** Fetches a file and hands it to the browser as a download. */
  async download(method: 'GET' | 'POST', path: string, body?: unknown): Promise<string> {
    const response = await this.request(method, path, body, { accept: '*/*' });
    const name =
      /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
    const url = URL.createObjectURL(await response.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return name;
  }
}

export interface Me {
  id: string;
  displayName: string;
  upn: string | null;
  roles: string[];
  department: string | null;
  municipality: { id: string; name: string; regionId: string | null };
}

export interface TenderSummary {
  reference: string;
  title: string;
  description?: string;
  kickoffDate: string;
  estimatedValueEur?: number;
  status: string;
  cpv: string[];
  commissioningManager: { displayName?: string; upn?: string };
  /** What the project recorded about MVI (monitoring), when it did. */
  mvi?: { appliedCriteria: string[]; recordedAt: string };
}

export interface SessionSummary {
  id: string;
  type: string;
  title: string;
  description: string;
  start: string;
  end: string;
  location?: string;
  onlineMeetingUrl?: string;
  regionWide: boolean;
  themes: string[];
  capacity?: number;
}

export type { ToolboxItem } from '../data/types.js';
