import { FormEvent, useState } from 'react';
import { fromLocalInput, toLocalInput } from '../format';

export type Preset = '1h' | '24h' | '7d' | '30d' | 'custom';
export interface TimeRange {
  preset: Preset;
  from: string;
  to: string;
}

const SPANS: Record<Exclude<Preset, 'custom'>, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 };
const LABELS: Record<Preset, string> = { '1h': '1 h', '24h': '24 h', '7d': '7 d', '30d': '30 d', custom: 'Custom' };

export function presetRange(preset: Exclude<Preset, 'custom'>, now = Date.now()): TimeRange {
  return { preset, from: new Date(now - SPANS[preset]).toISOString(), to: new Date(now).toISOString() };
}

/** The range a page's address names (`?range=7d`, or `?from=…&to=…` for a custom one); 24 h when it names none or a broken one. */
export function rangeFromQuery(query: URLSearchParams, now = Date.now()): TimeRange {
  const preset = query.get('range');
  if (preset && preset in SPANS) return presetRange(preset as Exclude<Preset, 'custom'>, now);
  const from = query.get('from');
  const to = query.get('to');
  if (from && to) {
    const f = Date.parse(from);
    const t = Date.parse(to);
    if (Number.isFinite(f) && Number.isFinite(t) && f < t) return { preset: 'custom', from: new Date(f).toISOString(), to: new Date(t).toISOString() };
  }
  return presetRange('24h', now);
}

/** The address query naming a range: presets stay relative to now, so a shared link shows the latest. */
export function rangeQuery(range: TimeRange): Record<string, string> {
  return range.preset === 'custom' ? { from: range.from, to: range.to } : { range: range.preset };
}

/** 1 h, 24 h, 7 d, 30 d ending now, or a custom from–to in the viewer's zone. */
export function RangePicker({ value, onChange }: { value: TimeRange; onChange: (r: TimeRange) => void }) {
  const [custom, setCustom] = useState(value.preset === 'custom');
  const [from, setFrom] = useState(toLocalInput(value.from));
  const [to, setTo] = useState(toLocalInput(value.to));
  const [error, setError] = useState<string | undefined>();
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const f = fromLocalInput(from);
    const t = fromLocalInput(to);
    if (!f || !t) return setError('Enter both times.');
    if (f >= t) return setError('“From” must be before “to”.');
    setError(undefined);
    onChange({ preset: 'custom', from: f, to: t });
  };
  return (
    <div className="range-picker" role="group" aria-label="Time range">
      {(Object.keys(SPANS) as Array<Exclude<Preset, 'custom'>>).map((p) => (
        <button
          key={p}
          type="button"
          aria-pressed={!custom && value.preset === p}
          onClick={() => {
            setCustom(false);
            onChange(presetRange(p));
          }}
        >
          {LABELS[p]}
        </button>
      ))}
      <button type="button" aria-pressed={custom} onClick={() => setCustom(true)}>
        {LABELS.custom}
      </button>
      {custom ? (
        <form className="filters" onSubmit={apply}>
          <div>
            <label htmlFor="range-from">From</label>
            <input id="range-from" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div>
            <label htmlFor="range-to">To</label>
            <input id="range-to" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
          <button type="submit">Apply</button>
          {error ? (
            <p className="field-error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
