/**
 * The node timeline's model: each node log becomes a row with a time span, nested under the node
 * that ran its subgraph (the last entry of its `path`), as a trace viewer nests spans by parent.
 */
export interface TimelineRow {
  key: string;
  index: number | null;
  node: string;
  depth: number;
  status: string | null;
  error: string | null;
  /** ms since the epoch; null when the log carries no timing */
  start: number | null;
  end: number | null;
  duration: number | null;
  interrupted: boolean;
  failed: boolean;
  log: Record<string, unknown> | null;
  children: TimelineRow[];
}

const time = (v: unknown): number | null => {
  if (typeof v !== 'string') return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
};
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function rowOf(log: Record<string, unknown>, index: number): TimelineRow {
  let start = time(log.started_at);
  let end = time(log.ended_at);
  const duration = num(log.duration_ms) ?? (start !== null && end !== null ? end - start : null);
  if (start !== null && end === null && duration !== null) end = start + duration;
  if (start === null && end !== null && duration !== null) start = end - duration;
  const status = typeof log.status === 'string' ? log.status : null;
  const error = typeof log.error === 'string' && log.error ? log.error : null;
  const meta = log.metadata as Record<string, unknown> | null | undefined;
  return {
    key: `n${index}`,
    index,
    node: typeof log.node === 'string' ? log.node : '(unnamed)',
    depth: 0,
    status,
    error,
    start,
    end,
    duration,
    interrupted: status === 'interrupted' || meta?.interrupted === true || log.interrupted === true,
    failed: status === 'failed' || status === 'error' || error !== null,
    log,
    children: [],
  };
}

function pathOf(log: Record<string, unknown>): string[] {
  return Array.isArray(log.path) ? log.path.filter((p): p is string => typeof p === 'string') : [];
}

const samePath = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The rows as a forest, children in start order. */
export function buildTimeline(logs: unknown[] | null | undefined): TimelineRow[] {
  const items = (logs ?? []).filter((l): l is Record<string, unknown> => l !== null && typeof l === 'object' && !Array.isArray(l));
  const rows = items.map(rowOf);
  const paths = items.map(pathOf);
  const roots: TimelineRow[] = [];
  const groups = new Map<string, TimelineRow>();
  rows.forEach((row, i) => {
    const path = paths[i];
    if (!path.length) {
      roots.push(row);
      return;
    }
    // the parent: the latest earlier log that ran the enclosing node at the enclosing path
    // and whose span holds this one's start (when both are timed)
    const parentNode = path[path.length - 1];
    const parentPath = path.slice(0, -1);
    let parent: TimelineRow | undefined;
    for (let j = items.length - 1; j >= 0; j--) {
      if (j === i || rows[j].node !== parentNode || !samePath(paths[j], parentPath)) continue;
      const p = rows[j];
      const holds = row.start === null || p.start === null || p.end === null || (row.start >= p.start && row.start <= p.end);
      if (holds && (j < i || parent === undefined)) {
        parent = p;
        if (j < i) break;
      }
    }
    if (!parent) {
      // the subgraph's own node was not logged: a group row stands in for it
      const key = `g:${path.join('/')}`;
      parent = groups.get(key);
      if (!parent) {
        parent = { key, index: null, node: parentNode, depth: 0, status: null, error: null, start: null, end: null, duration: null, interrupted: false, failed: false, log: null, children: [] };
        groups.set(key, parent);
        const holder = parentPath.length ? undefined : roots;
        (holder ?? roots).push(parent);
      }
    }
    parent.children.push(row);
  });
  // group rows span their children
  const span = (r: TimelineRow): void => {
    r.children.forEach(span);
    if (r.index === null) {
      const starts = r.children.map((c) => c.start).filter((v): v is number => v !== null);
      const ends = r.children.map((c) => c.end).filter((v): v is number => v !== null);
      r.start = starts.length ? Math.min(...starts) : null;
      r.end = ends.length ? Math.max(...ends) : null;
      r.duration = r.start !== null && r.end !== null ? r.end - r.start : null;
      r.failed = r.children.some((c) => c.failed);
    }
    r.children.sort(byStart);
  };
  roots.forEach(span);
  roots.sort(byStart);
  const depth = (r: TimelineRow, d: number): void => {
    r.depth = d;
    r.children.forEach((c) => depth(c, d + 1));
  };
  roots.forEach((r) => depth(r, 0));
  return roots;
}

function byStart(a: TimelineRow, b: TimelineRow): number {
  if (a.start === null || b.start === null) return (a.index ?? 0) - (b.index ?? 0);
  return a.start - b.start || (a.index ?? 0) - (b.index ?? 0);
}

/** The first start and last end over every row (and the run's own times, when given). */
export function timelineBounds(rows: TimelineRow[], runStart?: number | null, runEnd?: number | null): { start: number; end: number } | null {
  let start = runStart ?? Infinity;
  let end = runEnd ?? -Infinity;
  const walk = (r: TimelineRow) => {
    if (r.start !== null) start = Math.min(start, r.start);
    if (r.end !== null) end = Math.max(end, r.end);
    r.children.forEach(walk);
  };
  rows.forEach(walk);
  if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
  return { start, end: end > start ? end : start + 1 };
}

export function countRows(rows: TimelineRow[]): number {
  return rows.reduce((n, r) => n + 1 + countRows(r.children), 0);
}
