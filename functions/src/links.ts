/** Links into the tab: Teams deep links when the Teams app id is known, plain web links otherwise. */
import type { BotLinks } from '../../bot/src/ports.js';
import type { BackendConfig } from './config.js';

/** The static tab's entity id in the manifest. */
export const TOOLBOX_ENTITY_ID = 'toolbox';

export function createLinks(config: Pick<BackendConfig, 'TAB_BASE_URL' | 'TEAMS_APP_ID'>): BotLinks {
  const web = (path: string): string =>
    `${config.TAB_BASE_URL.replace(/\/$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
  const tab = (path: string): string =>
    config.TEAMS_APP_ID
      ? `https://teams.microsoft.com/l/entity/${config.TEAMS_APP_ID}/${TOOLBOX_ENTITY_ID}?webUrl=${encodeURIComponent(web(path))}&context=${encodeURIComponent(JSON.stringify({ subEntityId: path }))}`
      : web(path);
  return {
    tab,
    adviceDocx: (adviceId, ambition, lang) =>
      tab(`/advice/${adviceId}/download?ambition=${ambition}&lang=${lang}`),
  };
}
