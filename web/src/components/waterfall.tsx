import { useMemo, useState } from 'react';
import { formatDuration } from '../format';
import { JsonView } from './common';
import { buildTimeline, countRows, TimelineRow, timelineBounds } from './waterfall-model';

interface Props {
  nodeLogs: unknown[] | null | undefined;
  runStart?: string | null;
  runEnd?: string | null;
}

const pct = (v: number) => `${Math.max(0, Math.min(100, v)).toFixed(3)}%`;

/**
 * The node timeline: one bar per node execution from started_at to ended_at, nested by subgraph
 * path (collapsible), failed nodes red, interrupted ones hatched. Hover or focus a bar for its
 * duration, status and error; choose it to see the node's inputs and outputs.
 */
export function Waterfall({ nodeLogs, runStart, runEnd }: Props) {
  const roots = useMemo(() => buildTimeline(nodeLogs), [nodeLogs]);
  const bounds = useMemo(() => timelineBounds(roots, runStart ? Date.parse(runStart) : null, runEnd ? Date.parse(runEnd) : null), [roots, runStart, runEnd]);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [open, setOpen] = useState<string | null>(null);
  const [hover, setHover] = useState<string | null>(null);
  const total = useMemo(() => countRows(roots), [roots]);

  if (!roots.length) return <p className="muted">This run recorded no node logs.</p>;

  const rows: TimelineRow[] = [];
  const walk = (r: TimelineRow) => {
    rows.push(r);
    if (!collapsed.has(r.key)) r.children.forEach(walk);
  };
  roots.forEach(walk);

  const span = bounds ? bounds.end - bounds.start : 1;
  const ticks = bounds ? [0, 0.25, 0.5, 0.75, 1].map((f) => ({ f, label: formatDuration(f * span) })) : [];
  const toggle = (key: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <div className="waterfall" role="group" aria-label={`Node timeline: ${total} node executions`}>
      <div className="wf-axis" aria-hidden="true">
        <div className="wf-label">Node</div>
        <div className="wf-ticks">
          {ticks.map((t) => (
            <span key={t.f} className="wf-tick" style={{ left: pct(t.f * 100) }}>
              {t.label}
            </span>
          ))}
        </div>
      </div>
      {rows.map((r) => {
        const timed = bounds && r.start !== null && r.end !== null;
        const left = timed ? ((r.start! - bounds.start) / span) * 100 : 0;
        const width = timed ? ((r.end! - r.start!) / span) * 100 : 100;
        const state = r.failed ? 'failed' : r.interrupted ? 'interrupted' : '';
        const label = `${r.node}: ${r.status ?? (r.index === null ? 'subgraph' : 'no status')}, ${timed ? formatDuration(r.duration) : 'no timing'}${r.error ? `, error: ${r.error}` : ''}${r.interrupted ? ', interrupted' : ''}`;
        return (
          <div key={r.key} className="wf-row" data-node={r.node} data-state={state || 'ok'}>
            <div className="wf-label" style={{ paddingLeft: `${0.4 + r.depth * 1.1}rem` }}>
              {r.children.length ? (
                <button type="button" className="wf-toggle" aria-expanded={!collapsed.has(r.key)} aria-label={`${collapsed.has(r.key) ? 'Expand' : 'Collapse'} ${r.node}`} onClick={() => toggle(r.key)}>
                  {collapsed.has(r.key) ? '+' : '−'}
                </button>
              ) : (
                <span className="wf-spacer" />
              )}
              <span className="node-name" title={r.node}>
                {r.node}
              </span>
              {r.failed ? <span className="wf-mark failed">failed</span> : null}
              {r.interrupted ? <span className="wf-mark interrupted">interrupted</span> : null}
            </div>
            <div className="wf-track">
              <button
                type="button"
                className={`wf-bar ${state} ${timed ? '' : 'untimed'}`}
                style={{ left: pct(left), width: pct(width) }}
                aria-label={label}
                aria-expanded={r.log ? open === r.key : undefined}
                onMouseEnter={() => setHover(r.key)}
                onMouseLeave={() => setHover((h) => (h === r.key ? null : h))}
                onFocus={() => setHover(r.key)}
                onBlur={() => setHover((h) => (h === r.key ? null : h))}
                onClick={() => r.log && setOpen((o) => (o === r.key ? null : r.key))}
              />
              {hover === r.key ? (
                <div className="wf-tooltip" role="tooltip" style={{ left: pct(Math.min(left, 60)) }}>
                  <strong>{r.node}</strong>
                  <br />
                  {timed ? formatDuration(r.duration) : 'no timing recorded'} · {r.status ?? (r.index === null ? 'subgraph' : 'no status')}
                  {r.interrupted ? ' · interrupted' : ''}
                  {r.error ? (
                    <>
                      <br />
                      <span className="status-failed">{r.error}</span>
                    </>
                  ) : null}
                </div>
              ) : null}
            </div>
            {open === r.key && r.log ? (
              <div className="wf-detail">
                <JsonView label={`${r.node} inputs`} value={r.log.inputs} open />
                <JsonView label={`${r.node} outputs`} value={r.log.outputs} open />
                {r.log.metadata ? <JsonView label={`${r.node} metadata`} value={r.log.metadata} /> : null}
              </div>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
