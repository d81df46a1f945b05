import type { Signal, WorkflowMetrics } from '@neuralops/client';
import { useMemo, useState } from 'react';
import { useApi } from '../../api/use-api';
import { ErrorMessage, Facts, JsonView, Loading, StatusBadge, useTitle } from '../../components/common';
import { RangePicker, rangeFromQuery, rangeQuery, TimeRange } from '../../components/range-picker';
import { ChartSeries, TimeChart } from '../../components/time-chart';
import { formatAgo, formatDuration, formatPercent, formatTime } from '../../format';
import { Link, navigate, useLocation, withQuery } from '../../router';
import { WorkflowInsightsSection } from './workflow-insights';
import { WorkflowRuns } from './workflow-runs';

export function WorkflowPage({ id }: { id: string }) {
  useTitle(`Workflow ${id}`);
  const workflow = useApi((c) => c.getWorkflow(id), [id]);
  // the range lives in the address, so a reload or a shared link shows the same one; choosing a
  // preset again moves it to now
  const { path, query } = useLocation();
  const [picked, setPicked] = useState(0);
  const named = query.toString();
  const range = useMemo(() => rangeFromQuery(new URLSearchParams(named)), [named, picked]);
  const setRange = (r: TimeRange) => {
    navigate(withQuery(path, rangeQuery(r)), { replace: true });
    setPicked((n) => n + 1);
  };
  const metrics = useApi((c) => c.workflowMetrics(id, { from: range.from, to: range.to }), [id, range]);
  const signals = useApi((c) => c.listSignals({ wpk_id: id, active_from: range.from, active_to: range.to, limit: 200 }), [id, range]);

  if (workflow.error) return <ErrorMessage error={workflow.error} what={`workflow ${id}`} />;
  const w = workflow.data;
  return (
    <>
      <h1>
        <span className="kind">Workflow</span> {w?.name ?? id}
      </h1>
      {!w ? <Loading what="the workflow" /> : null}
      {w ? (
        <section aria-label="Registry">
          <Facts
            items={[
              ['Id', <span className="mono">{w.id}</span>],
              ['Latest run', w.last_run_id ? <><StatusBadge status={w.last_status} /> {formatAgo(w.last_run_at)} · {formatDuration(w.last_duration_ms)}</> : 'none yet'],
              ['Runs stored', `${w.runs_total} (${w.runs_failed} failed)`],
              ['Description', w.description ?? '—'],
              ['Owner', w.owner ?? '—'],
              ['Version', w.version ?? '—'],
              ['Tags', w.tags.length ? w.tags.map((t) => <span key={t} className="chip">{t}</span>) : '—'],
              ['Registered', formatTime(w.created_at)],
              ...(w.archived_at ? ([['Archived', formatTime(w.archived_at)]] as Array<[string, string]>) : []),
            ]}
          />
          <JsonView label="Metadata" value={w.metadata} />
        </section>
      ) : null}

      <section aria-labelledby="activity">
        <h2 id="activity">Activity</h2>
        <RangePicker value={range} onChange={setRange} />
        {metrics.error ? <ErrorMessage error={metrics.error} what="the metrics" /> : null}
        {signals.error ? <ErrorMessage error={signals.error} what="the signals" /> : null}
        {metrics.data ? <MetricCharts metrics={metrics.data} signals={signals.data?.items ?? []} to={range.to} /> : metrics.loading ? <Loading what="metrics" /> : null}
        {signals.data && signals.data.items.length ? (
          <p className="muted">
            <span className="legend-swatch swatch-band" /> shaded: {signals.data.items.length} signal{signals.data.items.length === 1 ? '' : 's'} in this range —{' '}
            {signals.data.items.slice(0, 5).map((s, i) => (
              <span key={s.id}>
                {i ? ', ' : ''}
                <Link to={`/signals/${s.id}`}>{s.probe_name ?? s.metric}</Link>
              </span>
            ))}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="insights">
        <h2 id="insights">Insights</h2>
        <WorkflowInsightsSection id={id} />
      </section>

      <section aria-labelledby="runs">
        <h2 id="runs">Runs</h2>
        <WorkflowRuns id={id} />
      </section>
    </>
  );
}

function MetricCharts({ metrics, signals, to }: { metrics: WorkflowMetrics; signals: Signal[]; to: string }) {
  const charts = useMemo(() => {
    const times = metrics.buckets.map((b) => Date.parse(b.at));
    const bands = signals.map((s) => ({ from: Date.parse(s.observed_at), to: Date.parse(s.resolved_at ?? to) }));
    const count = (v: number) => String(Math.round(v));
    const runs: ChartSeries[] = [
      { label: 'completed', color: 3, values: metrics.buckets.map((b) => b.completed), format: count },
      { label: 'failed', color: 2, values: metrics.buckets.map((b) => b.failed), format: count },
      { label: 'running', color: 4, values: metrics.buckets.map((b) => b.running), format: count },
    ];
    const ratio: ChartSeries[] = [{ label: 'failure ratio', color: 2, values: metrics.buckets.map((b) => b.failure_ratio), format: formatPercent }];
    const durations: ChartSeries[] = [
      { label: 'p50', color: 1, values: metrics.buckets.map((b) => b.duration_p50_ms), format: formatDuration },
      { label: 'p95', color: 4, values: metrics.buckets.map((b) => b.duration_p95_ms), format: formatDuration },
    ];
    return { times, bands, runs, ratio, durations };
  }, [metrics, signals, to]);
  const total = metrics.buckets.reduce((n, b) => n + b.runs, 0);
  const failed = metrics.buckets.reduce((n, b) => n + b.failed, 0);
  return (
    <div className="charts">
      <TimeChart title={`Runs per ${metrics.step}`} summary={`${total} runs, ${failed} failed, in ${metrics.buckets.length} buckets`} times={charts.times} series={charts.runs} bands={charts.bands} />
      <TimeChart title="Failure ratio" summary={total ? `${formatPercent(failed / total)} of ${total} runs failed over the range` : 'no runs in the range'} times={charts.times} series={charts.ratio} bands={charts.bands} leftRange={RATIO_RANGE} />
      <TimeChart title="Duration p50 / p95" summary="median and 95th percentile run duration per bucket" times={charts.times} series={charts.durations} bands={charts.bands} />
    </div>
  );
}

const RATIO_RANGE: [number, number] = [0, 1];
