/** Monitoring: per theme, the ambition the year's tender webs set, beside the tenders that recorded criteria of it. */
import { useTranslation } from 'react-i18next';
import type { AmbitionOverview } from '../../../../core/src/ambitieweb/index.js';
import { useTableClass } from '../../app/ui.js';
import './texts.js';

export interface YearAmbition extends AmbitionOverview {
  tenders: string[];
}

export function ThemeAmbitionTable({
  overview,
  recorded,
}: {
  overview: YearAmbition | undefined;
  recorded: { theme: string; name: string; tenders: number }[];
}) {
  const { t } = useTranslation();
  const tableClass = useTableClass();
  if (!overview) return null;
  const stats = new Map<string, YearAmbition['themes'][number]>(overview.themes.map((s) => [s.theme, s]));
  const number = (value: number | null): string =>
    value === null ? '–' : value.toLocaleString(t('ambitieweb.locale'), { maximumFractionDigits: 2 });
  return (
    <table className={tableClass}>
      <caption>{t('ambitieweb.monitoringCaption', { count: overview.counted })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ambitieweb.theme')}</th>
          <th scope="col" className="n">
            {t('ambitieweb.monitoringRecorded')}
          </th>
          <th scope="col" className="n">
            {t('ambitieweb.monitoringWebs')}
          </th>
          <th scope="col" className="n">
            {t('ambitieweb.monitoringAverage')}
          </th>
          <th scope="col">{t('ambitieweb.monitoringHistogram')}</th>
        </tr>
      </thead>
      <tbody>
        {recorded.map((r) => {
          const s = stats.get(r.theme);
          return (
            <tr key={r.theme}>
              <th scope="row">{r.name}</th>
              <td className="n">{r.tenders}</td>
              <td className="n">{s?.webs ?? 0}</td>
              <td className="n">{number(s?.average ?? null)}</td>
              <td>
                {s && s.webs > 0
                  ? ([0, 1, 2, 3] as const).map((level) => `${level}: ${s.histogram[level]}`).join(' · ')
                  : '–'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
