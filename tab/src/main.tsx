import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { DevAuthClient, EntraAuthClient, TeamsAuthClient, type AuthClient } from './auth/auth.js';
import { detectTeams } from './auth/teams.js';
import { loadRuntimeConfig } from './config.js';
import { initI18n, initialLanguage } from './i18n/index.js';

async function boot(): Promise<void> {
  const [config, teams] = await Promise.all([loadRuntimeConfig(), detectTeams()]);
  await initI18n(initialLanguage(teams?.locale));
  const auth: AuthClient = teams
    ? new TeamsAuthClient()
    : config.auth.mode === 'dev'
      ? new DevAuthClient(config.auth.idpUrl)
      : new EntraAuthClient(config.auth);
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing');
  createRoot(root).render(
    <StrictMode>
      <App config={config} auth={auth} teams={teams} />
    </StrictMode>,
  );
}

boot().catch((error: unknown) => {
  const root = document.getElementById('root');
  if (root) {
    root.setAttribute('role', 'alert');
    root.textContent = `MVI Companion kon niet starten / could not start: ${error instanceof Error ? error.message : String(error)}`;
  }
});
