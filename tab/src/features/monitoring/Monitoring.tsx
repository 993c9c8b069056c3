/**
 * MVI monitoring for the MVI team, the board and buyers: which tenders applied which themes
 * and criteria, social return, realisation, reach of the sessions, and progress against the
 * municipality's goals; with the board's report as a Word document and a CSV per tender.
 */
import {
  Badge,
  Button,
  Field,
  ProgressBar,
  Select,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  NO_MVI_REASON_LABELS,
  REALISATIONS,
  REALISATION_LABELS,
} from '../../../../core/src/monitoring/record.js';
import { MONITORING_READERS, REGION_READERS } from '../../../../core/src/monitoring/access.js';
import type { MonitoringReport } from '../../../../core/src/monitoring/report.js';
import { useSession } from '../../app/session.js';
import {
  ErrorMessage,
  Loading,
  PageHeader,
  RouterFluentLink,
  SectionTitle,
  useTableClass,
} from '../../app/ui.js';
import { formatDate, formatEuro } from '../../i18n/index.js';
import { errorText } from '../sessions/actions.js';
import { NoticeBar, type Notice } from '../sessions/Sessions.js';
import { HeadlineTable } from './HeadlineTable.js';
import { RegionSection } from './Region.js';
import { RegionGroupsSection } from '../neighbours/RegionGroups.js';
import { ThemeAmbitionTable, type YearAmbition } from '../ambitieweb/ThemeAmbition.js';
import { hasAnyRole } from '../../../../core/src/identity.js';

const useStyles = makeStyles({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'flex-end',
    marginBottom: tokens.spacingVerticalL,
  },
  tiles: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))',
    gap: tokens.spacingHorizontalM,
    padding: 0,
    margin: 0,
    listStyleType: 'none',
  },
  tile: {
    display: 'flex',
    flexDirection: 'column',
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
  },
  number: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold },
  goals: { display: 'grid', gap: tokens.spacingVerticalL, maxWidth: '720px' },
  goalHead: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  tables: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(300px, 1fr))',
    gap: tokens.spacingHorizontalXL,
    alignItems: 'start',
    marginTop: tokens.spacingVerticalL,
  },
  bar: {
    height: '8px',
    backgroundColor: tokens.colorBrandBackground,
    borderRadius: tokens.borderRadiusSmall,
    minWidth: '2px',
  },
  wide: { overflowX: 'auto' },
});

