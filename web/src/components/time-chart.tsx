import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export type ChartColor = 1 | 2 | 3 | 4;

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  color: ChartColor;
  /** the right-hand axis (e.g. a score next to the values) */
  right?: boolean;
  /** markers only, no line (e.g. anomalies, a peak) */
  points?: boolean;
  dash?: boolean;
  format?: (v: number) => string;
}

export interface TimeChartProps {
  title: string;
  /** one description for screen readers: what the chart shows */
  summary: string;
  /** times in ms */
  times: number[];
  series: ChartSeries[];
  /** shaded spans, ms (an anomaly episode) */
  bands?: Array<{ from: number; to: number }>;
  leftLabel?: string;
  rightLabel?: string;
  height?: number;
  /** fixed y range of the left axis, e.g. [0, 1] for a ratio */
  leftRange?: [number, number];
  note?: string;
}

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

function useColorScheme(): string {
  const query = '(prefers-color-scheme: dark)';
  const [scheme, setScheme] = useState(() => (window.matchMedia?.(query).matches ? 'dark' : 'light'));
  useEffect(() => {
    const mq = window.matchMedia?.(query);
    if (!mq) return;
    const on = () => setScheme(mq.matches ? 'dark' : 'light');
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return scheme;
}

/** A uPlot time-series chart that follows its box's width and the light/dark scheme. */
export function TimeChart(props: TimeChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const scheme = useColorScheme();
  const { times, series, bands, height = 200 } = props;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const fg = cssVar('--fg-muted');
    const grid = cssVar('--chart-grid');
    const band = cssVar('--band');
    const hasRight = series.some((s) => s.right);
    const axis = (side: 1 | 3, scale: string, label?: string): uPlot.Axis => ({
      scale,
      side,
      stroke: fg,
      grid: { stroke: grid, width: 1, show: side === 3 },
      ticks: { stroke: grid, width: 1 },
      label,
      labelSize: label ? 18 : 0,
      size: 56,
    });
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      scales: {
        x: { time: true },
        y: props.leftRange ? { range: props.leftRange } : { range: (_u, min, max) => [Math.min(0, min ?? 0), max === min ? (max ?? 0) + 1 : (max ?? 1)] },
        ...(hasRight ? { r: {} } : {}),
      },
      axes: [
        { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } },
        axis(3, 'y', props.leftLabel),
        ...(hasRight ? [axis(1, 'r', props.rightLabel)] : []),
      ],
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false } },
      series: [
        {},
        ...series.map<uPlot.Series>((s) => {
          const color = cssVar(`--chart-${s.color}`);
          return {
            label: s.label,
            scale: s.right ? 'r' : 'y',
            stroke: color,
            width: s.points ? 0 : 1.5,
            dash: s.dash ? [6, 4] : undefined,
            spanGaps: false,
            paths: s.points ? () => null : undefined,
            points: s.points ? { show: true, size: 10, fill: color, stroke: color } : { show: false },
            value: (_u, v) => (v === null || v === undefined ? '—' : s.format ? s.format(v) : String(Math.round(v * 1000) / 1000)),
          };
        }),
      ],
      hooks: {
        drawClear: [
          (u) => {
            if (!bands?.length) return;
            const { ctx } = u;
            const { top, height: h, left, width } = u.bbox;
            ctx.save();
            ctx.fillStyle = band;
            for (const b of bands) {
              const x0 = Math.max(left, u.valToPos(b.from / 1000, 'x', true));
              const x1 = Math.min(left + width, u.valToPos(b.to / 1000, 'x', true));
              if (x1 > x0 - 1) ctx.fillRect(x0, top, Math.max(2, x1 - x0), h);
            }
            ctx.restore();
          },
        ],
      },
    };
    const data: uPlot.AlignedData = [times.map((t) => t / 1000), ...series.map((s) => s.values)];
    const u = new uPlot(opts, data, el);
    plot.current = u;
    const resize = new ResizeObserver(() => {
      const w = Math.max(200, el.clientWidth);
      if (w !== u.width) u.setSize({ width: w, height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [times, series, bands, height, scheme, props.leftLabel, props.rightLabel, props.leftRange]);

  return (
    <figure className="chart">
      <h3>{props.title}</h3>
      <div
        className="chart-box"
        ref={box}
        role="img"
        aria-label={`${props.title}: ${props.summary}`}
        data-points={times.length}
        data-markers={series.filter((s) => s.points).reduce((n, s) => n + s.values.filter((v) => v !== null).length, 0)}
        data-bands={bands?.length ?? 0}
      />
      {props.note ? <figcaption className="chart-note">{props.note}</figcaption> : null}
    </figure>
  );
}
