/** The web as a radar chart (Fluent's polar chart), loaded lazily; the table beside it carries the same numbers. */
import { PolarChart, type AreaPolarSeries } from '@fluentui/react-charts';

export interface RadarSeries {
  legend: string;
  /** One value per axis, 0 to 3, in the order of `axes`. */
  values: number[];
  color: string;
}

export default function WebRadar({
  title,
  axes,
  series,
  culture,
}: {
  title: string;
  axes: string[];
  series: RadarSeries[];
  culture: string;
}) {
  const data: AreaPolarSeries[] = series.map((s) => ({
    type: 'areapolar',
    legend: s.legend,
    color: s.color,
    opacity: 0.35,
    data: axes.map((axis, i) => ({ theta: axis, r: s.values[i] ?? 0 })),
  }));
  return (
    <PolarChart
      data={data}
      chartTitle={title}
      width={480}
      height={400}
      margins={{ left: 100, right: 100, top: 30, bottom: 30 }}
      shape="polygon"
      direction="clockwise"
      radialAxis={{ rangeStart: 0, rangeEnd: 3, tickValues: [0, 1, 2, 3] }}
      culture={culture}
    />
  );
}
