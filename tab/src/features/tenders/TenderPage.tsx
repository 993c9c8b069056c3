import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Advice } from '../../../../core/src/engine/advise.js';
import type { TenderSummary } from '../../api/client.js';
import { useSession } from '../../app/session.js';
import { ErrorMessage, Loading, PageHeader, SectionTitle, useTableClass } from '../../app/ui.js';
import { formatDate, formatDateTime, formatEuro } from '../../i18n/index.js';
import { AdviceView } from '../advice/Advice.js';
import type { TenderMvi } from '../../../../core/src/monitoring/record.js';
import { MviRecordSection } from './MviRecord.js';
import { TenderWebSection } from '../ambitieweb/TenderWeb.js';

interface NudgeRow {
  stage: 'prepare' | 'criteria' | 'kickoff';
  recipient: { role: string; displayName: string | null; upn?: string | null };
  status: string;
  dueAt: string;
  deliveredAt: string | null;
  reason: string | null;
  attempts?: number;
  channels?: Record<string, { status: string } | undefined>;
  lastError?: { message?: string; status?: number } | null;
}

interface TenderDetail {
  tender: TenderSummary & { status: string; publicationDate?: string; mvi?: TenderMvi; updatedAt?: string };
  advice: Advice;
  nudges: NudgeRow[];
  snoozedUntil: string | null;
  permissions: { edit: boolean; snooze: boolean; seeDelivery: boolean; recordMvi: boolean };
}

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
});

export default function TenderPage() {
  const styles = useStyles();
  const tableClass = useTableClass();
  const { t } = useTranslation();
  const { reference = '' } = useParams();
  const { api, language } = useSession();
  const [detail, setDetail] = useState<TenderDetail | undefined>();
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [until, setUntil] = useState('');

  const load = useCallback(() => {
    api
      .get<TenderDetail>(`/tenders/${encodeURIComponent(reference)}`)
      .then(setDetail, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [api, reference]);
  useEffect(load, [load]);

  const act = async (fn: () => Promise<unknown>, message?: string): Promise<void> => {
    setError('');
    try {
      await fn();
      if (message) setStatus(message);
      load();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  if (error && !detail) return <ErrorMessage message={error} />;
  if (!detail) return <Loading label={t('app.loading')} />;
  const { tender, permissions } = detail;
  const path = `/tenders/${encodeURIComponent(reference)}`;
  return (
    <>
      <PageHeader title={`${tender.reference} · ${tender.title}`} intro={tender.description}>
        <Text>{t('home.kickoff', { date: formatDate(tender.kickoffDate, language) })}</Text>
        {tender.estimatedValueEur !== undefined && (
          <Text>{t('home.value', { value: formatEuro(tender.estimatedValueEur) })}</Text>
        )}
      </PageHeader>
      <div role="status" aria-live="polite">
        {status && <Text>{status}</Text>}
      </div>
      {error && <ErrorMessage message={error} />}
      {permissions.edit && tender.status !== 'archived' && (
        <Button
          onClick={() => void act(() => api.send('POST', `${path}/archive`, {}), t('tenders.archivedDone'))}
        >
          {t('tenders.archive')}
        </Button>
      )}
      <TenderWebSection reference={tender.reference} advice={detail.advice} />
      <SectionTitle id="nudges-title">{t('tenders.nudges')}</SectionTitle>
      {detail.snoozedUntil && (
        <Text block>{t('tenders.snoozedUntil', { date: formatDate(detail.snoozedUntil, language) })}</Text>
      )}
      {permissions.snooze && (
        <div className={styles.row}>
          <Field label={t('tenders.snooze')}>
            <Input type="date" value={until} onChange={(_, d) => setUntil(d.value)} />
          </Field>
          <Button
            disabled={!until}
            onClick={() => void act(() => api.send('PUT', `${path}/snooze`, { until }))}
          >
            {t('tenders.snoozeSave')}
          </Button>
          {detail.snoozedUntil && (
            <Button onClick={() => void act(() => api.send('PUT', `${path}/snooze`, { until: null }))}>
              {t('tenders.resume')}
            </Button>
          )}
        </div>
      )}
      <table className={tableClass} aria-labelledby="nudges-title">
        <thead>
          <tr>
            <th scope="col">{t('tenders.stage')}</th>
            <th scope="col">{t('tenders.recipient')}</th>
            <th scope="col">{t('tenders.due')}</th>
            <th scope="col">{t('tenders.status')}</th>
            {permissions.seeDelivery && <th scope="col">{t('tenders.channels')}</th>}
            {permissions.seeDelivery && <th scope="col">{t('tenders.lastError')}</th>}
          </tr>
        </thead>
        <tbody>
          {detail.nudges.map((n) => (
            <tr key={`${n.stage}-${n.recipient.role}`}>
              <td>{t(`tenders.stages.${n.stage}`)}</td>
              <td>{n.recipient.displayName ?? n.recipient.upn ?? n.recipient.role}</td>
              <td>{formatDateTime(n.dueAt, language)}</td>
              <td>
                {t(`tenders.statuses.${n.status}`, { defaultValue: n.status })}
                {n.reason ? ` (${n.reason})` : ''}
                {n.deliveredAt ? ` · ${formatDateTime(n.deliveredAt, language)}` : ''}
                {permissions.seeDelivery && n.status === 'failed' && (
                  <Button
                    size="small"
                    onClick={() => void act(() => api.send('POST', `${path}/nudges/${n.stage}/retry`, {}))}
                  >
                    {t('tenders.retry')}
                  </Button>
                )}
              </td>
              {permissions.seeDelivery && (
                <td>
                  {Object.entries(n.channels ?? {})
                    .map(([channel, state]) => `${channel}: ${state?.status ?? '-'}`)
                    .join(', ')}
                  {n.attempts !== undefined ? ` · ${t('tenders.attempts')}: ${n.attempts}` : ''}
                </td>
              )}
              {permissions.seeDelivery && <td>{n.lastError?.message ?? ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <MviRecordSection
        key={tender.mvi?.recordedAt ?? 'new'}
        path={path}
        advice={detail.advice}
        record={tender.mvi}
        canEdit={permissions.recordMvi}
        onSaved={(message) => {
          setStatus(message);
          load();
        }}
      />
      <AdviceView advice={detail.advice} />
    </>
  );
}
