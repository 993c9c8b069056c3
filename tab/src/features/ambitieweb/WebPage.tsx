/**
 * An Ambitieweb session: everyone of the municipality proposes a level per axis from their own
 * device and sees the others' proposals within a poll; the organiser settles each axis and
 * closes the session. The radar chart and the table beside it show the same numbers (the table
 * is what keyboard and screen reader users read). In a Teams meeting the organiser shares the
 * page to the stage; in a plain browser it works the same without that.
 */
import { Button, Field, Input, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { useSession } from '../../app/session.js';
import { ErrorMessage, Loading, PageHeader, SectionTitle, useTableClass } from '../../app/ui.js';
import { formatDate } from '../../i18n/index.js';
import { meetingStage, type MeetingStage } from './meeting.js';
import { webIdFor, type AmbitionWeb, type WebView } from './model.js';
import './texts.js';
import { usePolledWeb } from './usePolledWeb.js';
import type { RadarSeries } from './WebRadar.js';

const WebRadar = lazy(() => import('./WebRadar.js'));

const useStyles = makeStyles({
  layout: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(360px, 1fr))',
    gap: tokens.spacingHorizontalXL,
    alignItems: 'start',
  },
  chart: {
    backgroundColor: tokens.colorNeutralBackground1,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    minHeight: '400px',
    margin: 0,
  },
  axes: { display: 'grid', gap: tokens.spacingVerticalM, padding: 0, margin: 0, listStyleType: 'none' },
  axis: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    margin: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  reason: { minWidth: '240px', flexGrow: 1 },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

type Compare = 'none' | 'policy' | 'department';
const SCORES = ['0', '1', '2', '3'] as const;

export default function WebPage() {
  const styles = useStyles();
  const tableClass = useTableClass();
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { api, me, language } = useSession();
  const { view, error, accept } = usePolledWeb(api, id);
  const [status, setStatus] = useState('');
  const [actionError, setActionError] = useState('');
  const [compare, setCompare] = useState<Compare>('none');
  const [other, setOther] = useState<AmbitionWeb | null | undefined>();
  const [stage, setStage] = useState<MeetingStage | undefined>();

  useEffect(() => {
    void meetingStage().then(setStage, () => setStage(undefined));
  }, []);

  useEffect(() => {
    if (compare === 'none') return setOther(undefined);
    const otherId =
      compare === 'policy' ? 'policy' : webIdFor({ kind: 'department', name: me.department ?? '' });
    api.get<WebView>(`/ambitiewebs/${encodeURIComponent(otherId)}`).then(
      (v) => setOther(v.web.state === 'settled' ? v.web : null),
      () => setOther(null),
    );
  }, [api, compare, me.department]);

  const act = async (fn: () => Promise<WebView>, done: string): Promise<void> => {
    setActionError('');
    try {
      accept(await fn());
      setStatus(done);
    } catch (e) {
      setActionError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
    }
  };

  const names = useMemo(
    () => new Map(view?.web.participants.map((p) => [p.userId, p.displayName]) ?? []),
    [view?.web.participants],
  );

  if (error && !view) return <ErrorMessage message={error} />;
  if (!view) return <Loading label={t('app.loading')} />;
  const { web, summary, permissions } = view;
  const owner = web.owner;
  const title =
    owner.kind === 'tender'
      ? t('ambitieweb.titleFor.tender', { reference: owner.reference })
      : owner.kind === 'department'
        ? t('ambitieweb.titleFor.department', { name: owner.name })
        : t('ambitieweb.titleFor.policy');
  const scoreText = (score: number | undefined | null): string =>
    score === undefined || score === null ? '–' : t(`ambitieweb.scores.${score}`);
  const mine = (axisId: string) => web.proposals.find((p) => p.axisId === axisId && p.userId === me.id);
  const totalProposals = web.proposals.length;

  const series: RadarSeries[] = [
    {
      legend: t('ambitieweb.seriesSettled'),
      values: web.axes.map((a) => web.scores[a.id]?.score ?? 0),
      color: tokens.colorBrandBackground,
    },
    ...(web.state === 'open'
      ? [
          {
            legend: t('ambitieweb.seriesMedian'),
            values: summary.map((s) => s.median ?? 0),
            color: tokens.colorPaletteDarkOrangeBorderActive,
          },
        ]
      : []),
    ...(other
      ? [
          {
            legend:
              compare === 'policy'
                ? t('ambitieweb.comparePolicy')
                : t('ambitieweb.compareDepartment', { name: me.department }),
            values: web.axes.map((a) => other.scores[a.id]?.score ?? 0),
            color: tokens.colorPaletteGreenBorderActive,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader title={title} intro={t('ambitieweb.intro')}>
        <Text>
          {web.state === 'open'
            ? t('ambitieweb.stateOpen')
            : t('ambitieweb.stateSettled', { date: formatDate(web.settledAt ?? web.createdAt, language) })}
        </Text>
        <Text>
          {t('ambitieweb.participants', { count: web.participants.length })}:{' '}
          {web.participants.map((p) => p.displayName).join(', ')}
        </Text>
      </PageHeader>
      <div role="status" aria-live="polite">
        {status && <Text block>{status}</Text>}
        {web.state === 'open' && (
          <Text size={200} block>
            {t('ambitieweb.newProposals', { count: totalProposals })}
          </Text>
        )}
      </div>
      {actionError && <ErrorMessage message={actionError} />}
      {error && <ErrorMessage message={error} />}
      <div className={styles.row}>
        <Field label={t('ambitieweb.compareWith')}>
          <Select value={compare} onChange={(_, d) => setCompare(d.value as Compare)}>
            <option value="none">{t('ambitieweb.compareNone')}</option>
            {owner.kind !== 'policy' && <option value="policy">{t('ambitieweb.comparePolicy')}</option>}
            {me.department && owner.kind !== 'department' && (
              <option value="department">{t('ambitieweb.compareDepartment', { name: me.department })}</option>
            )}
          </Select>
        </Field>
        {stage && (
          <Button
            onClick={() =>
              void stage.share(window.location.href).then(
                () => setStatus(t('ambitieweb.shared')),
                (e: Error) => setActionError(e.message),
              )
            }
          >
            {t('ambitieweb.shareToStage')}
          </Button>
        )}
      </div>
      {other === null && <Text block>{t('ambitieweb.compareMissing')}</Text>}
      <div className={styles.layout}>
        <figure className={styles.chart} aria-label={t('ambitieweb.chartTitle')}>
          <Suspense fallback={<Loading label={t('app.loading')} />}>
            <WebRadar
              title={t('ambitieweb.chartTitle')}
              axes={web.axes.map((a) => a.name[language])}
              series={series}
              culture={language === 'en' ? 'en-GB' : 'nl-NL'}
            />
          </Suspense>
        </figure>
        <table className={tableClass}>
          <caption>{t('ambitieweb.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ambitieweb.axis')}</th>
              {web.state === 'open' && <th scope="col">{t('ambitieweb.proposals')}</th>}
              {web.state === 'open' && <th scope="col">{t('ambitieweb.median')}</th>}
              <th scope="col">{t('ambitieweb.settled')}</th>
              {other && <th scope="col">{t('ambitieweb.compare')}</th>}
            </tr>
          </thead>
          <tbody>
            {web.axes.map((axis, i) => {
              const s = summary[i];
              const proposals = web.proposals.filter((p) => p.axisId === axis.id);
              const settled = web.scores[axis.id];
              return (
                <tr key={axis.id}>
                  <th scope="row">{axis.name[language]}</th>
                  {web.state === 'open' && (
                    <td>
                      {proposals.length === 0 ? (
                        t('ambitieweb.noProposals')
                      ) : (
                        <ul className={styles.list}>
                          {proposals.map((p) => (
                            <li key={p.userId}>
                              {t('ambitieweb.by', { name: names.get(p.userId) ?? p.userId, level: p.level })}
                              {p.reason ? ` — ${p.reason}` : ''}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  )}
                  {web.state === 'open' && <td className="n">{s?.median ?? '–'}</td>}
                  <td>
                    {scoreText(settled?.score)}
                    {settled?.reason ? ` — ${settled.reason}` : ''}
                  </td>
                  {other && <td>{scoreText(other.scores[axis.id]?.score)}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {web.state === 'open' && permissions.propose && (
        <>
          <SectionTitle>{t('ambitieweb.proposeSection')}</SectionTitle>
          <ul className={styles.axes}>
            {web.axes.map((axis) => (
              <li key={axis.id}>
                <AxisForm
                  legend={axis.name[language]}
                  description={axis.description[language]}
                  levelLabel={t('ambitieweb.level')}
                  submit={t('ambitieweb.propose')}
                  initial={mine(axis.id)}
                  onSubmit={(level, reason) =>
                    act(
                      () =>
                        api.send<WebView>('POST', `/ambitiewebs/${encodeURIComponent(web.id)}/proposals`, {
                          axisId: axis.id,
                          level,
                          ...(reason ? { reason } : {}),
                        }),
                      t('ambitieweb.proposed', { axis: axis.name[language] }),
                    )
                  }
                />
              </li>
            ))}
          </ul>
        </>
      )}
      {web.state === 'open' && permissions.settle && (
        <>
          <SectionTitle>{t('ambitieweb.settleSection')}</SectionTitle>
          <ul className={styles.axes}>
            {web.axes.map((axis, i) => (
              <li key={axis.id}>
                <AxisForm
                  legend={t('ambitieweb.settleLegend', { axis: axis.name[language] })}
                  levelLabel={t('ambitieweb.settleLevel')}
                  submit={t('ambitieweb.settle')}
                  initial={settleInitial(web.scores[axis.id], summary[i]?.median)}
                  onSubmit={(score, reason) =>
                    act(
                      () =>
                        api.send<WebView>('POST', `/ambitiewebs/${encodeURIComponent(web.id)}/scores`, {
                          axisId: axis.id,
                          score,
                          ...(reason ? { reason } : {}),
                        }),
                      t('ambitieweb.settledDone', { axis: axis.name[language], score: scoreText(score) }),
                    )
                  }
                />
              </li>
            ))}
          </ul>
          <Button
            appearance="primary"
            onClick={() =>
              void act(
                () => api.send<WebView>('POST', `/ambitiewebs/${encodeURIComponent(web.id)}/close`, {}),
                t('ambitieweb.closed'),
              )
            }
          >
            {t('ambitieweb.close')}
          </Button>
        </>
      )}
    </>
  );
}

/** The settle form starts at the settled score, else at the proposals' median (rounded). */
function settleInitial(
  settled: AmbitionWeb['scores'][string] | undefined,
  median: number | null | undefined,
): { level: Score; reason?: string | undefined } | undefined {
  if (settled) return { level: settled.score, reason: settled.reason };
  return median === null || median === undefined ? undefined : { level: Math.round(median) as Score };
}

type Score = 0 | 1 | 2 | 3;

function AxisForm({
  legend,
  description,
  levelLabel,
  submit,
  initial,
  onSubmit,
}: {
  legend: string;
  description?: string;
  levelLabel: string;
  submit: string;
  initial: { level: 0 | 1 | 2 | 3; reason?: string | undefined } | undefined;
  onSubmit: (level: 0 | 1 | 2 | 3, reason: string) => Promise<void>;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const [level, setLevel] = useState<string>(initial ? String(initial.level) : '');
  const [reason, setReason] = useState(initial?.reason ?? '');
  const [busy, setBusy] = useState(false);
  const send = (event: FormEvent): void => {
    event.preventDefault();
    if (level === '') return;
    setBusy(true);
    void onSubmit(Number(level) as 0 | 1 | 2 | 3, reason.trim()).finally(() => setBusy(false));
  };
  return (
    <form onSubmit={send}>
      <fieldset className={styles.axis}>
        <legend className={styles.legend}>{legend}</legend>
        {description && (
          <Text block size={200} style={{ flexBasis: '100%' }}>
            {description}
          </Text>
        )}
        <Field label={levelLabel} required>
          <Select value={level} onChange={(_, d) => setLevel(d.value)} required>
            <option value="" disabled>
              –
            </option>
            {SCORES.map((s) => (
              <option key={s} value={s}>
                {t(`ambitieweb.scores.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('ambitieweb.reason')} className={styles.reason}>
          <Input value={reason} maxLength={280} onChange={(_, d) => setReason(d.value)} />
        </Field>
        <Button type="submit" disabled={busy || level === ''}>
          {submit}
        </Button>
      </fieldset>
    </form>
  );
}
