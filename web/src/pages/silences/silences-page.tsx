import type { Silence, SilenceMatcher } from '@neuralops/client';
import { FormEvent, useEffect, useState } from 'react';
import { useAuth, useGuarded } from '../../api/auth';
import { errorText, fieldErrors } from '../../api/session';
import { useApi } from '../../api/use-api';
import { ErrorMessage, Loading, StatusBadge, Table, useTitle } from '../../components/common';
import { formatTime } from '../../format';
import { Link, useLocation } from '../../router';

const DURATIONS: Array<[string, number]> = [
  ['1 hour', 3_600_000],
  ['2 hours', 2 * 3_600_000],
  ['4 hours', 4 * 3_600_000],
  ['1 day', 86_400_000],
  ['7 days', 7 * 86_400_000],
];

type Row = { name: string; value: string; is_regex: boolean };

function matcherText(m: SilenceMatcher): string {
  const op = `${m.is_equal === false ? '!' : '='}${m.is_regex ? '~' : m.is_equal === false ? '=' : ''}`;
  return `${m.name}${op}"${m.value}"`;
}

/**
 * Silences: maintenance windows over the labels signals are sent with. Matching signals get no
 * webhook deliveries while one is active, and Alertmanager gets a copy. `?signal=<id>` starts the
 * form from that signal's labels.
 */
