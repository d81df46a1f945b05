import { NeuralOpsError, type SignalDetail, type SignalSeries } from '@neuralops/client';
import { ReactNode, useMemo } from 'react';
import { useApi } from '../../api/use-api';
import { errorText } from '../../api/session';
import { ErrorMessage, Facts, Loading, StatusBadge, Table, useTitle } from '../../components/common';
import { TimeChart } from '../../components/time-chart';
import { formatDuration, formatLabels, formatNumber, formatTime } from '../../format';
import { Link } from '../../router';

/**
 * One signal: what fired, its series charted around the episode, the runs behind it and where it
 * was delivered. `actions` is where signal actions sit next to the heading.
 */
export function SignalPage({ id, actions }: { id: string; actions?: ReactNode }) {
  useTitle('Signal');
  const signal = useApi((c) => c.getSignal(id), [id]);
  if (signal.error) return <ErrorMessage error={signal.error} what={`signal ${id}`} />;
  const s = signal.data;
  return (
    <>
      <div className="page-head">
        <h1>
          <span className="kind">Signal</span> {s ? (s.probe_name ?? s.metric) : ''}
        </h1>
        {actions ? <div className="actions">{actions}</div> : null}
      </div>
      {!s ? (
        <Loading what="the signal" />
      ) : (
        <>
          <SignalSummary signal={s} />
          <SignalChart id={s.id} />
          <SignalRuns id={s.id} />
          <SignalDeliveries signal={s} />
        </>
      )}
    </>
  );
}

export function SignalSummary({ signal: s }: { signal: SignalDetail }) {
  return (
    <section aria-label="Summary">
      <p className="alert info">{s.hint}</p>
      <Facts
        items={[
          ['State', <StatusBadge status={s.state} />],
          ['Probe', s.probe_id ? (s.probe_name ? <Link to={`/probes/${s.probe_id}`}>{s.probe_name}</Link> : 'deleted probe') : 'ad hoc (POST /probe)'],
          ['Metric', <span className="mono">{s.metric}</span>],
          ['Series', <span className="mono">{formatLabels(s.labels)}</span>],
          ['Workflow', s.wpk_id ? <Link to={`/workflows/${encodeURIComponent(s.wpk_id)}`}>{s.wpk_id}</Link> : '—'],
          ['Peak', `${formatNumber(s.value)} (score ${formatNumber(s.score)} ≥ ${formatNumber(s.threshold)}, ${s.detector})`],
          ['Started', formatTime(s.observed_at)],
          ['Peak at', formatTime(s.peak_at)],
          ['Last anomalous', formatTime(s.last_anomalous_at)],
          ['Resolved', s.resolved_at ? formatTime(s.resolved_at) : 'still firing'],
        ]}
      />
    </section>
  );
}

function SignalChart({ id }: { id: string }) {
  const series = useApi((c) => c.signalSeries(id), [id]);
  let body;
  if (series.error) {
    const e = series.error;
    if (e instanceof NeuralOpsError && e.code === 'SERIES_UNAVAILABLE') body = <div className="alert info">The series cannot be charted: {e.message}.</div>;
    else if (e instanceof NeuralOpsError && e.code === 'PROBE_SOURCE_UNREACHABLE') body = <div className="alert">The probe's source is unreachable: {e.message}</div>;
    else body = <div className="alert">{errorText(e)}</div>;
  } else if (!series.data) body = <Loading what="the series" />;
  else body = <EpisodeChart data={series.data} />;
  return (
    <section aria-labelledby="series">
      <h2 id="series">Series around the episode</h2>
      {body}
    </section>
  );
}

function EpisodeChart({ data }: { data: SignalSeries }) {
  const chart = useMemo(() => {
    const times = data.samples.map((p) => Date.parse(p.at));
    const peakAt = data.episode.peak ? Date.parse(data.episode.peak) : null;
    const start = Date.parse(data.episode.start);
    const end = data.episode.end ? Date.parse(data.episode.end) : Date.parse(data.to);
    return {
      times,
      bands: [{ from: start, to: end }],
      series: [
        { label: 'value', color: 1 as const, values: data.samples.map((p) => p.value) },
        { label: `score (${data.unit})`, color: 4 as const, right: true, values: data.samples.map((p) => p.score) },
        { label: 'threshold', color: 2 as const, right: true, dash: true, values: data.samples.map(() => data.threshold) },
        { label: 'peak', color: 2 as const, points: true, values: data.samples.map((p, i) => (peakAt !== null && times[i] === peakAt ? p.value : null)) },
      ],
    };
  }, [data]);
  const hasPeak = chart.series[3].values.some((v) => v !== null);
  return (
    <TimeChart
      title={`${data.metric} ${data.series}`}
      summary={`${data.samples.length} samples every ${data.step}; the episode from ${formatTime(data.episode.start)} to ${data.episode.end ? formatTime(data.episode.end) : 'now'} is shaded${hasPeak ? ', its peak marked' : ''}; the threshold is ${data.threshold}`}
      times={chart.times}
      series={chart.series}
      bands={chart.bands}
      leftLabel="value"
      rightLabel="score"
      height={280}
      note={`Fetched again and re-scored from scratch with the probe's current ${data.detector} detector and threshold ${data.threshold}: scores may differ from the stored episode. Shaded: the episode.`}
    />
  );
}

function SignalRuns({ id }: { id: string }) {
  const runs = useApi((c) => c.signalRuns(id, { limit: 50 }), [id]);
  return (
    <section aria-labelledby="signal-runs">
      <h2 id="signal-runs">Runs behind it</h2>
      {runs.error ? <ErrorMessage error={runs.error} what="the runs" /> : null}
      {runs.data && !runs.data.items.length ? <p className="muted">No runs in the episode's window.</p> : null}
      {runs.data && runs.data.items.length ? (
        <Table
          caption="Runs behind the signal, failed first"
          head={
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Workflow</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">Duration</th>
              <th scope="col">Recorded</th>
              <th scope="col">Error</th>
            </tr>
          }
        >
          {runs.data.items.map((r) => (
            <tr key={r.id}>
              <td className="clip">
                <Link to={`/runs/${r.id}`}>{r.run_id}</Link>
              </td>
              <td className="clip">{r.wpk_id}</td>
              <td>
                <StatusBadge status={r.status} />
              </td>
              <td className="num">{formatDuration(r.duration_ms)}</td>
              <td className="nowrap">{formatTime(r.created_at)}</td>
              <td className="clip">{r.error ?? ''}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </section>
  );
}

function SignalDeliveries({ signal }: { signal: SignalDetail }) {
  return (
    <section aria-labelledby="deliveries">
      <h2 id="deliveries">Deliveries</h2>
      {signal.deliveries.length === 0 ? (
        <p className="muted">Not delivered anywhere: no Alertmanager or webhook is configured, or the signal was first seen already resolved.</p>
      ) : (
        <Table
          caption="Deliveries per channel"
          head={
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">Event</th>
              <th scope="col">State</th>
              <th scope="col" className="num">Attempts</th>
              <th scope="col">Last error</th>
              <th scope="col">Delivered</th>
            </tr>
          }
        >
          {signal.deliveries.map((d, i) => (
            <tr key={i}>
              <td>{d.channel}</td>
              <td>{d.event}</td>
              <td>
                <StatusBadge status={d.state} />
              </td>
              <td className="num">{d.attempts}</td>
              <td className="clip">{d.last_error ?? '—'}</td>
              <td className="nowrap">{d.delivered_at ? formatTime(d.delivered_at) : d.next_attempt_at ? `next try ${formatTime(d.next_attempt_at)}` : '—'}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
