import type { RunStatus } from '@neuralops/client';
import { FormEvent, useState } from 'react';
import { useApi } from '../../api/use-api';
import { ErrorMessage, Loading, StatusBadge, Table, useCursorPager } from '../../components/common';
import { formatDuration, formatTime, fromLocalInput } from '../../format';
import { Link } from '../../router';

const STATUSES: RunStatus[] = ['running', 'completed', 'failed', 'cancelled'];

interface Filters {
  status?: RunStatus;
  tag?: string;
  since?: string;
  until?: string;
}

/** The workflow's runs, newest first, with status, tag and time filters and cursor paging. */
export function WorkflowRuns({ id }: { id: string }) {
  const [draft, setDraft] = useState({ status: '', tag: '', since: '', until: '' });
  const [filters, setFilters] = useState<Filters>({});
  const { cursor, pager, reset } = useCursorPager();
  const runs = useApi((c) => c.listWorkflowRuns(id, { ...filters, limit: 25, cursor }), [id, filters, cursor]);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    reset();
    setFilters({
      status: (draft.status || undefined) as RunStatus | undefined,
      tag: draft.tag.trim() || undefined,
      since: fromLocalInput(draft.since),
      until: fromLocalInput(draft.until),
    });
  };
  return (
    <>
      <form className="filters" onSubmit={apply} aria-label="Filter runs">
        <div>
          <label htmlFor="runs-status">Status</label>
          <select id="runs-status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="runs-tag">Tag</label>
          <input id="runs-tag" value={draft.tag} onChange={(e) => setDraft({ ...draft, tag: e.target.value })} />
        </div>
        <div>
          <label htmlFor="runs-since">Recorded from</label>
          <input id="runs-since" type="datetime-local" value={draft.since} onChange={(e) => setDraft({ ...draft, since: e.target.value })} />
        </div>
        <div>
          <label htmlFor="runs-until">Recorded before</label>
          <input id="runs-until" type="datetime-local" value={draft.until} onChange={(e) => setDraft({ ...draft, until: e.target.value })} />
        </div>
        <button type="submit">Filter</button>
      </form>
      {runs.error ? <ErrorMessage error={runs.error} what="the runs" /> : null}
      {runs.loading && !runs.data ? <Loading what="runs" /> : null}
      {runs.data ? (
        <>
          <Table
            caption="Runs of the workflow"
            head={
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col" className="num">Duration</th>
                <th scope="col">Tags</th>
                <th scope="col">Error</th>
              </tr>
            }
            empty={runs.data.items.length === 0 ? <p className="muted">No runs match.</p> : null}
          >
            {runs.data.items.map((r) => (
              <tr key={r.id}>
                <td className="clip">
                  <Link to={`/runs/${r.id}`}>{r.run_id}</Link>
                </td>
                <td>
                  <StatusBadge status={r.status} />
                </td>
                <td className="nowrap">{formatTime(r.started_at ?? r.created_at)}</td>
                <td className="num">{formatDuration(r.duration_ms)}</td>
                <td>{(r.tags ?? []).map((t) => <span key={t} className="chip">{t}</span>)}</td>
                <td className="clip">{r.error ? r.error.slice(0, 160) : ''}</td>
              </tr>
            ))}
          </Table>
          {pager(runs.data.next_cursor)}
        </>
      ) : null}
    </>
  );
}
