import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isAdmin, useSession } from '../../app/session.js';
import {
  ErrorMessage,
  Loading,
  PageHeader,
  RouterFluentLink,
  SectionTitle,
  useTableClass,
} from '../../app/ui.js';
import { formatDate } from '../../i18n/index.js';
import { errorText } from './actions.js';
import type { ReachReport } from './model.js';
import { NoticeBar, type Notice } from './Sessions.js';

const ReachChart = lazy(() => import('./ReachChart.js'));

const useStyles = makeStyles({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'flex-end',
    marginBottom: tokens.spacingVerticalL,
  },
  totals: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))',
    gap: tokens.spacingHorizontalM,
    padding: 0,
    margin: 0,
    listStyleType: 'none',
  },
  total: {
    display: 'flex',
    flexDirection: 'column',
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
  },
  number: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold },
  chart: {
    backgroundColor: tokens.colorNeutralBackground1,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    minHeight: '320px',
  },
  tables: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))',
    gap: tokens.spacingHorizontalXL,
  },
});

type Range = { from: string; to: string };

export default function ReachPage() {
  const styles = useStyles();
  const tableClass = useTableClass();
  const { t } = useTranslation();
  const { api, me, language } = useSession();
  // The server picks the default period (the last twelve months by its clock) and says which.
  const [range, setRange] = useState<Range>({ from: '', to: '' });
  const [report, setReport] = useState<(ReachReport & { range: Range }) | undefined>();
  const [error, setError] = useState('');
  const [notice, setNotice] = useState<Notice>();

  const load = useCallback(
    (r: Range | undefined) => {
      setError('');
      api
        .get<ReachReport & { range: Range }>(
          r ? `/reports/reach?from=${r.from}&to=${r.to}` : '/reports/reach',
        )
        .then(
          (next) => {
            setReport(next);
            setRange(next.range);
          },
          (e: unknown) => setError(errorText(e)),
        );
    },
    [api],
  );
  useEffect(() => load(undefined), [load]);

  if (!isAdmin(me)) return <ErrorMessage message={t('reach.onlyAdmin')} />;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    load(range);
  };
  const download = async (format: 'csv' | 'xlsx'): Promise<void> => {
    try {
      const name = await api.download(
        'GET',
        `/reports/reach/export?format=${format}&from=${range.from}&to=${range.to}`,
      );
      setNotice({ text: t('reach.downloaded', { file: name }), intent: 'success' });
    } catch (e) {
      setNotice({ text: errorText(e), intent: 'error' });
    }
  };
  const number = (n: number | null): string =>
    n === null ? '—' : n.toLocaleString(language === 'en' ? 'en-GB' : 'nl-NL');

  return (
    <>
      <PageHeader title={t('reach.title')} intro={t('reach.intro')} />
      <form className={styles.toolbar} onSubmit={submit} aria-label={t('reach.period')}>
        <Field label={t('reach.from')}>
          <Input type="date" value={range.from} onChange={(_, d) => setRange({ ...range, from: d.value })} />
        </Field>
        <Field label={t('reach.to')}>
          <Input type="date" value={range.to} onChange={(_, d) => setRange({ ...range, to: d.value })} />
        </Field>
        <Button type="submit">{t('reach.show')}</Button>
        <Button onClick={() => void download('csv')}>{t('reach.csv')}</Button>
        <Button onClick={() => void download('xlsx')}>{t('reach.xlsx')}</Button>
        <RouterFluentLink to="/sessions/privacy">{t('sessions.privacyLink')}</RouterFluentLink>
      </form>
      <NoticeBar notice={notice} />
      {error && <ErrorMessage message={error} />}
      {!report && !error && <Loading label={t('app.loading')} />}
      {report && (
        <>
          <Text block>
            {t('reach.periodText', {
              from: formatDate(report.range.from, language),
              to: formatDate(report.range.to, language),
            })}
          </Text>
          <ul className={styles.totals} aria-label={t('reach.totals')}>
            {(
              [
                ['sessions', report.totals.sessions],
                ['attendances', report.totals.attendances],
                ['uniquePeople', report.totals.uniquePeople],
                ['repeatPeople', report.totals.repeatPeople],
                ['averageRating', report.totals.averageRating],
              ] as const
            ).map(([key, value]) => (
              <li key={key} className={styles.total}>
                <span className={styles.number}>{number(value)}</span>
                <span>{t(`reach.total.${key}`)}</span>
              </li>
            ))}
          </ul>
          {report.totals.anonymousAttendances > 0 && (
            <Text block>{t('reach.anonymous', { count: report.totals.anonymousAttendances })}</Text>
          )}
          <SectionTitle id="over-time">{t('reach.overTime')}</SectionTitle>
          <div className={styles.chart}>
            {report.months.length === 0 ? (
              <Text>{t('reach.noData')}</Text>
            ) : (
              <Suspense fallback={<Loading label={t('reach.chartLoading')} />}>
                <ReachChart months={report.months} language={language} />
              </Suspense>
            )}
          </div>
          <div className={styles.tables}>
            <table className={tableClass}>
              <caption>{t('reach.perMonth')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reach.month')}</th>
                  <th scope="col" className="n">
                    {t('reach.attendances')}
                  </th>
                  <th scope="col" className="n">
                    {t('reach.newPeople')}
                  </th>
                  <th scope="col" className="n">
                    {t('reach.cumulative')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{m.month}</th>
                    <td className="n">{m.attendances}</td>
                    <td className="n">{m.newPeople}</td>
                    <td className="n">{m.cumulativePeople}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {(['departments', 'municipalities'] as const).map((group) => (
              <table key={group} className={tableClass}>
                <caption>{t(`reach.${group}`)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t(`reach.${group}Key`)}</th>
                    <th scope="col" className="n">
                      {t('reach.people')}
                    </th>
                    <th scope="col" className="n">
                      {t('reach.attendances')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report[group].map((g) => (
                    <tr key={g.key}>
                      <th scope="row">{g.key || t('reach.unknown')}</th>
                      <td className="n">{g.people}</td>
                      <td className="n">{g.attendances}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
            <table className={tableClass}>
              <caption>{t('reach.repeat')}</caption>
              <tbody>
                <tr>
                  <th scope="row">{t('reach.once')}</th>
                  <td className="n">{report.repeat.once}</td>
                </tr>
                <tr>
                  <th scope="row">{t('reach.twice')}</th>
                  <td className="n">{report.repeat.twice}</td>
                </tr>
                <tr>
                  <th scope="row">{t('reach.threeOrMore')}</th>
                  <td className="n">{report.repeat.threeOrMore}</td>
                </tr>
              </tbody>
            </table>
          </div>
          <SectionTitle id="per-session">{t('reach.perSession')}</SectionTitle>
          <table className={tableClass}>
            <caption>{t('reach.perSession')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reach.session')}</th>
                <th scope="col">{t('reach.date')}</th>
                <th scope="col" className="n">
                  {t('reach.registered')}
                </th>
                <th scope="col" className="n">
                  {t('reach.present')}
                </th>
                <th scope="col" className="n">
                  {t('reach.noShow')}
                </th>
                <th scope="col" className="n">
                  {t('reach.rating')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.sessions.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <RouterFluentLink to={`/sessions/${s.id}`}>{s.title}</RouterFluentLink>
                  </th>
                  <td>{formatDate(s.start, language)}</td>
                  <td className="n">{s.registered}</td>
                  <td className="n">{s.present}</td>
                  <td className="n">{s.noShow}</td>
                  <td className="n">{number(s.averageRating)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
