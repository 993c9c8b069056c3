/**
 * A web kept fresh by polling with its ETag: every POLL_MS the tab asks whether it changed;
 * the server answers 304 while nobody proposed, so participants see each other within a poll.
 * Polling pauses while the tab is hidden and stops once the web is settled.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { POLL_MS, type WebView } from './model.js';

export function usePolledWeb(api: ApiClient, id: string) {
  const [view, setView] = useState<WebView | undefined>();
  const [error, setError] = useState('');
  const etag = useRef<string | undefined>(undefined);
  const settled = view?.web.state === 'settled';

  const refresh = useCallback(async (): Promise<void> => {
    try {
      const next = await api.poll<WebView>(`/ambitiewebs/${encodeURIComponent(id)}`, etag.current);
      if (next) {
        etag.current = next.etag;
        setView(next.value);
      }
      setError('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [api, id]);

  useEffect(() => {
    etag.current = undefined;
    void refresh();
  }, [refresh]);

  useEffect(() => {
    if (settled) return;
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') void refresh();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [refresh, settled]);

  /** After one's own change: show the answer at once (it carries the new version). */
  const accept = useCallback((next: WebView) => {
    etag.current = undefined;
    setView(next);
  }, []);

  return { view, error, refresh, accept };
}
