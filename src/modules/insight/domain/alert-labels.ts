import type { Severity } from './probe';

/** Prometheus label names: what Alertmanager accepts. Names starting with `__` are reserved. */
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Labels NeuralOps sets itself on every alert; a probe's own labels cannot take these names. */
export const OWN_LABELS = ['alertname', 'probe', 'probe_id', 'severity', 'wpk_id'] as const;
export const MAX_PROBE_LABELS = 20;
export const MAX_LABEL_VALUE = 200;

export interface LabelledSignal {
  probe_id: string | null;
  probe_name: string | null;
  wpk_id: string | null;
  severity: Severity;
  /** the series' labels */
  labels: Record<string, string>;
  probe_labels: Record<string, string>;
}

/** What is wrong with a probe's `labels`, per field; empty when they are fine. */
export function probeLabelProblems(labels: Record<string, unknown>): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  const entries = Object.entries(labels);
  if (entries.length > MAX_PROBE_LABELS) out.push({ field: 'labels', message: `at most ${MAX_PROBE_LABELS} labels` });
  for (const [name, value] of entries) {
    const field = `labels.${name}`;
    if (!LABEL_NAME.test(name) || name.startsWith('__')) out.push({ field, message: 'a label name must match [a-zA-Z_][a-zA-Z0-9_]* and not start with __' });
    else if ((OWN_LABELS as readonly string[]).includes(name)) out.push({ field, message: `${name} is set by NeuralOps itself (${OWN_LABELS.join(', ')})` });
    if (typeof value !== 'string') out.push({ field, message: 'a label value must be a string' });
    else if (value.length > MAX_LABEL_VALUE) out.push({ field, message: `a label value is at most ${MAX_LABEL_VALUE} characters` });
  }
  return out;
}

/**
 * The labels a signal is sent to Alertmanager with, and that silences match: the series' labels
 * (Prometheus-valid names; `__name__` as `metric_name`), overridden by the probe's labels, overridden
 * by NeuralOps' own: alertname and probe (the probe's name), probe_id, severity and wpk_id.
 */
export function signalLabels(s: LabelledSignal): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.labels)) {
    if (!v) continue;
    if (k === '__name__') labels.metric_name = v;
    else if (LABEL_NAME.test(k) && !k.startsWith('__')) labels[k] = v;
  }
  for (const [k, v] of Object.entries(s.probe_labels)) if (v) labels[k] = v;
  const name = s.probe_name ?? 'neuralops_probe';
  labels.alertname = name;
  labels.probe = name;
  if (s.probe_id) labels.probe_id = s.probe_id;
  else delete labels.probe_id;
  labels.severity = s.severity;
  if (s.wpk_id) labels.wpk_id = s.wpk_id;
  return labels;
}
