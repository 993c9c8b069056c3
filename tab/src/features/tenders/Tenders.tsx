import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TenderSummary } from '../../api/client.js';
import { TenderCard } from '../../app/domain-ui.js';
import { useSession } from '../../app/session.js';
import { ErrorMessage, Loading, PageHeader } from '../../app/ui.js';

const useStyles = makeStyles({ list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: 0, listStyleType: 'none' } });

export default function TendersPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { api, language } = useSession();
  const [tenders, setTenders] = useState<TenderSummary[] | undefined>();
  const [error, setError] = useState('');
  useEffect(() => {
    api.get<{ tenders: TenderSummary[] }>('/tenders?mine=true').then(
      (r) => setTenders(r.tenders),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [api]);
  return (
    <>
      <PageHeader title={t('tenders.title')} intro={t('tenders.intro')} />
      {error && <ErrorMessage message={t('errors.loadFailed', { message: error })} />}
      {!tenders && !error && <Loading label={t('app.loading')} />}
      {tenders?.length === 0 && <Text>{t('tenders.none')}</Text>}
      <ul className={styles.list}>
        {tenders?.map((tender) => (
          <li key={tender.reference} id={tender.reference}>
            <TenderCard tender={tender} language={language} />
          </li>
        ))}
      </ul>
    </>
  );
}
