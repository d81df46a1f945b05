import type { AdhocResult, CreateProbe, Detector, Probe, ProbeDetail, SensitivityLevel, Severity, UpdateProbe } from '@neuralops/client';
import { FormEvent, ReactNode, useEffect, useState } from 'react';
import { useAuth, useGuarded } from '../../api/auth';
import { errorText, fieldErrors } from '../../api/session';
import { useApi } from '../../api/use-api';
import { ErrorMessage, Facts, Loading, Table, useTitle } from '../../components/common';
import { ProbePreview } from './probe-preview';
import { schedule } from './probes-page';
import { formatTime } from '../../format';
import { navigate } from '../../router';

/** A sensitivity level, or 'number' for a threshold given in the detector's unit. */
type Level = SensitivityLevel['level'] | 'number';
const LEVELS: SensitivityLevel['level'][] = ['low', 'medium', 'high'];

/** A message that survives the move from the new-probe form to the created probe's page. */
let flash: string | null = null;

interface Draft {
  name: string;
  source: 'runs' | 'prometheus';
  query: string;
  wpk_id: string;
  detector: string;
  detector_params: string;
  level: Level;
  threshold: string;
  lookback: string;
  step: string;
  scheduleKind: 'interval' | 'cron';
  interval_s: string;
  cron: string;
  cooldown_s: string;
  min_consecutive: string;
  enabled: boolean;
  severity: Severity;
  labels: string;
}

const EMPTY: Draft = {
  name: '', source: 'runs', query: 'runs_duration_p95_ms', wpk_id: '', detector: '', detector_params: '{}', level: 'medium', threshold: '', lookback: '1h', step: '60s',
  scheduleKind: 'interval', interval_s: '60', cron: '', cooldown_s: '300', min_consecutive: '1', enabled: true, severity: 'warning', labels: '{}',
};

function draftOf(p: Probe): Draft {
  return {
    name: p.name, source: p.source as Draft['source'], query: p.query, wpk_id: p.wpk_id ?? '', detector: p.detector, detector_params: JSON.stringify(p.detector_params),
    level: p.sensitivity ?? 'number', threshold: p.sensitivity ? '' : String(p.threshold), lookback: p.lookback, step: p.step, scheduleKind: p.cron ? 'cron' : 'interval', interval_s: String(p.interval_s ?? 60), cron: p.cron ?? '',
    cooldown_s: String(p.cooldown_s), min_consecutive: String(p.min_consecutive), enabled: p.enabled, severity: p.severity, labels: JSON.stringify(p.labels),
  };
}

type Spec = Omit<CreateProbe, 'name'>;

/** The spec the form describes, or the fields it cannot send. */
function specOf(d: Draft, editing: boolean): { spec: Spec & { name?: string }; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const num = (field: keyof Draft, v: string) => {
    if (v.trim() === '') return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) errors[field] = 'must be a number';
    return n;
  };
  if (d.level === 'number' && d.threshold.trim() === '') errors.threshold = "give a number in the detector's unit, or pick a sensitivity";
  let params: Record<string, unknown> = {};
  try {
    const parsed: unknown = d.detector_params.trim() ? JSON.parse(d.detector_params) : {};
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) errors.detector_params = 'must be a JSON object';
    else params = parsed as Record<string, unknown>;
  } catch {
    errors.detector_params = 'must be valid JSON, e.g. {"window": 30}';
  }
  let labels: Record<string, string> = {};
  try {
    const parsed: unknown = d.labels.trim() ? JSON.parse(d.labels) : {};
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) errors.labels = 'must be a JSON object of strings';
    else labels = parsed as Record<string, string>;
  } catch {
    errors.labels = 'must be valid JSON, e.g. {"team": "payments"}';
  }
  const spec: Spec & { name?: string } = {
    name: d.name.trim() || undefined,
    severity: d.severity,
    labels,
    source: d.source,
    query: d.query.trim(),
    wpk_id: d.wpk_id.trim() || (editing ? null : undefined),
    detector: (d.detector || undefined) as Spec['detector'],
    detector_params: params,
    ...(d.level === 'number' ? { threshold: num('threshold', d.threshold) } : { sensitivity: d.level }),
    lookback: d.lookback.trim() || undefined,
    step: d.step.trim() || undefined,
    cooldown_s: num('cooldown_s', d.cooldown_s),
    min_consecutive: num('min_consecutive', d.min_consecutive),
    enabled: d.enabled,
    ...(d.scheduleKind === 'cron' ? { cron: d.cron.trim() } : { interval_s: num('interval_s', d.interval_s), ...(editing ? { cron: null } : {}) }),
  };
  return { spec, errors };
}

