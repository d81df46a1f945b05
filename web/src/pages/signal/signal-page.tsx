import { NeuralOpsError, type FeedbackLabel, type SignalDetail, type SignalSeries } from '@neuralops/client';
import { ReactNode, useMemo, useState } from 'react';
import { useAuth, useGuarded } from '../../api/auth';
import { useApi } from '../../api/use-api';
import { errorText } from '../../api/session';
import { ErrorMessage, Facts, Loading, StatusBadge, Table, useTitle } from '../../components/common';
import { TimeChart } from '../../components/time-chart';
import { formatDuration, formatLabels, formatNumber, formatTime } from '../../format';
import { Link, withQuery } from '../../router';

/**
 * One signal: what fired, its series charted around the episode, the runs behind it and where it
 * was delivered. `actions` is where signal actions sit next to the heading.
 */
export function SignalPage({ id, actions }: { id: string; actions?: ReactNode }) {
  useTitle('Signal');
  const { isAdmin } = useAuth();
  const signal = useApi((c) => c.getSignal(id), [id]);
  if (signal.error) return <ErrorMessage error={signal.error} what={`signal ${id}`} />;
  const s = signal.data;
  if (!actions && isAdmin && s) actions = <SignalActions signal={s} onChanged={signal.reload} />;
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

const SNOOZES: Array<[string, number]> = [
  ['1 hour', 3_600_000],
  ['4 hours', 4 * 3_600_000],
  ['1 day', 86_400_000],
  ['7 days', 7 * 86_400_000],
];

/**
 * What an admin does with a signal: acknowledge it ("seen it"), snooze it ("not now"), label it
 * useful or noise (noise tunes its probe), or make a silence from its labels.
 */
function SignalActions({ signal: s, onChanged }: { signal: SignalDetail; onChanged: () => void }) {
  const { me } = useAuth();
  const guarded = useGuarded();
  const [snoozeFor, setSnoozeFor] = useState(String(SNOOZES[0][1]));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const mine = s.feedback.find((f) => f.by.key_id === me.id)?.label;
  const act = async (what: string, call: Parameters<typeof guarded>[0]) => {
    setBusy(true);
    setMessage(null);
    try {
      await guarded(call);
      setMessage({ ok: true, text: what });
      onChanged();
    } catch (err) {
      setMessage({ ok: false, text: `Not done: ${errorText(err)}` });
    } finally {
      setBusy(false);
    }
  };
  const label = (l: FeedbackLabel) =>
    act(l === 'noise' ? 'Labelled noise: its probe alerts a step less readily.' : 'Labelled useful.', (c) => c.signalFeedback(s.id, { label: l }));
  return (
    <div className="signal-actions">
      <div className="actions" role="group" aria-label="Act on the signal">
        {s.acknowledged_at ? null : (
          <button type="button" className="primary" disabled={busy} onClick={() => act('Acknowledged.', (c) => c.acknowledgeSignal(s.id))}>
            Acknowledge
          </button>
        )}
        {s.state === 'firing' ? (
          <>
            <label className="visually-hidden" htmlFor="snooze-for">
              Snooze for
            </label>
            <select id="snooze-for" value={snoozeFor} onChange={(e) => setSnoozeFor(e.target.value)}>
              {SNOOZES.map(([text, ms]) => (
                <option key={ms} value={ms}>
                  {text}
                </option>
              ))}
            </select>
            <button
              type="button"
              disabled={busy}
              onClick={() => act('Snoozed: no webhook deliveries until then.', (c) => c.snoozeSignal(s.id, { until: new Date(Date.now() + Number(snoozeFor)).toISOString() }))}
            >
              Snooze
            </button>
          </>
        ) : null}
        <button type="button" aria-pressed={mine === 'useful'} disabled={busy} onClick={() => label('useful')}>
          Useful
        </button>
        <button type="button" aria-pressed={mine === 'noise'} disabled={busy} onClick={() => label('noise')}>
          Noise
        </button>
        <Link className="button" to={withQuery('/silences', { signal: s.id })}>
          Silence similar…
        </Link>
      </div>
      {message ? (
        <p className={message.ok ? 'alert success' : 'alert'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}

export function SignalSummary({ signal: s }: { signal: SignalDetail }) {
  return (
    <section aria-label="Summary">
      <p className="alert info">{s.hint}</p>
      <Facts
        items={[
          ['State', <StatusBadge status={s.state} />],
          ['Severity', s.severity],
          [
            'Acknowledged',
            s.acknowledged_at ? `${formatTime(s.acknowledged_at)} by ${s.acknowledged_by?.name ?? 'unknown key'}${s.ack_note ? `: ${s.ack_note}` : ''}` : 'no',
          ],
          [
            'Silenced',
            s.silenced_by ? (
              <>
                <Link to="/silences">by a silence</Link>
                {s.snoozed_until ? `, snoozed until ${formatTime(s.snoozed_until)}` : ''}
              </>
            ) : (
              'no'
            ),
          ],
          ['Feedback', s.feedback.length ? s.feedback.map((f) => `${f.label} (${f.by.name})`).join(', ') : 'none'],
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
