/** Detects whether the tab runs inside Teams; outside Teams `app.initialize()` never settles. */
export interface TeamsContext {
  locale: string;
  theme: 'default' | 'dark' | 'contrast';
  subPageId?: string;
  onThemeChange(handler: (theme: TeamsContext['theme']) => void): void;
}

const asTheme = (t: string | undefined): TeamsContext['theme'] =>
  t === 'dark' || t === 'contrast' ? t : 'default';

export async function detectTeams(timeoutMs = 1500): Promise<TeamsContext | undefined> {
  if (window.parent === window && !navigator.userAgent.includes('Teams')) return undefined;
  const { app } = await import('@microsoft/teams-js');
  const initialized = await Promise.race([
    app.initialize().then(
      () => true,
      () => false,
    ),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs)),
  ]).catch(() => false);
  if (!initialized) return undefined;
  const context = await app.getContext();
  void app.notifySuccess();
  return {
    locale: context.app.locale,
    theme: asTheme(context.app.theme),
    ...(context.page.subPageId ? { subPageId: context.page.subPageId } : {}),
    onThemeChange: (handler) => app.registerOnThemeChangeHandler((t) => handler(asTheme(t))),
  };
}
