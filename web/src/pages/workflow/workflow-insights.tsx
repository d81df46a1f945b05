import type { WorkflowInsights } from '@neuralops/client';
import { Fragment, ReactNode, useState } from 'react';
import { useApi } from '../../api/use-api';
import { ErrorMessage, Loading, Table } from '../../components/common';
import { formatDuration, formatPercent, formatTime } from '../../format';
import { Link } from '../../router';

type InsightsWindow = '1h' | '24h' | '7d' | '30d';
const WINDOWS: Array<[InsightsWindow, string]> = [['1h', '1 h'], ['24h', '24 h'], ['7d', '7 d'], ['30d', '30 d']];

/** "node `enrich` p95 rose …" with the back-quoted names as code. */
function Words({ text }: { text: string }) {
  const parts = text.split('`');
  return (
    <>
      {parts.map((p, i) => (i % 2 ? <code key={i}>{p}</code> : <Fragment key={i}>{p}</Fragment>))}
    </>
  );
}

function change(ratio: number | null): ReactNode {
  if (ratio === null) return <span className="muted">—</span>;
  const pct = Math.round(ratio * 100);
  return pct === 0 ? '±0%' : `${pct > 0 ? '+' : ''}${pct}%`;
}

/**
 * What the workflow's run history says over a window against the one before it
 * (GET /workflows/:id/insights): regressions in words, slowest and failing nodes, failure clusters.
 */
export function WorkflowInsightsSection({ id }: { id: string }) {
  const [span, setSpan] = useState<InsightsWindow>('24h');
  const insights = useApi((c) => c.getWorkflowInsights(id, span), [id, span]);
  return (
    <>
      <div className="range-picker" role="group" aria-label="Insights window">
        {WINDOWS.map(([w, label]) => (
          <button key={w} type="button" aria-pressed={span === w} onClick={() => setSpan(w)}>
            {label}
          </button>
        ))}
      </div>
      {insights.error ? <ErrorMessage error={insights.error} what="the insights" /> : null}
      {insights.loading && !insights.data ? <Loading what="insights" /> : null}
      {insights.data ? <InsightsBody insights={insights.data} /> : null}
    </>
  );
}

function InsightsBody({ insights: i }: { insights: WorkflowInsights }) {
  return (
    <div className="insights">
      <p className="muted">
        {formatTime(i.from)} – {formatTime(i.to)}, compared with the {i.window} before.
      </p>
      <h3>Regressions</h3>
      {i.regressions.length ? (
        <ul className="regressions">
          {i.regressions.map((r) => (
            <li key={`${r.node}-${r.kind}`}>
              <Words text={r.message} /> <span className="muted">(p = {r.p_value < 0.0001 ? r.p_value.toExponential(1) : r.p_value.toFixed(4)}, {r.samples.current} vs {r.samples.previous} samples)</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No node got slower or fails more than in the window before.</p>
      )}

      <Table
        caption="Slowest nodes"
        head={
          <tr>
            <th scope="col">Node</th>
            <th scope="col" className="num">Executions</th>
            <th scope="col" className="num">p50</th>
            <th scope="col" className="num">p95</th>
            <th scope="col" className="num">p95 before</th>
            <th scope="col" className="num">p95 change</th>
            <th scope="col" className="num">Share of run time</th>
          </tr>
        }
        empty={i.slowest_nodes.length === 0 ? <p className="muted">No node durations in this window.</p> : null}
      >
        {i.slowest_nodes.map((n) => (
          <tr key={n.node}>
            <td className="mono">{n.node}</td>
            <td className="num">{n.executions}</td>
            <td className="num">{formatDuration(n.p50_ms)}</td>
            <td className="num">{formatDuration(n.p95_ms)}</td>
            <td className="num">{formatDuration(n.previous.p95_ms)}</td>
            <td className="num">{change(n.p95_change)}</td>
            <td className="num">{formatPercent(n.share_of_run_time)}</td>
          </tr>
        ))}
      </Table>

      <Table
        caption="Failing nodes"
        head={
          <tr>
            <th scope="col">Node</th>
            <th scope="col" className="num">Failures</th>
            <th scope="col" className="num">Failure ratio</th>
            <th scope="col" className="num">Before</th>
            <th scope="col">Commonest errors</th>
          </tr>
        }
        empty={i.failing_nodes.length === 0 ? <p className="muted">No node failed in this window.</p> : null}
      >
        {i.failing_nodes.map((n) => (
          <tr key={n.node}>
            <td className="mono">{n.node}</td>
            <td className="num">{n.failures}</td>
            <td className="num">{formatPercent(n.failure_ratio)}</td>
            <td className="num">{formatPercent(n.previous_failure_ratio)}</td>
            <td className="clip">
              {n.top_errors.map((e, k) => (
                <div key={k}>
                  {e.count} × {e.error ? e.error.slice(0, 160) : <span className="muted">no error text</span>}
                </div>
              ))}
            </td>
          </tr>
        ))}
      </Table>

      <h3>Failure clusters</h3>
      {i.failure_clusters === null ? (
        <p className="muted">Not available: {i.failure_clustering.reason}</p>
      ) : i.failure_clusters.length === 0 ? (
        <p className="muted">No failed runs in this window.</p>
      ) : (
        <Table
          caption={`Failed runs grouped by similarity (${i.failure_clustering.embedded} of the latest ${i.failure_clustering.failed_runs})`}
          head={
            <tr>
              <th scope="col" className="num">Runs</th>
              <th scope="col">Representative error</th>
              <th scope="col">First seen</th>
              <th scope="col">Last seen</th>
              <th scope="col">Latest runs</th>
            </tr>
          }
        >
          {i.failure_clusters.map((c, k) => (
            <tr key={k}>
              <td className="num">{c.size}</td>
              <td className="clip">{c.representative_error ? c.representative_error.slice(0, 200) : <span className="muted">no error text</span>}</td>
              <td className="nowrap">{formatTime(c.first_seen)}</td>
              <td className="nowrap">{formatTime(c.last_seen)}</td>
              <td>
                {c.run_ids.map((runId, n) => (
                  <span key={runId}>
                    {n ? ', ' : ''}
                    <Link to={`/runs/${runId}`}>run {n + 1}</Link>
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}
