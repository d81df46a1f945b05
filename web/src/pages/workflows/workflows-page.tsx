import { useEffect, useState } from 'react';
import { useApi } from '../../api/use-api';
import { ErrorMessage, Loading, Sparkline, StatusBadge, Table, useCursorPager, useDebounced, useTitle } from '../../components/common';
import { formatAgo, formatDuration, formatTime } from '../../format';
import { Link } from '../../router';

const PAGE = 50;

export function WorkflowsPage() {
  useTitle('Workflows');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { cursor, pager, reset } = useCursorPager();
  useEffect(reset, [q]);
  const page = useApi((c) => c.listWorkflows({ q: q || undefined, limit: PAGE, cursor, include: 'stats_24h' }), [q, cursor]);

  return (
    <>
      <div className="page-head">
        <h1>Workflows</h1>
      </div>
      <div className="filters" role="search">
        <div>
          <label htmlFor="wf-search">Search by name</label>
          <input id="wf-search" type="search" value={search} placeholder="e.g. invoice" onChange={(e) => setSearch(e.target.value)} />
        </div>
      </div>
      {page.error ? <ErrorMessage error={page.error} what="the workflows" /> : null}
      {page.loading && !page.data ? <Loading what="workflows" /> : null}
      {page.data ? (
        <>
          <Table
            caption="Workflows"
            head={
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Latest status</th>
                <th scope="col">Last run</th>
                <th scope="col" className="num">Runs 24 h</th>
                <th scope="col" className="num">Failures 24 h</th>
                <th scope="col" className="num">p95 24 h</th>
                <th scope="col">Runs per hour</th>
              </tr>
            }
            empty={page.data.items.length === 0 ? <p className="muted">{q ? `No workflow matches “${q}”.` : 'No workflows yet: record a run and its workflow appears here.'}</p> : null}
          >
            {page.data.items.map((w) => (
              <tr key={w.id}>
                <td className="clip">
                  <Link to={`/workflows/${encodeURIComponent(w.id)}`}>{w.name}</Link>
                  {w.name !== w.id ? <div className="muted mono">{w.id}</div> : null}
                </td>
                <td>
                  <StatusBadge status={w.last_status} />
                </td>
                <td className="nowrap" title={formatTime(w.last_run_at)}>
                  {w.last_run_id ? formatAgo(w.last_run_at) : '—'}
                </td>
                <td className="num">{w.stats_24h?.runs ?? '—'}</td>
                <td className="num">{w.stats_24h?.failed ?? '—'}</td>
                <td className="num">{formatDuration(w.stats_24h?.duration_p95_ms)}</td>
                <td>{w.stats_24h ? <Sparkline values={w.stats_24h.hourly} label={`${w.stats_24h.runs} runs in 24 hours, by hour`} /> : null}</td>
              </tr>
            ))}
          </Table>
          {pager(page.data.next_cursor)}
        </>
      ) : null}
    </>
  );
}
