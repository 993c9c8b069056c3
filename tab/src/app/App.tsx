import {
  Button,
  FluentProvider,
  Select,
  SearchBox,
  Text,
  makeStyles,
  teamsHighContrastTheme,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, NavLink, Route, Routes, useNavigate } from 'react-router';
import { ApiClient, type Me, type ToolboxItem } from '../api/client.js';
import { DevAuthClient, type AuthClient } from '../auth/auth.js';
import type { TeamsContext } from '../auth/teams.js';
import type { RuntimeConfig } from '../config.js';
import { CatalogueContext, type CatalogueData } from '../data/catalogue.js';
import { LANGUAGE_STORAGE_KEY, type Language } from '../i18n/index.js';
import { DevSignIn } from './DevSignIn.js';
import { isAdmin, SessionContext, type AppSession } from './session.js';
import { TEXTS as EXPERT_TEXTS } from '../features/experts/texts.js';
import { ErrorMessage, Loading, RouterFluentLink } from './ui.js';
import { hasAnyRole } from '../../../core/src/identity.js';
import { MONITORING_READERS } from '../../../core/src/monitoring/access.js';

const Home = lazy(() => import('../features/home/Home.js'));
const ThemesPage = lazy(() =>
  import('../features/themes/Themes.js').then((m) => ({ default: m.ThemesPage })),
);
const ThemePage = lazy(() => import('../features/themes/Themes.js').then((m) => ({ default: m.ThemePage })));
const GroupsPage = lazy(() =>
  import('../features/groups/Groups.js').then((m) => ({ default: m.GroupsPage })),
);
const GroupPage = lazy(() => import('../features/groups/Groups.js').then((m) => ({ default: m.GroupPage })));
const ToolsPage = lazy(() =>
  import('../features/knowledge/Knowledge.js').then((m) => ({ default: m.ToolsPage })),
);
const ToolPage = lazy(() =>
  import('../features/knowledge/Knowledge.js').then((m) => ({ default: m.ToolPage })),
);
const DosAndDontsPage = lazy(() =>
  import('../features/knowledge/Knowledge.js').then((m) => ({ default: m.DosAndDontsPage })),
);
const GlossaryPage = lazy(() =>
  import('../features/knowledge/Knowledge.js').then((m) => ({ default: m.GlossaryPage })),
);
const SocialEnterprisesPage = lazy(() =>
  import('../features/knowledge/Knowledge.js').then((m) => ({ default: m.SocialEnterprisesPage })),
);
const ExamplesPage = lazy(() =>
  import('../features/examples/Examples.js').then((m) => ({ default: m.ExamplesPage })),
);
const ExamplePage = lazy(() =>
  import('../features/examples/Examples.js').then((m) => ({ default: m.ExamplePage })),
);
const SearchPage = lazy(() => import('../features/search/Search.js'));
const AdvicePage = lazy(() =>
  import('../features/advice/Advice.js').then((m) => ({ default: m.AdvicePage })),
);
const AdviceDownloadPage = lazy(() =>
  import('../features/advice/Advice.js').then((m) => ({ default: m.AdviceDownloadPage })),
);
const SessionsPage = lazy(() => import('../features/sessions/Sessions.js'));
const SessionPage = lazy(() => import('../features/sessions/SessionPage.js'));
const SessionFormPage = lazy(() => import('../features/sessions/SessionForm.js'));
const CheckInPage = lazy(() =>
  import('../features/sessions/CheckIn.js').then((m) => ({ default: m.CheckInPage })),
);
const CheckInScreen = lazy(() =>
  import('../features/sessions/CheckIn.js').then((m) => ({ default: m.CheckInScreen })),
);
const ReachPage = lazy(() => import('../features/sessions/Reach.js'));
const PrivacyPage = lazy(() => import('../features/sessions/Privacy.js'));
const ExpertsPage = lazy(() => import('../features/experts/Experts.js'));
const TendersPage = lazy(() => import('../features/tenders/Tenders.js'));
const TenderPage = lazy(() => import('../features/tenders/TenderPage.js'));
const MonitoringPage = lazy(() => import('../features/monitoring/Monitoring.js'));
const SharingPage = lazy(() => import('../features/neighbours/Sharing.js'));
const AmbitiewebPage = lazy(() => import('../features/ambitieweb/WebPage.js'));
const AmbitiewebListPage = lazy(() => import('../features/ambitieweb/Configure.js'));

type ThemeName = TeamsContext['theme'];
const THEMES = { default: webLightTheme, dark: webDarkTheme, contrast: teamsHighContrastTheme } as const;
const THEME_KEY = 'mvi.theme';

function initialTheme(teams: TeamsContext | undefined): ThemeName {
  const param = new URLSearchParams(window.location.search).get('theme') ?? localStorage.getItem(THEME_KEY);
  if (param === 'dark' || param === 'contrast' || param === 'default') return param;
  if (teams) return teams.theme;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'default';
}

