import { Button, Card, CardHeader, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SessionSummary, TenderSummary } from '../../api/client.js';
import { TenderCard } from '../../app/domain-ui.js';
import { useSession } from '../../app/session.js';
import { ErrorMessage, RouterFluentLink, SectionTitle } from '../../app/ui.js';
import { useCatalogue } from '../../data/catalogue.js';
import { formatDateTime } from '../../i18n/index.js';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(300px, 1fr))',
    gap: tokens.spacingHorizontalXL,
  },
  themes: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))',
    gap: tokens.spacingHorizontalM,
    padding: 0,
    listStyleType: 'none',
  },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: 0,
    listStyleType: 'none',
  },
  cta: { marginTop: tokens.spacingVerticalM },
});

export default function Home() {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { api, me, language } = useSession();
  const catalogue = useCatalogue();
  const [tenders, setTenders] = useState<TenderSummary[] | undefined>();
  const [sessions, setSessions] = useState<SessionSummary[] | undefined>();
  const [error, setError] = useState('');

  useEffect(() => {
    Promise.all([
      api.get<{ tenders: TenderSummary[] }>('/tenders'),
      api.get<{ sessions: SessionSummary[] }>('/sessions'),
    ]).then(
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
      <Text block>
        {t('home.municipality', { municipality: me.municipality.name, department: me.department ?? '' })}
      </Text>
      <section aria-labelledby="what-is-mvi">
        <SectionTitle id="what-is-mvi">{t('home.whatIsMvi')}</SectionTitle>
        <Text block>{t('home.whatIsMviText')}</Text>
        <Button className={styles.cta} appearance="primary" onClick={() => void navigate('/advice')}>
          {t('home.startAdvice')}
        </Button>
      </section>
      <section aria-labelledby="themes-title">
        <SectionTitle id="themes-title">{t('home.themes')}</SectionTitle>
        <ul className={styles.themes}>
          {catalogue.themes.map((theme) => (
            <li key={theme.id}>
              <Card>
                <CardHeader
                  header={
                    <RouterFluentLink to={`/themes/${theme.id}`}>{theme.name[language]}</RouterFluentLink>
                  }
                />
                <Text>{theme.summary[language]}</Text>
              </Card>
            </li>
          ))}
        </ul>
      </section>
      {error && <ErrorMessage message={t('errors.loadFailed', { message: error })} />}
      <div className={styles.grid}>
        <section aria-labelledby="tenders-title">
          <SectionTitle id="tenders-title">
            {seesAll ? t('home.allTenders', { municipality: me.municipality.name }) : t('home.myTenders')}
          </SectionTitle>
          {!tenders && !error && <Spinner size="tiny" label={t('app.loading')} />}
          {tenders?.length === 0 && <Text>{t('home.noTenders')}</Text>}
          <ul className={styles.list}>
            {tenders?.map((tender) => (
              <li key={tender.reference}>
                <TenderCard tender={tender} language={language} />
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="sessions-title">
          <SectionTitle id="sessions-title">{t('home.sessions')}</SectionTitle>
          {!sessions && !error && <Spinner size="tiny" label={t('app.loading')} />}
          {sessions?.length === 0 && <Text>{t('home.noSessions')}</Text>}
          <ul className={styles.list}>
            {sessions?.map((s) => (
              <li key={s.id}>
                <Card>
                  <CardHeader
                    header={<Text weight="semibold">{s.title}</Text>}
                    description={<Text>{t(`sessionTypes.${s.type}`, { defaultValue: s.type })}</Text>}
                  />
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
