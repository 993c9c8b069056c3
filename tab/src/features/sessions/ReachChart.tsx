/** The reach over time as a chart: attendances per month (bars) and people reached so far (line). Loaded lazily. */
import { VerticalBarChart, type VerticalBarChartDataPoint } from '@fluentui/react-charts';
import { tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ReachReport } from './model.js';

export default function ReachChart({
  months,
  language,
}: {
  months: ReachReport['months'];
  language: 'nl' | 'en';
}) {
  const { t } = useTranslation();
  const label = (month: string): string =>
    new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nl-NL', {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${month}-01T00:00:00Z`));
  const data: VerticalBarChartDataPoint[] = months.map((m) => ({
    x: label(m.month),
    y: m.attendances,
    legend: t('reach.attendances'),
    xAxisCalloutData: label(m.month),
    yAxisCalloutData: t('reach.calloutAttendances', { count: m.attendances }),
    lineData: {
      y: m.cumulativePeople,
      yAxisCalloutData: t('reach.calloutPeople', { count: m.cumulativePeople }),
    },
  }));
  return (
    <VerticalBarChart
      data={data}
      chartTitle={t('reach.chartTitle')}
      lineLegendText={t('reach.cumulative')}
      lineLegendColor={tokens.colorPaletteDarkOrangeForeground1}
      useSingleColor
      colors={[tokens.colorBrandBackground]}
      hideLegend={false}
      height={300}
      barWidth={40}
      yAxisTitle={t('reach.people')}
      culture={language === 'en' ? 'en-GB' : 'nl-NL'}
    />
  );
}
