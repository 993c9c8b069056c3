/**
 * The year beside the other municipalities of the regional programme (MVI team, board):
 * each municipality's headline figures and goals, and the region's totals.
 */
import { Text, makeStyles } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionalComparison, RegionalFigures } from '../../../../core/src/monitoring/region.js';
import { useSession } from '../../app/session.js';
import { ErrorMessage, Loading, SectionTitle, useTableClass } from '../../app/ui.js';
import { formatEuro } from '../../i18n/index.js';
import { errorText } from '../sessions/actions.js';

export const REGION_READERS = ['mvi-admin', 'board'];

const useStyles = makeStyles({ wide: { overflowX: 'auto' } });

export function RegionSection({ year, percent }: { year: number; percent: (n: number | null) => string }) {
  const styles = useStyles();
  const tableClass = useTableClass();
  const { t } = useTranslation();
  const { api } = useSession();
  const [region, setRegion] = useState<RegionalComparison | undefined>();
  const [error, setError] = useState('');

  useEffect(() => {
    setError('');
    setRegion(undefined);
    api.get<RegionalComparison>(`/monitoring/region?year=${year}`).then(setRegion, (e: unknown) => setError(errorText(e)));
  }, [api, year]);

  const cells = (f: RegionalFigures) => (
    <>
      <td className="n">{f.tenders.total}</td>
      <td className="n">{f.tenders.withMvi}</td>
      <td className="n">{formatEuro(f.tenders.valueWithMviEur)}</td>
      <td className="n">{formatEuro(f.socialReturnCommittedEur)}</td>
      {f.goals.map((g) => (
        <td key={g.id} className="n">
          {g.target === null ? percent(g.actual) : t('monitoring.region.goalCell', { actual: percent(g.actual), target: percent(g.target) })}
        </td>
      ))}
    </>
  );

  return (
    <>
      <SectionTitle id="region">{t('monitoring.region.title')}</SectionTitle>
      <Text as="p">{t('monitoring.region.intro')}</Text>
      {error && <ErrorMessage message={error} />}
      {!region && !error && <Loading label={t('app.loading')} />}
      {region && (
        <div className={styles.wide}>
          <table className={tableClass}>
            <caption>{t('monitoring.region.caption', { year: region.year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('monitoring.region.municipality')}</th>
                <th scope="col" className="n">
                  {t('monitoring.tenders')}
                </th>
                <th scope="col" className="n">
                  {t('monitoring.region.withMvi')}
                </th>
                <th scope="col" className="n">
                  {t('monitoring.region.valueWithMvi')}
                </th>
                <th scope="col" className="n">
                  {t('monitoring.region.socialReturn')}
                </th>
                {region.total.goals.map((g) => (
                  <th key={g.id} scope="col" className="n">
                    {t('monitoring.region.goalColumn', { label: g.label })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {region.municipalities.map((m) => (
                <tr key={m.id} aria-current={m.own ? 'true' : undefined}>
                  <th scope="row">{m.own ? <strong>{t('monitoring.region.own', { name: m.name })}</strong> : m.name}</th>
                  {cells(m)}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('monitoring.region.total')}</th>
                {cells(region.total)}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </>
  );
}
