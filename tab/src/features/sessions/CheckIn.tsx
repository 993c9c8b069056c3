import { Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useSession } from '../../app/session.js';
import { ErrorMessage, PageHeader, RouterFluentLink } from '../../app/ui.js';
import { formatDateTime } from '../../i18n/index.js';
import { errorText } from './actions.js';
import { timeOf, type CheckInDisplay, type SessionView } from './model.js';
import { NoticeBar, type Notice } from './Sessions.js';

const useStyles = makeStyles({
  screen: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXXXL,
    alignItems: 'center',
    justifyContent: 'center',
    padding: tokens.spacingVerticalXXL,
  },
  code: {
    fontSize: '96px',
    lineHeight: '1.1',
    fontFamily: tokens.fontFamilyMonospace,
    letterSpacing: '0.15em',
    fontWeight: tokens.fontWeightBold,
  },
  qr: { width: '320px', height: '320px', backgroundColor: '#ffffff', padding: tokens.spacingHorizontalM },
});

/** /check-in?code=…: where the QR code in the room leads; checks the signed-in person in. */
export function CheckInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { api } = useSession();
  const [notice, setNotice] = useState<Notice>();
  const [session, setSession] = useState<SessionView | undefined>();
  const sent = useRef(false);
  const code = params.get('code') ?? '';
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    api.send<SessionView>('POST', '/check-in', { code }).then(
      (s) => {
        setSession(s);
        setNotice({ text: t('sessions.checkedIn', { title: s.title }), intent: 'success' });
      },
      (e: unknown) => setNotice({ text: errorText(e), intent: 'error' }),
    );
  }, [api, code, t]);
  return (
    <>
      <PageHeader title={t('checkIn.title')} />
      {!notice && <Spinner label={t('checkIn.busy')} />}
      <NoticeBar notice={notice} />
      {session && (
        <RouterFluentLink to={`/sessions/${session.id}`}>
          {t('checkIn.toSession', { title: session.title })}
        </RouterFluentLink>
      )}
      {!session && notice && <RouterFluentLink to="/sessions">{t('checkIn.toSessions')}</RouterFluentLink>}
    </>
  );
}

/** /sessions/:id/screen: the code and QR code, large, for the screen in the room. */
export function CheckInScreen() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { id } = useParams();
  const { api, language } = useSession();
  const [display, setDisplay] = useState<CheckInDisplay | undefined>();
  const [title, setTitle] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    if (!id) return;
    Promise.all([
      api.get<CheckInDisplay>(`/sessions/${id}/check-in-code`),
      api.get<SessionView>(`/sessions/${id}`),
    ]).then(
      ([d, s]) => {
        setDisplay(d);
        setTitle(s.title);
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, [api, id]);
  if (error) return <ErrorMessage message={error} />;
  if (!display) return <Spinner label={t('app.loading')} />;
  return (
    <>
      <PageHeader
        title={title}
        intro={t('checkIn.screenIntro', {
          opens: formatDateTime(display.opens, language),
          closes: timeOf(display.closes, language),
        })}
      />
      <div className={styles.screen}>
        <img
          className={styles.qr}
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(display.qrSvg)}`}
          alt={t('sessionPage.qrAlt', { code: display.code })}
        />
        <div>
          <Text block size={500}>
            {t('checkIn.screenCode')}
          </Text>
          <Text block className={styles.code}>
            {display.code}
          </Text>
        </div>
      </div>
      <RouterFluentLink to={`/sessions/${id ?? ''}`}>{t('sessionPage.back')}</RouterFluentLink>
    </>
  );
}