const useStyles = makeStyles({
  shell: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  skip: {
    position: 'absolute',
    left: '-10000px',
    top: 'auto',
    ':focus': {
      left: tokens.spacingHorizontalM,
      top: tokens.spacingVerticalM,
      zIndex: 10,
      padding: tokens.spacingHorizontalS,
      backgroundColor: tokens.colorNeutralBackground1,
    },
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { flexGrow: 1 },
  search: { minWidth: '260px' },
  nav: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    '& a': {
      color: tokens.colorNeutralForeground1,
      textDecorationLine: 'none',
      padding: `${tokens.spacingVerticalXXS} 0`,
    },
    '& a:hover': { textDecorationLine: 'underline' },
    '& a[aria-current="page"]': {
      fontWeight: tokens.fontWeightSemibold,
      borderBottom: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    },
  },
  main: { padding: tokens.spacingHorizontalXL, maxWidth: '1100px', margin: '0 auto' },
});

export interface AppProps {
  config: RuntimeConfig;
  auth: AuthClient;
  teams: TeamsContext | undefined;
}

export function App(props: AppProps) {
  const [theme, setTheme] = useState<ThemeName>(() => initialTheme(props.teams));
  useEffect(() => props.teams?.onThemeChange(setTheme), [props.teams]);
  const chooseTheme = (t: ThemeName): void => {
    localStorage.setItem(THEME_KEY, t);
    setTheme(t);
  };
  const styles = useStyles();
  return (
    <FluentProvider theme={THEMES[theme]}>
      {/* The shell's full-height background sits inside the provider: Fluent copies the provider's classes onto portals (tooltips, popovers), which must not cover the page. */}
      <div className={styles.shell}>
        <BrowserRouter>
          <Shell {...props} theme={theme} onTheme={props.teams ? undefined : chooseTheme} />
        </BrowserRouter>
      </div>
    </FluentProvider>
  );
}

type State =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; me: Me; catalogue: CatalogueData };

