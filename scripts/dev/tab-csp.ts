/**
 * The tab's Content-Security-Policy, one definition for the local server (scripts/dev/stack.ts)
 * and, through a test, for Azure Static Web Apps (`staticwebapp.config.json` in teamsapp.yml).
 * Scripts only from the tab's own origin (locally with the dev server's nonce for Vite's
 * inline preamble), no forms anywhere, images from the tab and data: URLs only, and framing
 * only by Teams, Outlook and Microsoft 365.
 */

/** Hosts that may frame the tab: Teams (web, new and classic), Outlook and the Microsoft 365 app. */
export const TEAMS_FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
];

export interface TabCspOptions {
  /** Other origins the tab calls (the API in Azure; Entra sign-in). */
  connect?: readonly string[];
  /** Origins the tab frames invisibly (MSAL's silent sign-in). */
  frames?: readonly string[];
  /** A nonce for inline scripts (the Vite dev server's preamble); none in a production build. */
  scriptNonce?: string;
}

export function tabContentSecurityPolicy(options: TabCspOptions = {}): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", ...(options.scriptNonce ? [`'nonce-${options.scriptNonce}'`] : [])],
    // Fluent UI (Griffel) inserts its styles at run time; style attributes never come from content.
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'", ...(options.connect ?? [])],
    ['frame-src', "'self'", ...(options.frames ?? [])],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'none'"],
    ['frame-ancestors', ...TEAMS_FRAME_ANCESTORS],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

/** The policy of the deployed tab: the API's origin and Entra ID besides the tab itself. */
export const DEPLOYED_TAB_CSP = tabContentSecurityPolicy({
  connect: ['${{FUNCTION_ENDPOINT}}', 'https://login.microsoftonline.com'],
  frames: ['https://login.microsoftonline.com'],
});
