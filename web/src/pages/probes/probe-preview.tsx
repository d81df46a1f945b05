import type { AdhocResult } from '@neuralops/client';
import { useMemo } from 'react';
import { TimeChart } from '../../components/time-chart';
import { formatLabels } from '../../format';

const MAX_CHARTS = 12;

/** What POST /probe with store: false found: each series charted with the anomalies it would raise. */
export function ProbePreview({ result }: { result: AdhocResult }) {
  const charts = useMemo(
    () =>
      result.series.slice(0, MAX_CHARTS).map((s) => {
        const samples = s.samples ?? [];
        const times = samples.map((p) => Date.parse(p.at));
        const peaks = new Set(s.anomalies.map((a) => Date.parse(a.peak_at)));
        return {
          key: s.series,
          title: `${s.metric} ${formatLabels(s.labels)}`,
          anomalies: s.anomalies.length,
          times,
          bands: s.anomalies.map((a) => ({ from: Date.parse(a.observed_at), to: Date.parse(a.resolved_at ?? result.end) })),
          series: [
            { label: 'value', color: 1 as const, values: samples.map((p) => p.value) },
            { label: `score (${result.unit})`, color: 4 as const, right: true, values: samples.map((p) => p.score) },
            { label: 'threshold', color: 2 as const, right: true, dash: true, values: samples.map(() => result.threshold) },
            { label: 'anomaly peak', color: 2 as const, points: true, values: samples.map((p, i) => (peaks.has(times[i]) ? p.value : null)) },
          ],
        };
      }),
    [result],
  );
  return (
    <section aria-labelledby="preview">
      <h2 id="preview">Preview</h2>
      <p role="status">
        {result.series.length} series scored with {result.detector} (threshold {result.threshold} {result.unit}) from {new Date(result.start).toLocaleString()} to{' '}
        {new Date(result.end).toLocaleString()}: {result.anomalies.length} anomal{result.anomalies.length === 1 ? 'y' : 'ies'} would be raised. Nothing was stored.
        {result.series.length > MAX_CHARTS ? ` The first ${MAX_CHARTS} series are charted.` : ''}
      </p>
      <div className="charts">
        {charts.map((c) => (
          <TimeChart
            key={c.key}
            title={c.title}
            summary={`${c.times.length} points, ${c.anomalies} anomal${c.anomalies === 1 ? 'y' : 'ies'} shaded and marked`}
            times={c.times}
            series={c.series}
            bands={c.bands}
            leftLabel="value"
            rightLabel="score"
          />
        ))}
      </div>
    </section>
  );
}
