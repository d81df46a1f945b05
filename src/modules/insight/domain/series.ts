export type Labels = Record<string, string>;

function escapeValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/**
 * The canonical name of a series: its labels sorted by name as `k="v",…` (Prometheus escaping).
 * It keys detector state and episodes and is the `series` label of the exported gauges.
 */
export function seriesKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}="${escapeValue(labels[k])}"`)
    .join(',');
}

/** One stream of samples, oldest first, timestamps in ms. */
export interface Series {
  metric: string;
  labels: Labels;
  points: Array<[number, number]>;
}
