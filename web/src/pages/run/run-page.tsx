import { NeuralOpsError, type Run } from '@neuralops/client';
import { useApi } from '../../api/use-api';
import { errorText } from '../../api/session';
import { ErrorMessage, Facts, JsonView, Loading, StatusBadge, Table, useTitle } from '../../components/common';
import { Waterfall } from '../../components/waterfall';
import { formatDuration, formatNumber, formatTime } from '../../format';
import { Link } from '../../router';

export function RunPage({ id }: { id: string }) {
  const run = useApi((c) => c.getRun(id), [id]);
  useTitle(`Run ${run.data?.run_id ?? id}`);
  if (run.error) return <ErrorMessage error={run.error} what={`run ${id}`} />;
  const r = run.data;
  return (
    <>
      <h1>
        <span className="kind">Run</span> {r?.run_id ?? id}
      </h1>
      {!r ? <Loading what="the run" /> : <RunBody run={r} />}
    </>
  );
}

function RunBody({ run: r }: { run: Run }) {
  return (
    <>
      <Facts
        items={[
          ['Status', <StatusBadge status={r.status} />],
          ['Workflow', <Link to={`/workflows/${encodeURIComponent(r.wpk_id)}`}>{r.wpk_id}</Link>],
          ['Duration', formatDuration(r.duration_ms)],
          ['Started', formatTime(r.started_at)],
          ['Ended', formatTime(r.ended_at)],
          ['Recorded', formatTime(r.created_at)],
          ['Updated', formatTime(r.updated_at)],
          ['Run id', <span className="mono">{r.run_id}</span>],
          ['Id', <span className="mono">{r.id}</span>],
          ['Tags', r.tags?.length ? r.tags.map((t) => <span key={t} className="chip">{t}</span>) : '—'],
        ]}
      />
      {r.error ? (
        <section aria-labelledby="run-error">
          <h2 id="run-error">Error</h2>
          <pre className="error">{r.error}</pre>
        </section>
      ) : null}

      <section aria-labelledby="timeline">
        <h2 id="timeline">Node timeline</h2>
        <Waterfall nodeLogs={r.node_logs} runStart={r.started_at} runEnd={r.ended_at} />
      </section>

      <section aria-labelledby="data">
        <h2 id="data">Data</h2>
        <JsonView label="Inputs" value={r.inputs} />
        <JsonView label="Outputs" value={r.outputs} />
        <JsonView label="Metadata" value={r.metadata} />
      </section>

      <SimilarRuns id={r.id} />
      <RunSignals run={r} />
    </>
  );
}

function SimilarRuns({ id }: { id: string }) {
  const similar = useApi((c) => c.similarRuns(id, { k: 5 }), [id]);
  let body;
  if (similar.error) {
    const e = similar.error;
    if (e instanceof NeuralOpsError && e.code === 'EMBEDDING_PENDING') body = <p className="muted">Embedding pending: similar runs appear once this run has been embedded.</p>;
    else if (e instanceof NeuralOpsError && e.code === 'EMBEDDING_FAILED') body = <div className="alert">Embedding failed: {e.message}</div>;
    else body = <div className="alert">Similar runs are unavailable: {errorText(e)}</div>;
  } else if (!similar.data) body = <Loading what="similar runs" />;
  else if (!similar.data.items.length) body = <p className="muted">No similar runs.</p>;
  else
    body = (
      <Table
        caption="Similar runs"
        head={
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Workflow</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">Similarity</th>
          </tr>
        }
      >
        {similar.data.items.map((s) => (
          <tr key={s.run.id}>
            <td className="clip">
              <Link to={`/runs/${s.run.id}`}>{s.run.run_id}</Link>
            </td>
            <td className="clip">{s.run.wpk_id}</td>
            <td>
              <StatusBadge status={s.run.status} />
            </td>
            <td className="num">{formatNumber(s.score, 3)}</td>
          </tr>
        ))}
      </Table>
    );
  return (
    <section aria-labelledby="similar">
      <h2 id="similar">Similar runs</h2>
      {body}
    </section>
  );
}

function RunSignals({ run }: { run: Run }) {
  const start = run.started_at ?? run.created_at;
  const end = run.ended_at ?? (run.duration_ms !== null && run.duration_ms !== undefined ? new Date(Date.parse(start) + run.duration_ms).toISOString() : start);
  const signals = useApi((c) => c.listSignals({ wpk_id: run.wpk_id, active_from: start, active_to: end, limit: 50 }), [run.id]);
  return (
    <section aria-labelledby="run-signals">
      <h2 id="run-signals">Signals during this run</h2>
      {signals.error ? <ErrorMessage error={signals.error} what="the signals" /> : null}
      {signals.data && !signals.data.items.length ? <p className="muted">No anomaly episode of this workflow overlaps the run.</p> : null}
      {signals.data && signals.data.items.length ? (
        <ul>
          {signals.data.items.map((s) => (
            <li key={s.id}>
              <StatusBadge status={s.state} /> <Link to={`/signals/${s.id}`}>{s.probe_name ?? s.metric}</Link> — {s.hint}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
