/**
 * The year beside the other municipalities of the regional programme (MVI team, board):
 * each municipality's headline figures and goals, and the region's totals.
 */
import { Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionalComparison } from '../../../../core/src/monitoring/region.js';
import { useSession } from '../../app/session.js';
import { ErrorMessage, Loading, SectionTitle } from '../../app/ui.js';
import { errorText } from '../sessions/actions.js';
import { HeadlineTable } from './HeadlineTable.js';

export function RegionSection({ year, percent }: { year: number; percent: (n: number | null) => string }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [region, setRegion] = useState<RegionalComparison | undefined>();
  const [error, setError] = useState('');

  useEffect(() => {
    setError('');
    setRegion(undefined);
    api
      .get<RegionalComparison>(`/monitoring/region?year=${year}`)
      .then(setRegion, (e: unknown) => setError(errorText(e)));
  }, [api, year]);

  return (
    <>
      <SectionTitle id="region">{t('monitoring.region.title')}</SectionTitle>
      <Text as="p">{t('monitoring.region.intro')}</Text>
      {error && <ErrorMessage message={error} />}
      {!region && !error && <Loading label={t('app.loading')} />}
      {region && (
        <HeadlineTable
          caption={t('monitoring.region.caption', { year: region.year })}
          firstColumn={t('monitoring.region.municipality')}
          percent={percent}
          rows={region.municipalities.map((m) => ({
            key: m.id,
            head: m.own ? <strong>{t('monitoring.region.own', { name: m.name })}</strong> : m.name,
            figures: m,
            current: m.own,
          }))}
          total={{ key: 'total', head: t('monitoring.region.total'), figures: region.total }}
        />
      )}
    </>
  );
}