function Shell({
  config,
  auth,
  teams,
  theme,
  onTheme,
}: AppProps & { theme: ThemeName; onTheme: ((t: ThemeName) => void) | undefined }) {
  const styles = useStyles();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const language: Language = i18n.language === 'en' ? 'en' : 'nl';
  const api = useMemo(
    () => new ApiClient(config.apiBaseUrl, auth, () => i18n.language),
    [config, auth, i18n],
  );
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [items, setItems] = useState<ToolboxItem[]>([]);
  const [query, setQuery] = useState('');
  const deepLinked = useRef(false);

  const reloadItems = useCallback(async () => {
    setItems((await api.get<{ items: ToolboxItem[] }>('/toolbox-items')).items);
  }, [api]);

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      if (!(await auth.getToken())) return setState({ kind: 'signed-out' });
      const [me, catalogue] = await Promise.all([
        api.get<Me>('/me'),
        api.get<CatalogueData>('/catalogue'),
        reloadItems(),
      ]);
      setState({ kind: 'ready', me, catalogue });
    } catch (e) {
      setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }, [api, auth, reloadItems]);

  useEffect(() => {
    void load();
  }, [load]);

  // Deep links from the bot and notifications open the right page inside Teams.
  useEffect(() => {
    if (state.kind === 'ready' && teams?.subPageId?.startsWith('/') && !deepLinked.current) {
      deepLinked.current = true;
      void navigate(teams.subPageId);
    }
  }, [state.kind, teams, navigate]);

  const switchLanguage = (): void => {
    const next: Language = language === 'nl' ? 'en' : 'nl';
    localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
    document.documentElement.lang = next;
    void i18n.changeLanguage(next);
  };

  const signOut = (): void => {
    auth.signOut();
    setState({ kind: 'signed-out' });
  };

  const search = (event: FormEvent): void => {
    event.preventDefault();
    void navigate(`/search?q=${encodeURIComponent(query)}`);
  };

  const session: AppSession | undefined = useMemo(
    () => (state.kind === 'ready' ? { api, me: state.me, language, items, reloadItems } : undefined),
    [state, api, language, items, reloadItems],
  );

  return (
    <>
      <a href="#main" className={styles.skip}>
        {t('app.skip')}
      </a>
      <header className={styles.header}>
        <Text as="span" weight="semibold" size={500} className={styles.brand}>
          {t('app.name')}
        </Text>
        {state.kind === 'ready' && (
          <form role="search" onSubmit={search}>
            <SearchBox
              className={styles.search}
              aria-label={t('nav.search')}
              placeholder={t('nav.searchPlaceholder')}
              value={query}
              onChange={(_, data) => {
                setQuery(data.value);
                if (data.value.trim().length >= 2)
                  void navigate(`/search?q=${encodeURIComponent(data.value)}`, { replace: true });
              }}
            />
          </form>
        )}
        {onTheme && (
          <Select
            aria-label={t('themeMode.label')}
            value={theme}
            onChange={(_, data) => onTheme(data.value as ThemeName)}
          >
            <option value="default">{t('themeMode.default')}</option>
            <option value="dark">{t('themeMode.dark')}</option>
            <option value="contrast">{t('themeMode.contrast')}</option>
          </Select>
        )}
        <Button appearance="subtle" onClick={switchLanguage} lang={language === 'nl' ? 'en' : 'nl'}>
          {t('nav.switchTo')}
        </Button>
        {state.kind === 'ready' && auth.mode !== 'teams' && (
          <Button appearance="subtle" onClick={signOut}>
            {t('nav.signOut')}
          </Button>
        )}
      </header>
      {state.kind === 'ready' && (
        <nav className={styles.nav} aria-label={t('nav.label')}>
          <NavLink to="/" end>
            {t('nav.home')}
          </NavLink>
          <NavLink to="/advice">{t('nav.advice')}</NavLink>
          <NavLink to="/themes">{t('nav.themes')}</NavLink>
          <NavLink to="/product-groups">{t('nav.productGroups')}</NavLink>
          <NavLink to="/tools">{t('nav.tools')}</NavLink>
          <NavLink to="/examples">{t('nav.examples')}</NavLink>
          <NavLink to="/dos-and-donts">{t('nav.dosAndDonts')}</NavLink>
          <NavLink to="/glossary">{t('nav.glossary')}</NavLink>
          <NavLink to="/sessions">{t('nav.sessions')}</NavLink>
          <NavLink to="/tenders">{t('nav.tenders')}</NavLink>
          {hasAnyRole(state.me.roles, MONITORING_READERS) && (
            <NavLink to="/monitoring">{t('nav.monitoring')}</NavLink>
          )}
          {isAdmin(state.me) && <NavLink to="/experts">{EXPERT_TEXTS[language].nav}</NavLink>}
        </nav>
      )}
      <main id="main" className={styles.main} tabIndex={-1}>
        {state.kind === 'loading' && <Loading label={t('app.loading')} />}
        {state.kind === 'signed-out' && auth instanceof DevAuthClient && (
          <DevSignIn auth={auth} onSignedIn={() => void load()} />
        )}
        {state.kind === 'error' && (
          <div>
            <ErrorMessage message={t('errors.loadFailed', { message: state.message })} />
            <Button onClick={() => void load()}>{t('errors.retry')}</Button>
          </div>
        )}
        {state.kind === 'ready' && session && (
          <SessionContext.Provider value={session}>
            <CatalogueContext.Provider value={state.catalogue}>
              <Suspense fallback={<Loading label={t('app.loading')} />}>
                <Routes>
                  <Route path="/" element={<Home />} />
                  <Route path="/themes" element={<ThemesPage />} />
                  <Route path="/themes/:id" element={<ThemePage />} />
                  <Route path="/product-groups" element={<GroupsPage />} />
                  <Route path="/product-groups/:id" element={<GroupPage />} />
                  <Route path="/tools" element={<ToolsPage />} />
                  <Route path="/tools/:id" element={<ToolPage />} />
                  <Route path="/dos-and-donts" element={<DosAndDontsPage />} />
                  <Route path="/glossary" element={<GlossaryPage />} />
                  <Route path="/social-enterprises" element={<SocialEnterprisesPage />} />
                  <Route path="/examples" element={<ExamplesPage />} />
                  <Route path="/examples/:id" element={<ExamplePage />} />
                  <Route path="/search" element={<SearchPage />} />
                  <Route path="/advice" element={<AdvicePage />} />
                  <Route path="/advice/:id/download" element={<AdviceDownloadPage />} />
                  <Route path="/sessions" element={<SessionsPage />} />
                  <Route path="/sessions/new" element={<SessionFormPage />} />
                  <Route path="/sessions/reach" element={<ReachPage />} />
                  <Route path="/sessions/privacy" element={<PrivacyPage />} />
                  <Route path="/sessions/:id" element={<SessionPage />} />
                  <Route path="/sessions/:id/edit" element={<SessionFormPage />} />
                  <Route path="/sessions/:id/screen" element={<CheckInScreen />} />
                  <Route path="/check-in" element={<CheckInPage />} />
                  <Route path="/tenders" element={<TendersPage />} />
                  <Route path="/tenders/:reference" element={<TenderPage />} />
                  <Route path="/monitoring" element={<MonitoringPage />} />
                  <Route path="/experts" element={<ExpertsPage />} />
                  <Route path="/neighbours" element={<SharingPage />} />
                  <Route path="/ambitieweb" element={<AmbitiewebListPage />} />
                  <Route path="/ambitieweb/configure" element={<AmbitiewebListPage />} />
                  <Route path="/ambitieweb/:id" element={<AmbitiewebPage />} />
                  <Route path="*" element={<NotFound />} />
                </Routes>
              </Suspense>
            </CatalogueContext.Provider>
          </SessionContext.Provider>
        )}
      </main>
    </>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <div>
      <Text as="h1" size={800} weight="semibold" block>
        {t('errors.notFound')}
      </Text>
      <RouterFluentLink to="/">{t('errors.back')}</RouterFluentLink>
    </div>
  );
}
