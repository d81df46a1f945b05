import { spanWords } from './duration';
import { Labels } from './series';

function significant(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  if (abs === 0) return '0';
  if (abs >= 100) return String(Math.round(v));
  if (abs >= 10) return v.toFixed(1).replace(/\.0$/, '');
  return Number(v.toPrecision(2)).toString();
}

function ms(v: number): string {
  return Math.abs(v) >= 1000 ? `${significant(v / 1000)} s` : `${significant(v)} ms`;
}

interface MetricWords {
  subject: string;
  format: (v: number) => string;
}

function describeMetric(metric: string, labels: Labels): MetricWords {
  const wf = labels.wpk_id !== undefined ? `workflow ${labels.wpk_id}` : 'all workflows';
  switch (metric) {
    case 'runs_duration_p95_ms':
      return { subject: `p95 duration of ${wf}`, format: ms };
    case 'runs_duration_mean_ms':
      return { subject: `mean duration of ${wf}`, format: ms };
    case 'runs_failure_ratio':
      return { subject: `failure ratio of ${wf}`, format: (v) => `${significant(v * 100)}%` };
    case 'runs_count':
      return { subject: `run count of ${wf}`, format: (v) => `${significant(v)} runs` };
    case 'runs_tokens_total':
      return { subject: `tokens used by ${wf}`, format: (v) => `${significant(v)} tokens` };
    case 'runs_cost_usd':
      return { subject: `model cost of ${wf}`, format: (v) => `$${significant(v)}` };
    default: {
      const shown = Object.keys(labels)
        .filter((k) => k !== '__name__')
        .sort()
        .map((k) => `${k}="${labels[k]}"`)
        .join(',');
      return { subject: shown ? `${metric}{${shown}}` : metric, format: significant };
    }
  }
}

export interface HintInput {
  metric: string;
  labels: Labels;
  value: number;
  score: number;
  /** the detector's score unit: 'sigma' prints as σ */
  unit: string;
  baseline: number | null;
  /** how far back the detector's baseline reaches */
  baselineSpanMs: number;
  /** what the detector saw, in words (StreamingDetector.explain) */
  evidence?: string | null;
}

/**
 * "p95 duration of workflow X rose to 8.2 s, 4.1σ above its 1 h baseline of 1.2 s", and what the
 * detector saw where it can tell: "...; level shift: the last 8 points above the recent level".
 */
export function hintFor(h: HintInput): string {
  const words = describeMetric(h.metric, h.labels);
  const up = h.baseline === null || h.value >= h.baseline;
  const score = h.unit === 'sigma' ? `${h.score.toFixed(1)}σ` : `${h.score.toFixed(1)} ${h.unit}`;
  const baseline = h.baseline === null ? '' : ` of ${words.format(h.baseline)}`;
  return (
    `${words.subject} ${up ? 'rose' : 'fell'} to ${words.format(h.value)}, ` +
    `${score} ${up ? 'above' : 'below'} its ${spanWords(h.baselineSpanMs)} baseline${baseline}` +
    (h.evidence ? `; ${h.evidence}` : '')
  );
}