export function SilencesPage() {
  useTitle('Silences');
  const { isAdmin } = useAuth();
  const guarded = useGuarded();
  const { query } = useLocation();
  const fromSignal = query.get('signal');
  const silences = useApi((c) => c.listSilences(), []);
  const signal = useApi(fromSignal && isAdmin ? (c) => c.getSignal(fromSignal) : null, [fromSignal, isAdmin]);
  const [rows, setRows] = useState<Row[]>([{ name: '', value: '', is_regex: false }]);
  const [duration, setDuration] = useState(String(DURATIONS[0][1]));
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    if (!signal.data) return;
    setRows(Object.entries(signal.data.alert_labels).map(([name, value]) => ({ name, value, is_regex: false })));
    setComment(`silenced from signal ${signal.data.probe_name ?? signal.data.metric}`);
  }, [signal.data]);

  const setRow = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      const made = await guarded((c) =>
        c.createSilence({
          matchers: rows.filter((r) => r.name.trim() || r.value).map((r) => ({ name: r.name.trim(), value: r.value, is_regex: r.is_regex })),
          ends_at: new Date(Date.now() + Number(duration)).toISOString(),
          comment: comment.trim(),
        }),
      );
      setErrors({});
      setMessage({ ok: true, text: `Silence created, active until ${formatTime(made.ends_at)}.` });
      silences.reload();
    } catch (err) {
      setErrors(fieldErrors(err));
      setMessage({ ok: false, text: `Not created: ${errorText(err)}` });
    }
  };
  const expire = async (s: Silence) => {
    if (!window.confirm(`Expire the silence "${s.comment}" now? Signals it holds back and still firing are delivered.`)) return;
    try {
      await guarded((c) => c.expireSilence(s.id));
      silences.reload();
    } catch (err) {
      setMessage({ ok: false, text: `Not expired: ${errorText(err)}` });
    }
  };

  return (
    <>
      <h1>Silences</h1>
      {isAdmin ? (
        <section aria-labelledby="new-silence">
          <h2 id="new-silence">Create a silence</h2>
          {fromSignal ? (
            <p className="hint-text">
              Started from the labels of <Link to={`/signals/${fromSignal}`}>the signal</Link>: remove the ones that should not have to match.
            </p>
          ) : null}
          {signal.error ? <ErrorMessage error={signal.error} what="the signal" /> : null}
          <form onSubmit={create} noValidate aria-label="New silence">
            <fieldset aria-describedby={errors.matchers ? 'silence-matchers-error' : undefined}>
              <legend>Matchers (all must match)</legend>
              {rows.map((r, i) => (
                <div className="matcher-row" key={i}>
                  <div>
                    <label htmlFor={`matcher-name-${i}`}>Label {i + 1}</label>
                    <input id={`matcher-name-${i}`} value={r.name} onChange={(e) => setRow(i, { name: e.target.value })} aria-invalid={errors.matchers ? true : undefined} />
                  </div>
                  <div>
                    <label htmlFor={`matcher-value-${i}`}>Value {i + 1}</label>
                    <input id={`matcher-value-${i}`} value={r.value} onChange={(e) => setRow(i, { value: e.target.value })} aria-invalid={errors.matchers ? true : undefined} />
                  </div>
                  <label className="checkbox">
                    <input type="checkbox" checked={r.is_regex} onChange={(e) => setRow(i, { is_regex: e.target.checked })} />
                    Regex {i + 1}
                  </label>
                  <button type="button" onClick={() => setRows(rows.filter((_, j) => j !== i))} aria-label={`Remove matcher ${i + 1}`}>
                    Remove
                  </button>
                </div>
              ))}
              <button type="button" onClick={() => setRows([...rows, { name: '', value: '', is_regex: false }])}>
                Add matcher
              </button>
              {errors.matchers ? (
                <p className="field-error" id="silence-matchers-error">
                  {errors.matchers}
                </p>
              ) : null}
            </fieldset>
            <div className="filters">
              <div>
                <label htmlFor="silence-duration">For</label>
                <select id="silence-duration" value={duration} onChange={(e) => setDuration(e.target.value)}>
                  {DURATIONS.map(([text, ms]) => (
                    <option key={ms} value={ms}>
                      {text}
                    </option>
                  ))}
                </select>
                {errors.ends_at ? <p className="field-error">{errors.ends_at}</p> : null}
              </div>
              <div>
                <label htmlFor="silence-comment">Comment</label>
                <input
                  id="silence-comment"
                  value={comment}
                  onChange={(e) => setComment(e.target.value)}
                  aria-invalid={errors.comment ? true : undefined}
                  aria-describedby={errors.comment ? 'silence-comment-error' : undefined}
                />
                {errors.comment ? (
                  <p className="field-error" id="silence-comment-error">
                    {errors.comment}
                  </p>
                ) : null}
              </div>
              <button type="submit" className="primary">
                Create silence
              </button>
            </div>
          </form>
          {message ? (
            <div className={message.ok ? 'alert success' : 'alert'} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </div>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="silence-list">
        <h2 id="silence-list">Silences</h2>
        <p className="hint-text">Active and pending silences, and those expired in the last 7 days.</p>
        {silences.error ? <ErrorMessage error={silences.error} what="the silences" /> : null}
        {silences.loading && !silences.data ? <Loading what="silences" /> : null}
        {silences.data ? (
          <Table
            caption="Silences, latest end first"
            empty={silences.data.items.length ? undefined : <p className="muted">No silences.</p>}
            head={
              <tr>
                <th scope="col">State</th>
                <th scope="col">Matchers</th>
                <th scope="col">Comment</th>
                <th scope="col">Starts</th>
                <th scope="col">Ends</th>
                <th scope="col">By</th>
                <th scope="col">Alertmanager</th>
                {isAdmin ? <th scope="col">Actions</th> : null}
              </tr>
            }
          >
            {silences.data.items.map((s) => (
              <tr key={s.id}>
                <td>
                  <StatusBadge status={s.state} />
                </td>
                <td className="mono clip">{s.matchers.map(matcherText).join(', ')}</td>
                <td className="clip">
                  {s.comment}
                  {s.signal_id ? (
                    <>
                      {' '}
                      (<Link to={`/signals/${s.signal_id}`}>snoozed signal</Link>)
                    </>
                  ) : null}
                </td>
                <td className="nowrap">{formatTime(s.starts_at)}</td>
                <td className="nowrap">{formatTime(s.ends_at)}</td>
                <td className="clip">{s.created_by.name}</td>
                <td>{s.alertmanager ? <span title={s.alertmanager.last_error ?? undefined}>{s.alertmanager.state.replace('_', ' ')}</span> : '—'}</td>
                {isAdmin ? (
                  <td>
                    {s.state === 'expired' ? null : (
                      <button type="button" className="danger" onClick={() => expire(s)} aria-label={`Expire ${s.comment}`}>
                        Expire
                      </button>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </Table>
        ) : null}
      </section>
    </>
  );
}
