/**
 * Headline figures side by side, one row each: the municipalities of the region, or the
 * years up to the chosen one. Goals show the actual share, with the row's own target.
 */
import { makeStyles } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeadlineFigures } from '../../../../core/src/monitoring/figures.js';
import { useTableClass } from '../../app/ui.js';
import { formatEuro } from '../../i18n/index.js';

const useStyles = makeStyles({ wide: { overflowX: 'auto' } });

export interface HeadlineRow {
  key: string;
  head: ReactNode;
  figures: HeadlineFigures;
  current?: boolean;
}

export function HeadlineTable({
  caption,
  firstColumn,
  rows,
  total,
  percent,
}: {
  caption: string;
  firstColumn: string;
  rows: readonly HeadlineRow[];
  total?: HeadlineRow;
  percent: (n: number | null) => string;
}) {
  const styles = useStyles();
  const tableClass = useTableClass();
  const { t } = useTranslation();
  const goals = (total ?? rows[0])?.figures.goals ?? [];
  const row = (r: HeadlineRow) => (
    <tr key={r.key} aria-current={r.current ? 'true' : undefined}>
      <th scope="row">{r.head}</th>
      <td className="n">{r.figures.tenders.total}</td>
      <td className="n">{r.figures.tenders.withMvi}</td>
      <td className="n">{formatEuro(r.figures.tenders.valueWithMviEur)}</td>
      <td className="n">{formatEuro(r.figures.socialReturnCommittedEur)}</td>
      {r.figures.goals.map((g) => (
        <td key={g.id} className="n">
          {g.target === null
            ? percent(g.actual)
            : t('monitoring.headline.goalCell', { actual: percent(g.actual), target: percent(g.target) })}
        </td>
      ))}
    </tr>
  );
  return (
    <div className={styles.wide}>
      <table className={tableClass}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{firstColumn}</th>
            <th scope="col" className="n">
              {t('monitoring.tenders')}
            </th>
            <th scope="col" className="n">
              {t('monitoring.headline.withMvi')}
            </th>
            <th scope="col" className="n">
              {t('monitoring.headline.valueWithMvi')}
            </th>
            <th scope="col" className="n">
              {t('monitoring.headline.socialReturn')}
            </th>
            {goals.map((g) => (
              <th key={g.id} scope="col" className="n">
                {t('monitoring.headline.goalColumn', { label: g.label })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{rows.map(row)}</tbody>
        {total && <tfoot>{row(total)}</tfoot>}
      </table>
    </div>
  );
}
