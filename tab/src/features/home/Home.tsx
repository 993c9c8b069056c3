import { Card, CardHeader, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient, Me, SessionSummary, TenderSummary } from '../../api/client.js';
import { formatDate, formatDateTime, formatEuro, type Language } from '../../i18n/index.js';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))', gap: tokens.spacingHorizontalXL },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: 0, listStyleType: 'none' },
});

export function Home({ me, api, language }: { me: Me; api: ApiClient; language: Language }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const [tenders, setTenders] = useState<TenderSummary[] | undefined>();
  const [sessions, setSessions] = useState<SessionSummary[] | undefined>();
  const [error, setError] = useState('');

  useEffect(() => {
    Promise.all([api.get<{ tenders: TenderSummary[] }>('/tenders'), api.get<{ sessions: SessionSummary[] }>('/sessions')]).then(
      ([tr, sr]) => {
        setTenders(tr.tenders);
        setSessions(sr.sessions);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [api]);

  const seesAll = me.roles.some((r) => r === 'mvi-admin' || r === 'buyer' || r === 'board');

  return (
    <>
      <Text as="h1" size={800} weight="semibold" block>
        {t('home.welcome', { name: me.displayName })}
      </Text>
      <Text block>{t('home.municipality', { municipality: me.municipality.name, department: me.department ?? '' })}</Text>
      <Text block>{t('home.roles', { roles: me.roles.join(', ') })}</Text>
      <section aria-labelledby="what-is-mvi">
        <Text as="h2" id="what-is-mvi" size={600} weight="semibold" block>
          {t('home.whatIsMvi')}
        </Text>
        <Text block>{t('home.whatIsMviText')}</Text>
      </section>
      {error && <Text role="alert">{t('errors.loadFailed', { message: error })}</Text>}
      <div className={styles.grid}>
        <section aria-labelledby="tenders-title">
          <Text as="h2" id="tenders-title" size={600} weight="semibold" block>
            {seesAll ? t('home.allTenders', { municipality: me.municipality.name }) : t('home.myTenders')}
          </Text>
          {!tenders && !error && <Spinner size="tiny" />}
          {tenders?.length === 0 && <Text>{t('home.noTenders')}</Text>}
          <ul className={styles.list}>
            {tenders?.map((tender) => (
              <li key={tender.reference}>
                <Card>
                  <CardHeader header={<Text weight="semibold">{`${tender.reference} · ${tender.title}`}</Text>} />
                  <Text>{t('home.kickoff', { date: formatDate(tender.kickoffDate, language) })}</Text>
                  {tender.estimatedValueEur !== undefined && <Text>{t('home.value', { value: formatEuro(tender.estimatedValueEur) })}</Text>}
                </Card>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="sessions-title">
          <Text as="h2" id="sessions-title" size={600} weight="semibold" block>
            {t('home.sessions')}
          </Text>
          {!sessions && !error && <Spinner size="tiny" />}
          {sessions?.length === 0 && <Text>{t('home.noSessions')}</Text>}
          <ul className={styles.list}>
            {sessions?.map((s) => (
              <li key={s.id}>
                <Card>
                  <CardHeader header={<Text weight="semibold">{s.title}</Text>} description={<Text>{t(`sessionTypes.${s.type}`, { defaultValue: s.type })}</Text>} />
                  <Text>{formatDateTime(s.start, language)}</Text>
                  {s.location && <Text>{s.location}</Text>}
                </Card>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
