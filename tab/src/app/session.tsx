/** What every page may use once the user is signed in: the API client, who they are, the toolbox items. */
import { createContext, useContext } from 'react';
import type { ApiClient, Me, ToolboxItem } from '../api/client.js';
import type { Language } from '../i18n/index.js';

export interface AppSession {
  api: ApiClient;
  me: Me;
  language: Language;
  items: ToolboxItem[];
  reloadItems: () => Promise<void>;
}

export const SessionContext = createContext<AppSession | undefined>(undefined);

export function useSession(): AppSession {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionContext');
  return value;
}

export const isAdmin = (me: Me): boolean => me.roles.includes('mvi-admin');
