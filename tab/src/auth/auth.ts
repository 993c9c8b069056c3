/**
 * How the tab gets an access token for the API:
 * - inside Teams: Teams SSO (`authentication.getAuthToken`), exchanged on-behalf-of by the API when it calls Graph;
 * - in a browser in production: MSAL against Entra ID;
 * - on `npm start`: the local development identity provider, with a user picker.
 */
import type { PublicClientApplication } from '@azure/msal-browser';
import type { RuntimeConfig } from '../config.js';

export interface DevUser {
  id: string;
  upn: string;
  displayName: string;
  roles: string[];
  description: string;
  municipalityId: string;
}

export interface AuthClient {
  readonly mode: 'teams' | 'entra' | 'dev';
  /** A token, or undefined when the user must pick or sign in first. */
  getToken(): Promise<string | undefined>;
  signOut(): void;
}

const DEV_TOKEN_KEY = 'mvi.devToken';

export class DevAuthClient implements AuthClient {
  readonly mode = 'dev' as const;
  constructor(private readonly idpUrl: string) {}

  async listUsers(): Promise<DevUser[]> {
    const response = await fetch(`${this.idpUrl}/users`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return ((await response.json()) as { users: DevUser[] }).users;
  }

  async signIn(user: string): Promise<void> {
    const response = await fetch(`${this.idpUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user }),
    });
    const body = (await response.json()) as { access_token?: string; error_description?: string };
    if (!response.ok || !body.access_token)
      throw new Error(body.error_description ?? `HTTP ${response.status}`);
    sessionStorage.setItem(DEV_TOKEN_KEY, body.access_token);
  }

  getToken(): Promise<string | undefined> {
    return Promise.resolve(sessionStorage.getItem(DEV_TOKEN_KEY) ?? undefined);
  }

  signOut(): void {
    sessionStorage.removeItem(DEV_TOKEN_KEY);
  }
}

export class TeamsAuthClient implements AuthClient {
  readonly mode = 'teams' as const;
  async getToken(): Promise<string | undefined> {
    const { authentication } = await import('@microsoft/teams-js');
    return authentication.getAuthToken();
  }
  signOut(): void {
    // Inside Teams the user signs out of Teams itself.
  }
}

export class EntraAuthClient implements AuthClient {
  readonly mode = 'entra' as const;
  private msal: Promise<PublicClientApplication> | undefined;
  constructor(private readonly config: Extract<RuntimeConfig['auth'], { mode: 'entra' }>) {}

  private instance(): Promise<PublicClientApplication> {
    this.msal ??= import('@azure/msal-browser').then(async ({ PublicClientApplication }) => {
      const app = new PublicClientApplication({
        auth: {
          clientId: this.config.clientId,
          authority: this.config.authority,
          redirectUri: window.location.origin,
        },
        cache: { cacheLocation: 'sessionStorage' },
      });
      await app.initialize();
      await app.handleRedirectPromise();
      return app;
    });
    return this.msal;
  }

  async getToken(): Promise<string | undefined> {
    const app = await this.instance();
    const account = app.getActiveAccount() ?? app.getAllAccounts()[0];
    const scopes = [this.config.apiScope];
    if (!account) {
      await app.loginRedirect({ scopes });
      return undefined;
    }
    app.setActiveAccount(account);
    try {
      return (await app.acquireTokenSilent({ scopes, account })).accessToken;
    } catch {
      await app.acquireTokenRedirect({ scopes, account });
      return undefined;
    }
  }

  signOut(): void {
    void this.instance().then((app) => app.logoutRedirect());
  }
}
