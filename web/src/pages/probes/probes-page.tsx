import type { Probe } from '@neuralops/client';
import { useState } from 'react';
import { useAuth, useGuarded } from '../../api/auth';
import { errorText } from '../../api/session';
import { useApi } from '../../api/use-api';
import { ErrorMessage, Loading, Table, useTitle } from '../../components/common';
import { formatAgo, formatTime } from '../../format';
import { Link } from '../../router';

/** What the detector says about warming up, when the API reports it. */
function warmingUp(p: Probe): string {
  const until = (p as Probe & { warming_up_until?: string | null }).warming_up_until;
  if (until === undefined) return '—';
  if (until === null || Date.parse(until) <= Date.now()) return 'warm';
  return `until ${formatTime(until)}`;
}

export function schedule(p: Pick<Probe, 'cron' | 'interval_s'>): string {
  return p.cron ? `cron ${p.cron}` : `every ${p.interval_s ?? 60} s`;
}

export function ProbesPage() {
  useTitle('Probes');
  const { isAdmin } = useAuth();
  const guarded = useGuarded();
  const probes = useApi((c) => c.listProbes(), []);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const runNow = async (p: Probe) => {
    setBusy(p.id);
    try {
      const { run } = await guarded((c) => c.runProbe(p.id));
      setMessage(run.error ? { kind: 'error', text: `${p.name} ran and failed: ${run.error}` } : { kind: 'info', text: `${p.name} ran: ${run.points_scored} points scored, ${run.signals} signal change${run.signals === 1 ? '' : 's'}.` });
      probes.reload();
    } catch (err) {
      setMessage({ kind: 'error', text: `Could not run ${p.name}: ${errorText(err)}` });
    } finally {
      setBusy(null);
    }
  };
  const remove = async (p: Probe) => {
    if (!window.confirm(`Delete the probe ${p.name}? Its signals stay.`)) return;
    setBusy(p.id);
    try {
      await guarded((c) => c.deleteProbe(p.id));
      setMessage({ kind: 'info', text: `Deleted ${p.name}.` });
      probes.reload();
    } catch (err) {
      setMessage({ kind: 'error', text: `Could not delete ${p.name}: ${errorText(err)}` });
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <div className="page-head">
        <h1>Probes</h1>
        {isAdmin ? (
          <Link to="/probes/new" className="button primary">
            New probe
          </Link>
        ) : null}
      </div>
      {message ? (
        <div className={`alert ${message.kind === 'info' ? 'success' : ''}`} role="status">
          {message.text}
        </div>
      ) : null}
      {probes.error ? <ErrorMessage error={probes.error} what="the probes" /> : null}
      {probes.loading && !probes.data ? <Loading what="probes" /> : null}
      {probes.data ? (
        <Table
          caption="Probes"
          head={
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Source</th>
              <th scope="col">Query</th>
              <th scope="col">Detector</th>
              <th scope="col">Schedule</th>
              <th scope="col">Last run</th>
              <th scope="col">Last error</th>
              <th scope="col">Warming up</th>
              {isAdmin ? <th scope="col">Actions</th> : null}
            </tr>
          }
          empty={probes.data.items.length === 0 ? <p className="muted">No probes yet.</p> : null}
        >
          {probes.data.items.map((p) => (
            <tr key={p.id}>
              <td className="clip">
                <Link to={`/probes/${p.id}`}>{p.name}</Link>
                {p.enabled ? null : <div className="muted">disabled</div>}
              </td>
              <td>{p.source}</td>
              <td className="clip mono">
                {p.query}
                {p.wpk_id ? <div className="muted">workflow {p.wpk_id}</div> : null}
              </td>
              <td>
                {p.detector} ≥ {p.effective_threshold}
                <div className="muted">{p.sensitivity ? `sensitivity ${p.sensitivity}` : 'threshold given'}{p.tuning_steps ? `, raised ${p.tuning_steps} step${p.tuning_steps === 1 ? '' : 's'} by feedback` : ''}</div>
              </td>
              <td className="nowrap">{schedule(p)}</td>
              <td className="nowrap" title={formatTime(p.last_run_at)}>
                {formatAgo(p.last_run_at)}
              </td>
              <td className="clip">{p.last_error ? <span className="status-failed">{p.last_error}</span> : '—'}</td>
              <td className="nowrap">{warmingUp(p)}</td>
              {isAdmin ? (
                <td className="nowrap">
                  <div className="actions">
                    <Link to={`/probes/${p.id}`} className="button" aria-label={`Edit ${p.name}`}>
                      Edit
                    </Link>
                    <button type="button" disabled={busy === p.id} onClick={() => runNow(p)} aria-label={`Run now: ${p.name}`}>
                      Run now
                    </button>
                    <button type="button" className="danger" disabled={busy === p.id} onClick={() => remove(p)} aria-label={`Delete ${p.name}`}>
                      Delete
                    </button>
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </Table>
      ) : null}
    </>
  );
}
