/** Calls the MVI Companion API with the user's token; errors carry the API's own message. */
import type { AuthClient } from '../auth/auth.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
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

  async get<T>(path: string): Promise<T> {
    const token = await this.auth.getToken();
    const response = await fetch(`${this.baseUrl}${path}`, {
      headers: { accept: 'application/json', 'accept-language': this.language(), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    if (!response.ok) throw new ApiError(response.status, body?.error?.message ?? `HTTP ${response.status}`);
    return body as T;
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
  kickoffDate: string;
  estimatedValueEur?: number;
  status: string;
  commissioningManager: { displayName?: string };
}

export interface SessionSummary {
  id: string;
  type: string;
  title: string;
  start: string;
  end: string;
  location?: string;
}