export default function MonitoringPage() {
  const styles = useStyles();
  const tableClass = useTableClass();
  const { t } = useTranslation();
  const { api, me, language } = useSession();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [report, setReport] = useState<(MonitoringReport & { ambitieweb?: YearAmbition }) | undefined>();
  const [error, setError] = useState('');
  const [notice, setNotice] = useState<Notice>();
  const allowed = hasAnyRole(me.roles, MONITORING_READERS);

  const load = useCallback(
    (y: number) => {
      setError('');
      setReport(undefined);
      api
        .get<MonitoringReport>(`/monitoring?year=${y}`)
        .then(setReport, (e: unknown) => setError(errorText(e)));
    },
    [api],
  );
  useEffect(() => {
    if (allowed) load(year);
  }, [allowed, load, year]);

  if (!allowed) return <ErrorMessage message={t('monitoring.notAllowed')} />;
  const download = async (format: 'docx' | 'csv'): Promise<void> => {
    try {
      const name = await api.download('GET', `/monitoring/export?format=${format}&year=${year}`);
      setNotice({ text: t('monitoring.downloaded', { file: name }), intent: 'success' });
    } catch (e) {
      setNotice({ text: errorText(e), intent: 'error' });
    }
  };
  const number = (n: number): string => n.toLocaleString(language === 'en' ? 'en-GB' : 'nl-NL');
  const percent = (n: number | null): string => (n === null ? '—' : `${number(n)} %`);
  const years = Array.from({ length: 6 }, (_, i) => thisYear + 1 - i);
  const maxThemeTenders = Math.max(1, ...(report?.themes.map((x) => x.tenders) ?? []));
  const themeName = new Map(report?.themes.map((x) => [x.theme, x.name]));

  return (
    <>
      <PageHeader title={t('monitoring.title')} intro={t('monitoring.intro')} />
      <div className={styles.toolbar}>
        <Field label={t('monitoring.year')}>
          <Select value={String(year)} onChange={(_, d) => setYear(Number(d.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </Field>
        <Button appearance="primary" onClick={() => void download('docx')}>
          {t('monitoring.docx')}
        </Button>
        <Button onClick={() => void download('csv')}>{t('monitoring.csv')}</Button>
      </div>
      <NoticeBar notice={notice} />
      {error && <ErrorMessage message={error} />}
      {!report && !error && <Loading label={t('app.loading')} />}
      {report && (
        <>
          <ul className={styles.tiles} aria-label={t('monitoring.summary', { year: report.year })}>
            <li className={styles.tile}>
              <span className={styles.number}>{number(report.tenders.total)}</span>
              <span>{t('monitoring.tiles.tenders')}</span>
            </li>
            <li className={styles.tile}>
              <span className={styles.number}>{number(report.tenders.withMvi)}</span>
              <span>{t('monitoring.tiles.withMvi', { recorded: report.tenders.recorded })}</span>
            </li>
            <li className={styles.tile}>
              <span className={styles.number}>{formatEuro(report.tenders.valueWithMviEur)}</span>
              <span>
                {t('monitoring.tiles.valueWithMvi', { total: formatEuro(report.tenders.totalValueEur) })}
              </span>
            </li>
            <li className={styles.tile}>
              <span className={styles.number}>{formatEuro(report.socialReturn.committedEur)}</span>
              <span>{t('monitoring.tiles.socialReturn', { count: report.socialReturn.applied })}</span>
            </li>
            <li className={styles.tile}>
              <span className={styles.number}>{number(report.reach?.people ?? 0)}</span>
              <span>{t('monitoring.tiles.reach', { count: report.reach?.sessions ?? 0 })}</span>
            </li>
          </ul>

          <SectionTitle id="goals">{t('monitoring.goals')}</SectionTitle>
          <div className={styles.goals}>
            {report.goals.map((g) => (
              <Field
                key={g.id}
                label={
                  <span className={styles.goalHead}>
                    {g.label}
                    <Badge
                      appearance="tint"
                      color={g.met === null ? 'informative' : g.met ? 'success' : 'warning'}
                    >
                      {g.met === null
                        ? t('monitoring.goalNone')
                        : g.met
                          ? t('monitoring.goalMet')
                          : t('monitoring.goalNotMet')}
                    </Badge>
                  </span>
                }
                hint={t('monitoring.goalHint', {
                  actual: percent(g.actual),
                  target: percent(g.target),
                  count: g.counted,
                })}
              >
                <ProgressBar
                  value={g.actual === null ? 0 : Math.min(1, g.actual / Math.max(1, g.target))}
                  thickness="large"
                  color={g.met ? 'success' : 'brand'}
                />
              </Field>
            ))}
          </div>

          {report.trend && report.trend.length > 1 && (
            <>
              <SectionTitle id="trend">{t('monitoring.trend.title')}</SectionTitle>
              <Text as="p">{t('monitoring.trend.intro', { year: report.year })}</Text>
              <HeadlineTable
                caption={t('monitoring.trend.caption', { year: report.year })}
                firstColumn={t('monitoring.trend.year')}
                percent={percent}
                rows={report.trend.map((y) => ({
                  key: String(y.year),
                  head: String(y.year),
                  figures: y,
                  current: y.year === report.year,
                }))}
              />
            </>
          )}

          <SectionTitle id="themes">{t('monitoring.themes')}</SectionTitle>
          <div className={styles.wide}>
            <table className={tableClass}>
              <caption>{t('monitoring.perTheme')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('monitoring.theme')}</th>
                  <th scope="col" className="n">
                    {t('monitoring.tenders')}
                  </th>
                  <th scope="col" className="n">
                    {t('monitoring.criteria')}
                  </th>
                  <th scope="col" aria-hidden="true" />
                </tr>
              </thead>
              <tbody>
                {report.themes.map((x) => (
                  <tr key={x.theme}>
                    <th scope="row">
                      <RouterFluentLink to={`/themes/${x.theme}`}>{x.name}</RouterFluentLink>
                    </th>
                    <td className="n">{x.tenders}</td>
                    <td className="n">{x.criteria}</td>
                    <td aria-hidden="true" style={{ width: '40%' }}>
                      <div
                        className={styles.bar}
                        style={{ width: `${(100 * x.tenders) / maxThemeTenders}%` }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className={styles.wide}>
            <ThemeAmbitionTable overview={report.ambitieweb} recorded={report.themes} />
          </div>
          <div className={styles.tables}>
            <table className={tableClass}>
              <caption>{t('monitoring.kinds')}</caption>
              <tbody>
                {Object.entries(report.criterionTypes).map(([k, n]) => (
                  <tr key={k}>
                    <th scope="row">{t(`types.${k}`)}</th>
                    <td className="n">{n}</td>
                  </tr>
                ))}
                {Object.entries(report.ambitions).map(([k, n]) => (
                  <tr key={k}>
                    <th scope="row">{t('monitoring.ambition', { level: t(`ambitions.${k}`) })}</th>
                    <td className="n">{n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className={tableClass}>
              <caption>{t('monitoring.realisation')}</caption>
              <tbody>
                {REALISATIONS.map((k) => (
                  <tr key={k}>
                    <th scope="row">{REALISATION_LABELS[k][language]}</th>
                    <td className="n">{report.realisation[k]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <SectionTitle id="tenders">{t('monitoring.tenders')}</SectionTitle>
          {report.rows.length === 0 ? (
            <Text>{t('monitoring.noTenders', { year: report.year })}</Text>
          ) : (
            <div className={styles.wide}>
              <table className={tableClass}>
                <caption>{t('monitoring.tendersOfYear', { year: report.year })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('tenders.reference')}</th>
                    <th scope="col">{t('tenders.tenderTitle')}</th>
                    <th scope="col">{t('monitoring.kickoff')}</th>
                    <th scope="col" className="n">
                      {t('monitoring.value')}
                    </th>
                    <th scope="col">{t('monitoring.required')}</th>
                    <th scope="col" className="n">
                      {t('monitoring.criteria')}
                    </th>
                    <th scope="col">{t('monitoring.themes')}</th>
                    <th scope="col" className="n">
                      {t('monitoring.socialReturn')}
                    </th>
                    <th scope="col">{t('monitoring.realisation')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rows.map((r) => (
                    <tr key={r.reference}>
                      <th scope="row">
                        <RouterFluentLink to={`/tenders/${encodeURIComponent(r.reference)}`}>
                          {r.reference}
                        </RouterFluentLink>
                      </th>
                      <td>{r.title}</td>
                      <td>{formatDate(r.kickoffDate, language)}</td>
                      <td className="n">
                        {r.estimatedValueEur === null ? '—' : formatEuro(r.estimatedValueEur)}
                      </td>
                      <td>
                        {r.mviRequired === null
                          ? t('monitoring.unknown')
                          : r.mviRequired
                            ? t('monitoring.yes')
                            : t('monitoring.no')}
                      </td>
                      <td className="n">{r.recorded ? r.appliedCriteria : t('monitoring.notRecorded')}</td>
                      <td>
                        {r.themes.map((id) => themeName.get(id) ?? id).join(', ') ||
                          (r.noMviReason ? NO_MVI_REASON_LABELS[r.noMviReason][language] : '—')}
                      </td>
                      <td className="n">
                        {r.socialReturnPercentage === null ? '—' : `${r.socialReturnPercentage} %`}
                      </td>
                      <td>{r.realisation ? REALISATION_LABELS[r.realisation][language] : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {hasAnyRole(me.roles, REGION_READERS) && <RegionSection year={year} percent={percent} />}
      {hasAnyRole(me.roles, REGION_READERS) && <RegionGroupsSection percent={percent} />}
    </>
  );
}
