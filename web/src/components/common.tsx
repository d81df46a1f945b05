import { ReactNode, useEffect, useState } from 'react';
import { errorText } from '../api/session';

export function StatusBadge({ status }: { status: string | null | undefined }) {
  const s = status ?? 'none';
  return <span className={`status status-${s.replace(/[^a-z]/g, '')}`}>{status ?? 'no runs'}</span>;
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorMessage({ error, what }: { error: unknown; what?: string }) {
  return (
    <div className="alert" role="alert">
      {what ? `Could not load ${what}: ` : ''}
      {errorText(error)}
    </div>
  );
}

/** Any JSON value, collapsible. */
export function JsonView({ label, value, open = false }: { label: string; value: unknown; open?: boolean }) {
  const empty = value === null || value === undefined;
  return (
    <details open={open && !empty}>
      <summary>
        {label}
        {empty ? <span className="muted"> (none)</span> : null}
      </summary>
      {empty ? null : <pre className="json">{JSON.stringify(value, null, 2)}</pre>}
    </details>
  );
}

/** A table that scrolls sideways inside its own box on narrow screens. */
export function Table({ caption, head, children, empty }: { caption: string; head: ReactNode; children: ReactNode; empty?: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>{head}</thead>
        <tbody>{children}</tbody>
      </table>
      {empty}
    </div>
  );
}

/** Previous / next over keyset cursors: the cursors of the pages before are kept to go back. */
export function useCursorPager(): { cursor: string | undefined; pager: (next: string | null | undefined) => ReactNode; reset: () => void } {
  const [stack, setStack] = useState<Array<string | undefined>>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const pager = (next: string | null | undefined) =>
    stack.length === 0 && !next ? null : (
      <nav className="pager" aria-label="Pages">
        <button
          type="button"
          disabled={stack.length === 0}
          onClick={() => {
            setCursor(stack[stack.length - 1]);
            setStack(stack.slice(0, -1));
          }}
        >
          Previous page
        </button>
        <span className="muted">Page {stack.length + 1}</span>
        <button
          type="button"
          disabled={!next}
          onClick={() => {
            setStack([...stack, cursor]);
            setCursor(next ?? undefined);
          }}
        >
          Next page
        </button>
      </nav>
    );
  return { cursor, pager, reset: () => (setStack([]), setCursor(undefined)) };
}

/** A small inline SVG line of counts (the last 24 hours of runs). */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const w = 96;
  const h = 24;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? w / (values.length - 1) : w;
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(h - 2 - (v / max) * (h - 4)).toFixed(1)}`).join(' ');
  return (
    <svg className="sparkline" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label} preserveAspectRatio="none">
      <line className="zero" x1="0" x2={w} y1={h - 2} y2={h - 2} />
      <polyline points={points} />
    </svg>
  );
}

export function Facts({ items }: { items: Array<[string, ReactNode]> }) {
  return (
    <dl className="facts">
      {items.map(([k, v]) => (
        <div key={k} className="fact-row">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The document title follows the page. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · NeuralOps`;
  }, [title]);
}

/** A value that settles `ms` after the last change (search boxes). */
export function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