export function ProbeFormPage({ id }: { id?: string }) {
  useTitle(id ? 'Probe' : 'New probe');
  const { isAdmin } = useAuth();
  const existing = useApi(id ? (c) => c.getProbe(id) : null, [id]);
  if (existing.error) return <ErrorMessage error={existing.error} what="the probe" />;
  if (id && !existing.data) return <Loading what="the probe" />;
  if (!isAdmin) return existing.data ? <ProbeView probe={existing.data} /> : <p>Only admin keys can create probes.</p>;
  return <ProbeForm probe={existing.data} onTuningReset={existing.reload} />;
}

/** What feedback did to the threshold: configured and effective, and each change with its reason. */
function ProbeTuning({ probe, onReset }: { probe: Probe; onReset?: () => void }) {
  const guarded = useGuarded();
  const [error, setError] = useState<string | null>(null);
  const reset = async () => {
    try {
      await guarded((c) => c.resetProbeTuning(probe.id));
      setError(null);
      onReset?.();
    } catch (err) {
      setError(`Not reset: ${errorText(err)}`);
    }
  };
  return (
    <section aria-labelledby="tuning">
      <h2 id="tuning">Threshold tuning</h2>
      <p>
        Configured {probe.configured_threshold}, effective <strong>{probe.effective_threshold}</strong>
        {probe.tuning_steps ? ` (${probe.tuning_steps} step${probe.tuning_steps === 1 ? '' : 's'} of ×1.25 from noise labels)` : ''}.{' '}
        {onReset && probe.tuning_steps ? (
          <button type="button" onClick={reset}>
            Reset tuning
          </button>
        ) : null}
      </p>
      {error ? (
        <p className="alert" role="alert">
          {error}
        </p>
      ) : null}
      {probe.tuning.length ? (
        <Table
          caption="Changes of the effective threshold"
          head={
            <tr>
              <th scope="col">When</th>
              <th scope="col" className="num">From</th>
              <th scope="col" className="num">To</th>
              <th scope="col">Because</th>
            </tr>
          }
        >
          {probe.tuning.map((e, i) => (
            <tr key={i}>
              <td className="nowrap">{formatTime(e.at)}</td>
              <td className="num">{e.from}</td>
              <td className="num">{e.to}</td>
              <td className="clip">{e.because}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </section>
  );
}

function ProbeView({ probe }: { probe: ProbeDetail }) {
  return (
    <>
      <h1>
        <span className="kind">Probe</span> {probe.name}
      </h1>
      <Facts
        items={[
          ['Source', probe.source],
          ['Query', <span className="mono">{probe.query}</span>],
          ['Workflow', probe.wpk_id ?? '—'],
          ['Detector', `${probe.detector} ${JSON.stringify(probe.detector_params)} ≥ ${probe.effective_threshold}`],
          ['Sensitivity', probe.sensitivity ?? `a number (threshold ${probe.threshold})`],
          ['Severity', probe.severity],
          ['Labels', Object.keys(probe.labels).length ? <span className="mono">{JSON.stringify(probe.labels)}</span> : '—'],
          ['Window', `${probe.lookback} in steps of ${probe.step}`],
          ['Schedule', `${schedule(probe)}${probe.enabled ? '' : ' (disabled)'}`],
          ['Last run', formatTime(probe.last_run_at)],
          ['Last error', probe.last_error ?? '—'],
        ]}
      />
      <ProbeTuning probe={probe} />
      <RecentRuns probe={probe} />
    </>
  );
}

function RecentRuns({ probe }: { probe: ProbeDetail }) {
  if (!probe.recent_runs.length) return <p className="muted">Not run yet.</p>;
  return (
    <>
      <h2>Recent runs</h2>
      <Table
        caption="Recent runs of the probe"
        head={
          <tr>
            <th scope="col">Finished</th>
            <th scope="col" className="num">Points</th>
            <th scope="col" className="num">Signal changes</th>
            <th scope="col">Error</th>
          </tr>
        }
      >
        {probe.recent_runs.map((r) => (
          <tr key={r.id}>
            <td className="nowrap">{formatTime(r.finished_at)}</td>
            <td className="num">{r.points_scored}</td>
            <td className="num">{r.signals}</td>
            <td className="clip">{r.error ?? '—'}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}

const rate = (n: number) => (n === 0 ? '0' : n >= 10 ? n.toFixed(0) : n.toPrecision(2));

/** What a sensitivity level means for the detector: its threshold and how often it alerted on healthy series. */
function levelHint(detector: Detector | undefined, level: Level): string | undefined {
  const l = detector?.sensitivities.find((x) => x.level === level);
  if (!detector || !l) return undefined;
  const m = l.measured;
  if (!m) return `threshold ${l.threshold} ${detector.unit}; not measured at this threshold`;
  const caught = m.incidents !== null && m.incidents_caught !== null ? `; caught ${m.incidents_caught} of ${m.incidents} injected incidents` : '';
  return (
    `threshold ${l.threshold} ${detector.unit}: ${rate(m.false_alarms_per_30_days)} false alarms per series per 30 days of 5-minute points ` +
    `(at most ${rate(m.false_alarms_per_30_days_upper_95)} at 95 % confidence) on ${m.series.toLocaleString('en-US')} healthy series${caught}`
  );
}

function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p className="hint-text" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function ProbeForm({ probe, onTuningReset }: { probe?: ProbeDetail; onTuningReset?: () => void }) {
  const guarded = useGuarded();
  const [draft, setDraft] = useState<Draft>(() => (probe ? draftOf(probe) : EMPTY));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(() => {
    const text = flash;
    flash = null;
    return text ? { kind: 'success', text } : null;
  });
  const [busy, setBusy] = useState<'save' | 'preview' | 'run' | 'delete' | null>(null);
  const [preview, setPreview] = useState<AdhocResult | null>(null);
  const detectors = useApi((c) => c.listDetectors(), []);
  const detectorList = detectors.data?.items ?? [];
  const byDefault = detectorList.find((d) => d.default);
  const chosen = detectorList.find((d) => d.name === (draft.detector || byDefault?.name));
  const levelMeaning = levelHint(chosen, draft.level);
  useEffect(() => setPreview(null), [probe?.id]);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const input = (k: keyof Draft) => ({
    id: `probe-${k}`,
    'aria-invalid': errors[k] ? true : undefined,
    'aria-describedby': errors[k] ? `probe-${k}-error` : undefined,
  });

  const fail = (err: unknown, what: string) => {
    const byField = fieldErrors(err);
    setErrors(byField);
    setMessage({ kind: 'error', text: `${what}: ${errorText(err)}` });
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const { spec, errors: local } = specOf(draft, !!probe);
    if (!spec.name) local.name = 'is required';
    if (Object.keys(local).length) {
      setErrors(local);
      setMessage({ kind: 'error', text: 'Fix the fields marked below.' });
      return;
    }
    setBusy('save');
    try {
      const saved = probe ? await guarded((c) => c.updateProbe(probe.id, spec as UpdateProbe)) : await guarded((c) => c.createProbe(spec as CreateProbe));
      setErrors({});
      setMessage({ kind: 'success', text: `Saved ${saved.name}.` });
      if (!probe) {
        flash = `Saved ${saved.name}.`;
        navigate(`/probes/${saved.id}`, { replace: true });
      }
    } catch (err) {
      fail(err, 'Not saved');
    } finally {
      setBusy(null);
    }
  };

  const runPreview = async () => {
    const { spec, errors: local } = specOf(draft, false);
    if (Object.keys(local).length) return setErrors(local);
    setBusy('preview');
    const { name: _name, enabled: _enabled, interval_s: _i, cron: _c, severity: _s, labels: _l, ...adhoc } = spec as Spec & { name?: string; interval_s?: number; cron?: string | null };
    try {
      const result = await guarded((c) => c.probe({ ...adhoc, wpk_id: adhoc.wpk_id ?? undefined, store: false, samples: true }));
      setErrors({});
      setMessage(null);
      setPreview(result);
    } catch (err) {
      setPreview(null);
      fail(err, 'Preview failed');
    } finally {
      setBusy(null);
    }
  };

  const runNow = async () => {
    if (!probe) return;
    setBusy('run');
    try {
      const { run } = await guarded((c) => c.runProbe(probe.id));
      setMessage(run.error ? { kind: 'error', text: `The run failed: ${run.error}` } : { kind: 'success', text: `Ran: ${run.points_scored} points scored, ${run.signals} signal change${run.signals === 1 ? '' : 's'}.` });
    } catch (err) {
      fail(err, 'Could not run');
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    if (!probe || !window.confirm(`Delete the probe ${probe.name}? Its signals stay.`)) return;
    setBusy('delete');
    try {
      await guarded((c) => c.deleteProbe(probe.id));
      navigate('/probes');
    } catch (err) {
      fail(err, 'Not deleted');
      setBusy(null);
    }
  };

  return (
    <>
      <h1>
        <span className="kind">Probe</span> {probe ? probe.name : 'new'}
      </h1>
      {message ? (
        <div className={`alert ${message.kind === 'success' ? 'success' : ''}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </div>
      ) : null}
      <form onSubmit={save} noValidate aria-label="Probe">
        <div className="form-grid">
          <Field id="probe-name" label="Name" error={errors.name}>
            <input {...input('name')} value={draft.name} onChange={(e) => set('name', e.target.value)} />
          </Field>
          <Field id="probe-source" label="Source" error={errors.source}>
            <select {...input('source')} value={draft.source} onChange={(e) => set('source', e.target.value as Draft['source'])}>
              <option value="runs">runs (run metrics)</option>
              <option value="prometheus">prometheus (PromQL)</option>
            </select>
          </Field>
          <Field id="probe-query" label="Query" error={errors.query} hint={draft.source === 'runs' ? 'runs_count, runs_failure_ratio, runs_duration_mean_ms or runs_duration_p95_ms' : 'a PromQL expression'}>
            <input {...input('query')} value={draft.query} onChange={(e) => set('query', e.target.value)} />
          </Field>
          <Field id="probe-wpk_id" label="Workflow (optional)" error={errors.wpk_id}>
            <input {...input('wpk_id')} value={draft.wpk_id} onChange={(e) => set('wpk_id', e.target.value)} />
          </Field>
          <Field id="probe-detector" label="Detector" error={errors.detector} hint={chosen?.description}>
            <select {...input('detector')} value={draft.detector} onChange={(e) => set('detector', e.target.value)}>
              <option value="">{byDefault ? `default (${byDefault.name})` : 'default'}</option>
              {detectorList.map((d) => (
                <option key={d.name}>{d.name}</option>
              ))}
              {draft.detector && !detectorList.some((d) => d.name === draft.detector) ? <option>{draft.detector}</option> : null}
            </select>
          </Field>
          <Field id="probe-sensitivity" label="Sensitivity" error={errors.sensitivity} hint={levelMeaning}>
            <select
              id="probe-sensitivity"
              aria-invalid={errors.sensitivity ? true : undefined}
              aria-describedby={errors.sensitivity ? 'probe-sensitivity-error' : levelMeaning ? 'probe-sensitivity-hint' : undefined}
              value={draft.level}
              onChange={(e) => set('level', e.target.value as Level)}
            >
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {l === 'medium' ? 'medium (default)' : l}
                </option>
              ))}
              <option value="number">a number (experts)</option>
            </select>
          </Field>
          {draft.level === 'number' ? (
            <Field id="probe-threshold" label="Threshold" error={errors.threshold} hint={`in the detector's unit${chosen ? ` (${chosen.unit})` : ''}`}>
              <input {...input('threshold')} inputMode="decimal" value={draft.threshold} onChange={(e) => set('threshold', e.target.value)} />
            </Field>
          ) : null}
          <Field id="probe-severity" label="Severity" error={errors.severity}>
            <select {...input('severity')} value={draft.severity} onChange={(e) => set('severity', e.target.value as Severity)}>
              <option value="info">info</option>
              <option value="warning">warning</option>
              <option value="critical">critical</option>
            </select>
          </Field>
          <Field id="probe-lookback" label="Lookback" error={errors.lookback}>
            <input {...input('lookback')} value={draft.lookback} onChange={(e) => set('lookback', e.target.value)} />
          </Field>
          <Field id="probe-step" label="Step" error={errors.step}>
            <input {...input('step')} value={draft.step} onChange={(e) => set('step', e.target.value)} />
          </Field>
          <Field id="probe-scheduleKind" label="Schedule">
            <select id="probe-scheduleKind" value={draft.scheduleKind} onChange={(e) => set('scheduleKind', e.target.value as Draft['scheduleKind'])}>
              <option value="interval">every N seconds</option>
              <option value="cron">cron expression</option>
            </select>
          </Field>
          {draft.scheduleKind === 'interval' ? (
            <Field id="probe-interval_s" label="Interval (s)" error={errors.interval_s}>
              <input {...input('interval_s')} inputMode="numeric" value={draft.interval_s} onChange={(e) => set('interval_s', e.target.value)} />
            </Field>
          ) : (
            <Field id="probe-cron" label="Cron" error={errors.cron}>
              <input {...input('cron')} value={draft.cron} placeholder="*/5 * * * *" onChange={(e) => set('cron', e.target.value)} />
            </Field>
          )}
          <Field id="probe-cooldown_s" label="Cooldown (s)" error={errors.cooldown_s}>
            <input {...input('cooldown_s')} inputMode="numeric" value={draft.cooldown_s} onChange={(e) => set('cooldown_s', e.target.value)} />
          </Field>
          <Field id="probe-min_consecutive" label="Anomalous points in a row" error={errors.min_consecutive}>
            <input {...input('min_consecutive')} inputMode="numeric" value={draft.min_consecutive} onChange={(e) => set('min_consecutive', e.target.value)} />
          </Field>
          <div className="wide">
            <Field
              id="probe-detector_params"
              label="Detector parameters (JSON)"
              error={errors.detector_params}
              hint={chosen ? `${chosen.name}'s defaults, each of which this overrides: ${JSON.stringify(chosen.default_params)}` : undefined}
            >
              <textarea {...input('detector_params')} className="mono" value={draft.detector_params} onChange={(e) => set('detector_params', e.target.value)} />
            </Field>
          </div>
          <div className="wide">
            <Field id="probe-labels" label="Routing labels (JSON)" error={errors.labels} hint="sent to Alertmanager and the webhook, e.g. {&quot;team&quot;: &quot;payments&quot;}">
              <textarea {...input('labels')} className="mono" value={draft.labels} onChange={(e) => set('labels', e.target.value)} />
            </Field>
          </div>
          <div className="wide">
            <label className="checkbox">
              <input type="checkbox" checked={draft.enabled} onChange={(e) => set('enabled', e.target.checked)} /> Enabled
            </label>
          </div>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy !== null}>
            {probe ? 'Save' : 'Create'}
          </button>
          <button type="button" disabled={busy !== null} onClick={runPreview}>
            Preview
          </button>
          {probe ? (
            <>
              <button type="button" disabled={busy !== null} onClick={runNow}>
                Run now
              </button>
              <button type="button" className="danger" disabled={busy !== null} onClick={remove}>
                Delete
              </button>
            </>
          ) : null}
        </div>
      </form>
      {busy === 'preview' ? <p role="status">Scoring the lookback…</p> : null}
      {preview ? <ProbePreview result={preview} /> : null}
      {probe ? <ProbeTuning probe={probe} onReset={onTuningReset} /> : null}
      {probe ? <RecentRuns probe={probe} /> : null}
    </>
  );
}
