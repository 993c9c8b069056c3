import {
  Button,
  FluentProvider,
  Spinner,
  Text,
  makeStyles,
  teamsHighContrastTheme,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiClient, type Me } from '../api/client.js';
import type { AuthClient } from '../auth/auth.js';
import { DevAuthClient } from '../auth/auth.js';
import type { TeamsContext } from '../auth/teams.js';
import type { RuntimeConfig } from '../config.js';
import { Home } from '../features/home/Home.js';
import { DevSignIn } from './DevSignIn.js';
import { LANGUAGE_STORAGE_KEY, type Language } from '../i18n/index.js';

type ThemeName = TeamsContext['theme'];
const THEMES = { default: webLightTheme, dark: webDarkTheme, contrast: teamsHighContrastTheme } as const;

function initialTheme(teams: TeamsContext | undefined): ThemeName {
  const param = new URLSearchParams(window.location.search).get('theme');
  if (param === 'dark' || param === 'contrast' || param === 'default') return param;
  if (teams) return teams.theme;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'default';
}

const useStyles = makeStyles({
  shell: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { flexGrow: 1 },
  main: { padding: tokens.spacingHorizontalXL, maxWidth: '1100px', margin: '0 auto' },
});

export interface AppProps {
  config: RuntimeConfig;
  auth: AuthClient;
  teams: TeamsContext | undefined;
}

export function App({ config, auth, teams }: AppProps) {
  const styles = useStyles();
  const { t, i18n } = useTranslation();
  const [theme, setTheme] = useState<ThemeName>(() => initialTheme(teams));
  const [me, setMe] = useState<Me | undefined>();
  const [state, setState] = useState<'loading' | 'signed-out' | 'ready' | 'error'>('loading');
  const [error, setError] = useState<string>('');
  const language = i18n.language as Language;
  const api = useMemo(() => new ApiClient(config.apiBaseUrl, auth, () => i18n.language), [config, auth, i18n]);

  useEffect(() => teams?.onThemeChange(setTheme), [teams]);

  const load = useCallback(async () => {
    setState('loading');
    try {
      if (!(await auth.getToken())) return setState('signed-out');
      setMe(await api.get<Me>('/me'));
      setState('ready');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setState('error');
    }
  }, [api, auth]);

  useEffect(() => {
    void load();
  }, [load]);

  const switchLanguage = (): void => {
    const next: Language = language === 'nl' ? 'en' : 'nl';
    localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
    document.documentElement.lang = next;
    void i18n.changeLanguage(next);
  };

  const signOut = (): void => {
    auth.signOut();
    setMe(undefined);
    setState('signed-out');
  };

  return (
    <FluentProvider theme={THEMES[theme]} className={styles.shell}>
      <header className={styles.header}>
        <Text as="span" weight="semibold" size={500} className={styles.title}>
          {t('app.name')}
        </Text>
        <Button appearance="subtle" onClick={switchLanguage} lang={language === 'nl' ? 'en' : 'nl'}>
          {t('nav.switchTo')}
        </Button>
        {state === 'ready' && auth.mode !== 'teams' && (
          <Button appearance="subtle" onClick={signOut}>
            {t('nav.signOut')}
          </Button>
        )}
      </header>
      <main className={styles.main}>
        {state === 'loading' && <Spinner label={t('app.tagline')} />}
        {state === 'signed-out' && auth instanceof DevAuthClient && <DevSignIn auth={auth} onSignedIn={() => void load()} />}
        {state === 'error' && (
          <div role="alert">
            <Text block>{t('errors.loadFailed', { message: error })}</Text>
            <Button onClick={() => void load()}>{t('errors.retry')}</Button>
          </div>
        )}
        {state === 'ready' && me && <Home me={me} api={api} language={language} />}
      </main>
    </FluentProvider>
  );
}
