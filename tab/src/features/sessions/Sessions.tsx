import {
  Badge,
  Button,
  Card,
  CardHeader,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isAdmin, useSession } from '../../app/session.js';
import { ErrorMessage, Loading, PageHeader, RouterFluentLink, SectionTitle } from '../../app/ui.js';
import { formatDateTime } from '../../i18n/index.js';
import { SessionActions, errorText } from './actions.js';
import { isOrganiser, timeOf, type SessionView } from './model.js';

const useStyles = makeStyles({
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: 0,
    listStyleType: 'none',
  },
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  meta: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  code: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
});

export type Notice = { text: string; intent: 'success' | 'error' } | undefined;

export function NoticeBar({ notice }: { notice: Notice }) {
  return (
    <div role="status" aria-live="polite">
      {notice && (
        <MessageBar intent={notice.intent}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

/** What a participant reads about their place in a session. */
export function SessionStatus({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const badges: string[] = [];
  if (session.me.registration === 'registered') badges.push(t('sessions.youAreRegistered'));
  if (session.me.registration === 'waitlisted')
    badges.push(t('sessions.youAreWaiting', { position: session.me.waitlistPosition ?? 1 }));
  if (session.me.attendance === 'present') badges.push(t('sessions.youWereThere'));
  if (session.me.attendance === 'pending') badges.push(t('sessions.awaitingApproval'));
  if (session.counts.placesLeft === 0 && !session.me.registration && !session.ended)
    badges.push(t('sessions.full'));
  return (
    <>
      {badges.map((b) => (
        <Badge key={b} appearance="tint">
          {b}
        </Badge>
      ))}
    </>
  );
}

export default function SessionsPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { api, me, language } = useSession();
  const [sessions, setSessions] = useState<SessionView[] | undefined>();
  const [error, setError] = useState('');
  const [notice, setNotice] = useState<Notice>();
  const [code, setCode] = useState('');

  const load = useCallback(() => {
    api.get<{ sessions: SessionView[] }>('/sessions?recent=1').then(
      (r) => setSessions(r.sessions),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [api]);
  useEffect(load, [load]);

  const replace = (next: SessionView): void =>
    setSessions((list) => list?.map((s) => (s.id === next.id ? next : s)));
  const checkInWithCode = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    try {
      const s = await api.send<SessionView>('POST', '/check-in', { code });
      replace(s);
      setCode('');
      setNotice({ text: t('sessions.checkedIn', { title: s.title }), intent: 'success' });
    } catch (e) {
      setNotice({ text: errorText(e), intent: 'error' });
    }
  };
  const upcoming = sessions?.filter((s) => !s.ended) ?? [];
  const past = sessions?.filter((s) => s.ended && (s.me.attendance || s.canManage)) ?? [];

  const card = (s: SessionView) => (
    <li key={s.id} id={s.id}>
      <Card>
        <CardHeader
          header={
            <Text as="h3" weight="semibold" size={400}>
              <RouterFluentLink to={`/sessions/${s.id}`}>{s.title}</RouterFluentLink>
            </Text>
          }
          description={
            <Text>
              {t(`sessionTypes.${s.type}`, { defaultValue: s.type })} · {formatDateTime(s.start, language)}–
              {timeOf(s.end, language)}
            </Text>
          }
        />
        {s.description && <Text>{s.description}</Text>}
        <div className={styles.meta}>
          <Text>
            {[s.location, s.onlineMeetingUrl ? t('sessions.online') : null].filter(Boolean).join(' · ')}
          </Text>
          {s.regionWide && <Badge appearance="outline">{t('sessions.region')}</Badge>}
          {s.capacity !== null && !s.ended && (
            <Text>{t('sessions.places', { left: s.counts.placesLeft ?? 0, capacity: s.capacity })}</Text>
          )}
          <SessionStatus session={s} />
        </div>
        {s.me.attendance === 'present' && !s.me.feedbackGiven && (
          <RouterFluentLink to={`/sessions/${s.id}#feedback`}>
            {t('sessions.rateIt', { title: s.title })}
          </RouterFluentLink>
        )}
        <SessionActions
          session={s}
          onChange={replace}
          onMessage={(text, intent) => setNotice({ text, intent })}
        />
      </Card>
    </li>
  );

  return (
    <>
      <PageHeader title={t('sessions.title')} intro={t('sessions.intro')}>
        <div className={styles.toolbar}>
          {isOrganiser(me.roles) && (
            <Button appearance="primary" onClick={() => void navigate('/sessions/new')}>
              {t('sessions.new')}
            </Button>
          )}
          {isAdmin(me) && <RouterFluentLink to="/sessions/reach">{t('sessions.reachLink')}</RouterFluentLink>}
          {isAdmin(me) && (
            <RouterFluentLink to="/sessions/privacy">{t('sessions.privacyLink')}</RouterFluentLink>
          )}
        </div>
      </PageHeader>
      <form
        className={styles.code}
        onSubmit={(e) => void checkInWithCode(e)}
        aria-label={t('sessions.codeCheckIn')}
      >
        <Field label={t('sessions.codeLabel')} hint={t('sessions.codeHint')}>
          <Input value={code} onChange={(_, d) => setCode(d.value)} maxLength={12} />
        </Field>
        <Button type="submit" disabled={!code.trim()}>
          {t('sessions.checkIn')}
        </Button>
      </form>
      <NoticeBar notice={notice} />
      {error && <ErrorMessage message={t('errors.loadFailed', { message: error })} />}
      {!sessions && !error && <Loading label={t('app.loading')} />}
      <SectionTitle id="upcoming">{t('sessions.upcoming')}</SectionTitle>
      {sessions && upcoming.length === 0 && <Text>{t('sessions.none')}</Text>}
      <ul className={styles.list} aria-labelledby="upcoming">
        {upcoming.map(card)}
      </ul>
      {past.length > 0 && (
        <>
          <SectionTitle id="past">{t('sessions.past')}</SectionTitle>
          <ul className={styles.list} aria-labelledby="past">
            {past.map(card)}
          </ul>
        </>
      )}
    </>
  );
}
