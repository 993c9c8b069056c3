/** What a participant does with a session: register, leave, the calendar file, check in. Shared by the list and the session page. */
import { Button, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { useSession } from '../../app/session.js';
import type { SessionView } from './model.js';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  code: { width: '9em' },
});

export const errorText = (e: unknown): string =>
  e instanceof ApiError
    ? [e.message, ...e.details.filter((d) => !d.startsWith('check-in:') && d !== 'nl' && d !== 'en')].join(
        ' ',
      )
    : String(e);

export function SessionActions({
  session,
  onChange,
  onMessage,
}: {
  session: SessionView;
  onChange: (s: SessionView) => void;
  onMessage: (text: string, intent: 'success' | 'error') => void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState('');
  const run = async (fn: () => Promise<SessionView>, success: (s: SessionView) => string): Promise<void> => {
    setBusy(true);
    try {
      const next = await fn();
      onChange(next);
      onMessage(success(next), 'success');
    } catch (e) {
      onMessage(errorText(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  const register = () =>
    run(
      () => api.send<SessionView>('POST', `/sessions/${session.id}/registration`, {}),
      (s) =>
        s.me.registration === 'waitlisted'
          ? t('sessions.waitlisted', { title: s.title, position: s.me.waitlistPosition ?? 1 })
          : t('sessions.registered', { title: s.title }),
    );
  const unregister = () =>
    run(
      () => api.send<SessionView>('POST', `/sessions/${session.id}/registration/cancel`, {}),
      (s) => t('sessions.unregistered', { title: s.title }),
    );
  const checkIn = (event: FormEvent) => {
    event.preventDefault();
    void run(
      () => api.send<SessionView>('POST', `/sessions/${session.id}/check-in`, code.trim() ? { code } : {}),
      (s) =>
        s.me.attendance === 'pending'
          ? t('sessions.checkedInPending', { title: s.title })
          : t('sessions.checkedIn', { title: s.title }),
    );
  };
  const ics = async () => {
    try {
      const name = await api.download('GET', `/sessions/${session.id}/registration.ics`);
      onMessage(t('sessions.icsDownloaded', { file: name }), 'success');
    } catch (e) {
      onMessage(errorText(e), 'error');
    }
  };
  const checkedIn = session.me.attendance === 'present' || session.me.attendance === 'pending';
  return (
    <div className={styles.row}>
      {!session.ended && session.me.registration === null && (
        <Button
          appearance="primary"
          disabled={busy}
          onClick={() => void register()}
          aria-label={t('sessions.registerFor', { title: session.title })}
        >
          {session.counts.placesLeft === 0 ? t('sessions.joinWaitlist') : t('sessions.register')}
        </Button>
      )}
      {!session.ended && session.me.registration !== null && (
        <Button
          disabled={busy}
          onClick={() => void unregister()}
          aria-label={t('sessions.unregisterFrom', { title: session.title })}
        >
          {session.me.registration === 'waitlisted' ? t('sessions.leaveWaitlist') : t('sessions.unregister')}
        </Button>
      )}
      {session.me.registration === 'registered' && !session.ended && (
        <Button
          appearance="subtle"
          onClick={() => void ics()}
          aria-label={t('sessions.icsFor', { title: session.title })}
        >
          {t('sessions.ics')}
        </Button>
      )}
      {session.checkIn === 'open' && !checkedIn && (
        <form
          className={styles.row}
          onSubmit={checkIn}
          aria-label={t('sessions.checkInFor', { title: session.title })}
        >
          <Input
            className={styles.code}
            value={code}
            onChange={(_, d) => setCode(d.value)}
            aria-label={t('sessions.codeFor', { title: session.title })}
            placeholder={t('sessions.codePlaceholder')}
            maxLength={12}
          />
          <Button appearance="primary" type="submit" disabled={busy}>
            {t('sessions.checkIn')}
          </Button>
        </form>
      )}
    </div>
  );
}
