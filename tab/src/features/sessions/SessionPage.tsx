import {
  Badge,
  Button,
  Field,
  Radio,
  RadioGroup,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useSession } from '../../app/session.js';
import {
  ErrorMessage,
  Loading,
  PageHeader,
  RouterFluentLink,
  SectionTitle,
  useTableClass,
} from '../../app/ui.js';
import { formatDateTime } from '../../i18n/index.js';
import { SessionActions, errorText } from './actions.js';
import {
  timeOf,
  type AttendanceList,
  type CheckInDisplay,
  type FeedbackSummary,
  type SessionView,
} from './model.js';
import { NoticeBar, SessionStatus, type Notice } from './Sessions.js';

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    margin: 0,
    '& dd': { margin: 0 },
  },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  code: { fontSize: tokens.fontSizeHero800, fontFamily: tokens.fontFamilyMonospace, letterSpacing: '0.2em' },
  qr: { width: '160px', height: '160px', backgroundColor: '#ffffff', padding: tokens.spacingHorizontalS },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '560px' },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

function FeedbackForm({
  session,
  onDone,
}: {
  session: SessionView;
  onDone: (s: SessionView, text: string) => void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { api } = useSession();
  const [rating, setRating] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    try {
      const next = await api.send<SessionView>('POST', `/sessions/${session.id}/feedback`, {
        rating: Number(rating),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      onDone(next, t('sessionPage.thanks'));
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} aria-labelledby="feedback">
      <Field label={t('sessionPage.rating')} required>
        <RadioGroup layout="horizontal" value={rating} onChange={(_, d) => setRating(d.value)}>
          {[1, 2, 3, 4, 5].map((n) => (
            <Radio key={n} value={String(n)} label={t(`sessionPage.stars.${n}`)} />
          ))}
        </RadioGroup>
      </Field>
      <Field label={t('sessionPage.comment')}>
        <Textarea value={comment} onChange={(_, d) => setComment(d.value)} maxLength={1000} />
      </Field>
      {error && <ErrorMessage message={error} />}
      <div>
        <Button appearance="primary" type="submit" disabled={!rating}>
          {t('sessionPage.sendRating')}
        </Button>
      </div>
    </form>
  );
}

function OrganiserPanel({ session, onNotice }: { session: SessionView; onNotice: (n: Notice) => void }) {
  const styles = useStyles();
  const tableClass = useTableClass();
  const { t } = useTranslation();
  const { api, language } = useSession();
  const [list, setList] = useState<AttendanceList | undefined>();
  const [display, setDisplay] = useState<CheckInDisplay | undefined>();
  const [feedback, setFeedback] = useState<FeedbackSummary | undefined>();
  const [importing, setImporting] = useState(false);

  const load = useCallback(async () => {
    const [l, d, f] = await Promise.all([
      api.get<AttendanceList>(`/sessions/${session.id}/attendance`),
      api.get<CheckInDisplay>(`/sessions/${session.id}/check-in-code`),
      api.get<FeedbackSummary>(`/sessions/${session.id}/feedback`),
    ]);
    setList(l);
    setDisplay(d);
    setFeedback(f);
  }, [api, session.id]);
  useEffect(() => {
    load().catch((e: unknown) => onNotice({ text: errorText(e), intent: 'error' }));
  }, [load, onNotice]);

  const mark = async (userId: string, name: string, status: 'present' | 'absent'): Promise<void> => {
    try {
      await api.send('PUT', `/sessions/${session.id}/attendance/${userId}`, { status });
      onNotice({
        text: t(status === 'present' ? 'sessionPage.markedPresent' : 'sessionPage.markedAbsent', { name }),
        intent: 'success',
      });
      await load();
    } catch (e) {
      onNotice({ text: errorText(e), intent: 'error' });
    }
  };
  const importTeams = async (): Promise<void> => {
    setImporting(true);
    try {
      const result = await api.send<{ matched: number; unmatched: unknown[] }>(
        'POST',
        `/sessions/${session.id}/attendance/import`,
        {},
      );
      onNotice({
        text: t('sessionPage.imported', { matched: result.matched, unmatched: result.unmatched.length }),
        intent: 'success',
      });
      await load();
    } catch (e) {
      onNotice({ text: errorText(e), intent: 'error' });
    } finally {
      setImporting(false);
    }
  };
  const status = (a: AttendanceList['people'][number]['attendance']): string =>
    a ? t(`sessionPage.status.${a}`) : t('sessionPage.status.none');
  const registration = (r: AttendanceList['people'][number]): string =>
    r.registration === 'waitlisted'
      ? t('sessionPage.waitlistPlace', { position: r.waitlistPosition ?? '' })
      : r.registration
        ? t(`sessionPage.registration.${r.registration}`)
        : t('sessionPage.registration.walkIn');

  return (
    <section aria-labelledby="organiser">
      <SectionTitle id="organiser">{t('sessionPage.organiser')}</SectionTitle>
      {display && (
        <div className={styles.row}>
          <img
            className={styles.qr}
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(display.qrSvg)}`}
            alt={t('sessionPage.qrAlt', { code: display.code })}
          />
          <div>
            <Text block>
              {t('sessionPage.codeIntro', {
                opens: formatDateTime(display.opens, language),
                closes: timeOf(display.closes, language),
              })}
            </Text>
            <Text block className={styles.code}>
              {display.code}
            </Text>
            <RouterFluentLink to={`/sessions/${session.id}/screen`}>
              {t('sessionPage.screen')}
            </RouterFluentLink>
          </div>
        </div>
      )}
      <SectionTitle id="attendance">{t('sessionPage.attendance')}</SectionTitle>
      {!list && <Loading label={t('app.loading')} />}
      {list && (
        <>
          <Text block>{t('sessionPage.counts', list.counts)}</Text>
          <div className={styles.row}>
            {session.onlineMeetingUrl && session.ended && (
              <Button onClick={() => void importTeams()} disabled={importing}>
                {t('sessionPage.import')}
              </Button>
            )}
            <Button appearance="subtle" onClick={() => void load()}>
              {t('sessionPage.refresh')}
            </Button>
          </div>
          <table className={tableClass}>
            <caption className={styles.hidden}>
              {t('sessionPage.tableCaption', { title: session.title })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('sessionPage.name')}</th>
                <th scope="col">{t('sessionPage.department')}</th>
                <th scope="col">{t('sessionPage.registrationHead')}</th>
                <th scope="col">{t('sessionPage.statusHead')}</th>
                <th scope="col">{t('sessionPage.how')}</th>
                <th scope="col">{t('sessionPage.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.people.map((p) => (
                <tr key={p.userId}>
                  <th scope="row">{p.displayName}</th>
                  <td>{p.department ?? '—'}</td>
                  <td>{registration(p)}</td>
                  <td>{status(p.attendance)}</td>
                  <td>
                    {p.evidence.map((e) => t(`sessionPage.evidence.${e}`, { defaultValue: e })).join(', ')}
                    {p.teamsMinutes !== null
                      ? ` (${t('sessionPage.minutes', { count: p.teamsMinutes })})`
                      : ''}
                  </td>
                  <td>
                    <div className={styles.row}>
                      {p.attendance !== 'present' && (
                        <Button
                          size="small"
                          onClick={() => void mark(p.userId, p.displayName, 'present')}
                          aria-label={t(
                            p.attendance === 'pending' ? 'sessionPage.approve' : 'sessionPage.markPresent',
                            { name: p.displayName },
                          )}
                        >
                          {p.attendance === 'pending'
                            ? t('sessionPage.approveShort')
                            : t('sessionPage.presentShort')}
                        </Button>
                      )}
                      {p.attendance !== 'absent' && (
                        <Button
                          size="small"
                          appearance="subtle"
                          onClick={() => void mark(p.userId, p.displayName, 'absent')}
                          aria-label={t('sessionPage.markAbsent', { name: p.displayName })}
                        >
                          {t('sessionPage.absentShort')}
                        </Button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.import && (
            <>
              <SectionTitle id="teams">
                {t('sessionPage.teamsImport', { date: formatDateTime(list.import.at, language) })}
              </SectionTitle>
              <Text block>
                {t('sessionPage.teamsSummary', {
                  reports: list.import.reports,
                  records: list.import.records,
                  matched: list.import.matched,
                })}
              </Text>
              {list.import.unmatched.length > 0 && (
                <ul aria-label={t('sessionPage.unmatched')}>
                  {list.import.unmatched.map((u) => (
                    <li key={`${u.userId ?? ''}${u.displayName}`}>
                      {u.displayName} ({t('sessionPage.minutes', { count: Math.round(u.seconds / 60) })}){' '}
                      {u.member && u.userId && (
                        <Button
                          size="small"
                          onClick={() => void mark(u.userId!, u.displayName, 'present')}
                          aria-label={t('sessionPage.markPresent', { name: u.displayName })}
                        >
                          {t('sessionPage.presentShort')}
                        </Button>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </>
      )}
      <SectionTitle id="ratings">{t('sessionPage.ratings')}</SectionTitle>
      {feedback && feedback.count === 0 && <Text>{t('sessionPage.noRatings')}</Text>}
      {feedback && feedback.count > 0 && (
        <>
          <Text block>
            {t('sessionPage.average', {
              average: feedback.average?.toLocaleString(language === 'en' ? 'en-GB' : 'nl-NL'),
              count: feedback.count,
            })}
          </Text>
          <ul>
            {feedback.comments.map((c) => (
              <li key={c.at + c.comment}>
                <Badge appearance="tint">{c.rating}</Badge> {c.comment}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export default function SessionPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const { api, language } = useSession();
  const [session, setSession] = useState<SessionView | undefined>();
  const [error, setError] = useState('');
  const [notice, setNotice] = useState<Notice>(
    (location.state as { saved?: boolean } | null)?.saved
      ? { text: t('sessionPage.saved'), intent: 'success' }
      : undefined,
  );

  useEffect(() => {
    if (!id) return;
    api.get<SessionView>(`/sessions/${id}`).then(setSession, (e: unknown) => setError(errorText(e)));
  }, [api, id]);
  const onNotice = useCallback((n: Notice) => setNotice(n), []);

  if (error) return <ErrorMessage message={error} />;
  if (!session) return <Loading label={t('app.loading')} />;
  const s = session;
  return (
    <>
      <PageHeader title={s.title} intro={s.description || undefined}>
        <div className={styles.row}>
          <SessionStatus session={s} />
          {s.canManage && (
            <Button onClick={() => void navigate(`/sessions/${s.id}/edit`)}>{t('sessionPage.edit')}</Button>
          )}
        </div>
      </PageHeader>
      <NoticeBar notice={notice} />
      <dl className={styles.facts}>
        <dt>{t('sessionPage.type')}</dt>
        <dd>{t(`sessionTypes.${s.type}`, { defaultValue: s.type })}</dd>
        <dt>{t('sessionPage.when')}</dt>
        <dd>
          {formatDateTime(s.start, language)}–{timeOf(s.end, language)}
        </dd>
        <dt>{t('sessionPage.where')}</dt>
        <dd>
          {s.location ?? ''}
          {s.location && s.onlineMeetingUrl ? ' · ' : ''}
          {s.onlineMeetingUrl && <a href={s.onlineMeetingUrl}>{t('sessionPage.joinTeams')}</a>}
        </dd>
        {s.capacity !== null && (
          <>
            <dt>{t('sessionPage.placesHead')}</dt>
            <dd>
              {t('sessions.places', { left: s.counts.placesLeft ?? 0, capacity: s.capacity })}
              {s.counts.waitlisted ? ` · ${t('sessionPage.waiting', { count: s.counts.waitlisted })}` : ''}
            </dd>
          </>
        )}
      </dl>
      <SessionActions
        session={s}
        onChange={setSession}
        onMessage={(text, intent) => setNotice({ text, intent })}
      />
      {s.me.attendance === 'present' && (
        <section aria-labelledby="feedback">
          <SectionTitle id="feedback">{t('sessionPage.feedbackTitle')}</SectionTitle>
          {s.me.feedbackGiven ? (
            <Text>{t('sessionPage.feedbackGiven')}</Text>
          ) : (
            <FeedbackForm
              session={s}
              onDone={(next, text) => {
                setSession(next);
                setNotice({ text, intent: 'success' });
              }}
            />
          )}
        </section>
      )}
      {s.canManage && <OrganiserPanel session={s} onNotice={onNotice} />}
      <RouterFluentLink to="/sessions">{t('sessionPage.back')}</RouterFluentLink>
    </>
  );
}
