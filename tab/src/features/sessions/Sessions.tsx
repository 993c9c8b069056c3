import { Badge, Card, CardHeader, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionSummary } from '../../api/client.js';
import { useSession } from '../../app/session.js';
import { ErrorMessage, Loading, PageHeader } from '../../app/ui.js';
import { formatDateTime } from '../../i18n/index.js';

const useStyles = makeStyles({ list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: 0, listStyleType: 'none' } });

export default function SessionsPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { api, language } = useSession();
  const [sessions, setSessions] = useState<SessionSummary[] | undefined>();
  const [error, setError] = useState('');
  useEffect(() => {
    api.get<{ sessions: SessionSummary[] }>('/sessions').then(
      (r) => setSessions(r.sessions),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [api]);
  return (
    <>
      <PageHeader title={t('sessions.title')} intro={t('sessions.intro')} />
      {error && <ErrorMessage message={t('errors.loadFailed', { message: error })} />}
      {!sessions && !error && <Loading label={t('app.loading')} />}
      {sessions?.length === 0 && <Text>{t('sessions.none')}</Text>}
      <ul className={styles.list}>
        {sessions?.map((s) => (
          <li key={s.id} id={s.id}>
            <Card>
              <CardHeader
                header={<Text weight="semibold">{s.title}</Text>}
                description={
                  <Text>
                    {t(`sessionTypes.${s.type}`, { defaultValue: s.type })} · {formatDateTime(s.start, language)}
                  </Text>
                }
              />
              {s.description && <Text>{s.description}</Text>}
              <Text>{s.location ?? (s.onlineMeetingUrl ? t('sessions.online') : '')}</Text>
              {s.regionWide && <Badge appearance="outline">{t('sessions.region')}</Badge>}
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}
