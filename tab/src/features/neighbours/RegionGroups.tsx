/**
 * Monitoring's region view per product group (MVI team, board): the region's recorded tenders
 * with MVI and the criteria used, and per municipality where it shares details.
 */
import { Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionMonitoring } from '../../../../core/src/neighbours/region.js';
import { isAdmin, useSession } from '../../app/session.js';
import { ErrorMessage, Loading, RouterFluentLink, SectionTitle, useTableClass } from '../../app/ui.js';

export function RegionGroupsSection({ percent }: { percent: (n: number | null) => string }) {
  const { t } = useTranslation();
  const { api, me } = useSession();
  const table = useTableClass();
  const [view, setView] = useState<RegionMonitoring | undefined>();
  const [error, setError] = useState('');
  useEffect(() => {
    api
      .get<RegionMonitoring>('/monitoring/region/groups')
      .then(setView, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [api]);
  const share = (n: number | null): string => percent(n === null ? null : Math.round(n * 1000) / 10);
  return (
    <>
      <SectionTitle id="region-groups">{t('neighbours.regionTitle')}</SectionTitle>
      {error && <ErrorMessage message={error} />}
      {!view && !error && <Loading label={t('app.loading')} />}
      {view && (
        <>
          <Text as="p">
            {t('neighbours.regionIntro', { since: view.since })}{' '}
            {isAdmin(me) && <RouterFluentLink to="/neighbours">{t('neighbours.change')}</RouterFluentLink>}
          </Text>
          {view.groups.length === 0 && <Text as="p">{t('neighbours.noRegion')}</Text>}
          {view.groups.length > 0 && (
            <table className={table}>
              <caption>{t('neighbours.regionTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('neighbours.group')}</th>
                  <th scope="col">{t('neighbours.tenders')}</th>
                  <th scope="col">{t('neighbours.withMvi')}</th>
                  <th scope="col">{t('neighbours.criteria')}</th>
                  <th scope="col">{t('neighbours.municipality')}</th>
                </tr>
              </thead>
              <tbody>
                {view.groups.map((g) => (
                  <tr key={g.productGroupId}>
                    <th scope="row">{g.name}</th>
                    <td>{g.tenders}</td>
                    <td>{share(g.share)}</td>
                    <td>{g.criteria.map((c) => `${c.title} (${c.tenders})`).join('; ')}</td>
                    <td>
                      {[
                        ...g.municipalities.map(
                          (m) =>
                            `${m.name}: ${m.tenders}, ${t('neighbours.withMvi').toLowerCase()} ${share(m.share)}`,
                        ),
                        ...(g.unnamed > 0 ? [`${t('neighbours.unnamed')}: ${g.unnamed}`] : []),
                      ].join('; ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}
