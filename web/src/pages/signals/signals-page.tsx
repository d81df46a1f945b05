import { FormEvent, useState } from 'react';
import { useApi } from '../../api/use-api';
import { ErrorMessage, Loading, StatusBadge, Table, useCursorPager, useTitle } from '../../components/common';
import { formatLabels, formatNumber, formatTime } from '../../format';
import { Link } from '../../router';

interface Filters {
  state?: 'firing' | 'resolved';
  probe_id?: string;
  wpk_id?: string;
  min_score?: number;
  acknowledged?: boolean;
  feedback?: 'useful' | 'noise' | 'none';
  silenced?: boolean;
}

const yesNo = (v: string) => (v === 'yes' ? true : v === 'no' ? false : undefined);

export function SignalsPage() {
  useTitle('Signals');
  const probes = useApi((c) => c.listProbes(), []);
  const [draft, setDraft] = useState({ state: '', probe_id: '', wpk_id: '', min_score: '', acknowledged: '', feedback: '', silenced: '' });
  const [filters, setFilters] = useState<Filters>({});
  const { cursor, pager, reset } = useCursorPager();
  const page = useApi((c) => c.listSignals({ ...filters, limit: 50, cursor }), [filters, cursor]);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    reset();
    const score = Number(draft.min_score);
    setFilters({
      state: (draft.state || undefined) as Filters['state'],
      probe_id: draft.probe_id || undefined,
      wpk_id: draft.wpk_id.trim() || undefined,
      min_score: draft.min_score !== '' && Number.isFinite(score) && score >= 0 ? score : undefined,
      acknowledged: yesNo(draft.acknowledged),
      feedback: (draft.feedback || undefined) as Filters['feedback'],
      silenced: yesNo(draft.silenced),
    });
  };

  return (
    <>
      <h1>Signals</h1>
      <form className="filters" onSubmit={apply} aria-label="Filter signals">
        <div>
          <label htmlFor="sig-state">State</label>
          <select id="sig-state" value={draft.state} onChange={(e) => setDraft({ ...draft, state: e.target.value })}>
            <option value="">any</option>
            <option>firing</option>
            <option>resolved</option>
          </select>
        </div>
        <div>
          <label htmlFor="sig-probe">Probe</label>
          <select id="sig-probe" value={draft.probe_id} onChange={(e) => setDraft({ ...draft, probe_id: e.target.value })}>
            <option value="">any</option>
            {(probes.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="sig-wf">Workflow</label>
          <input id="sig-wf" value={draft.wpk_id} onChange={(e) => setDraft({ ...draft, wpk_id: e.target.value })} />
        </div>
        <div>
          <label htmlFor="sig-score">Peak score at least</label>
          <input id="sig-score" type="number" min="0" step="any" inputMode="decimal" value={draft.min_score} onChange={(e) => setDraft({ ...draft, min_score: e.target.value })} />
        </div>
        <div>
          <label htmlFor="sig-ack">Acknowledged</label>
          <select id="sig-ack" value={draft.acknowledged} onChange={(e) => setDraft({ ...draft, acknowledged: e.target.value })}>
            <option value="">any</option>
            <option>yes</option>
            <option>no</option>
          </select>
        </div>
        <div>
          <label htmlFor="sig-feedback">Feedback</label>
          <select id="sig-feedback" value={draft.feedback} onChange={(e) => setDraft({ ...draft, feedback: e.target.value })}>
            <option value="">any</option>
            <option>useful</option>
            <option>noise</option>
            <option value="none">none given</option>
          </select>
        </div>
        <div>
          <label htmlFor="sig-silenced">Silenced</label>
          <select id="sig-silenced" value={draft.silenced} onChange={(e) => setDraft({ ...draft, silenced: e.target.value })}>
            <option value="">any</option>
            <option>yes</option>
            <option>no</option>
          </select>
        </div>
        <button type="submit">Filter</button>
      </form>
      {page.error ? <ErrorMessage error={page.error} what="the signals" /> : null}
      {page.loading && !page.data ? <Loading what="signals" /> : null}
      {page.data ? (
        <>
          <Table
            caption="Signals"
            head={
              <tr>
                <th scope="col">State</th>
                <th scope="col">Severity</th>
                <th scope="col">Probe</th>
                <th scope="col">Series</th>
                <th scope="col" className="num">Peak score</th>
                <th scope="col">Hint</th>
                <th scope="col">Started</th>
                <th scope="col">Resolved</th>
              </tr>
            }
            empty={page.data.items.length === 0 ? <p className="muted">No signals match.</p> : null}
          >
            {page.data.items.map((s) => (
              <tr key={s.id}>
                <td>
                  <StatusBadge status={s.state} />
                  {s.acknowledged_at ? <span className="muted"> acked</span> : null}
                  {s.silenced_by ? <span className="muted"> silenced</span> : null}
                </td>
                <td>{s.severity}</td>
                <td className="clip">
                  <Link to={`/signals/${s.id}`}>{s.probe_name ?? (s.probe_id ? 'deleted probe' : 'ad hoc')}</Link>
                </td>
                <td className="clip mono">
                  {s.metric} {formatLabels(s.labels)}
                </td>
                <td className="num">
                  {formatNumber(s.score)} / {formatNumber(s.threshold)}
                </td>
                <td className="clip">{s.hint}</td>
                <td className="nowrap">{formatTime(s.observed_at)}</td>
                <td className="nowrap">{s.resolved_at ? formatTime(s.resolved_at) : '—'}</td>
              </tr>
            ))}
          </Table>
          {pager(page.data.next_cursor)}
        </>
      ) : null}
    </>
  );
}
