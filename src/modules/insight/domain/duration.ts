const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  y: 365 * 86_400_000,
};
const PART = /(\d+)(ms|s|m|h|d|w|y)/y;

/**
 * A Prometheus duration ("1h", "90s", "1h30m", "500ms") in milliseconds. Units must descend and
 * appear once, as Prometheus requires; undefined for anything else (including "0s").
 */
export function parseDuration(input: string): number | undefined {
  const text = input.trim();
  if (!text) return undefined;
  const order = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
  let at = 0;
  let last = -1;
  let total = 0;
  PART.lastIndex = 0;
  while (at < text.length) {
    PART.lastIndex = at;
    const m = PART.exec(text);
    if (!m) return undefined;
    const rank = order.indexOf(m[2]);
    if (rank <= last) return undefined;
    last = rank;
    total += Number(m[1]) * UNIT_MS[m[2]];
    at = PART.lastIndex;
  }
  return total > 0 && Number.isSafeInteger(total) ? total : undefined;
}

/** Milliseconds back in the shortest Prometheus form: 3_600_000 → "1h", 5_400_000 → "1h30m". */
export function formatDuration(ms: number): string {
  if (ms <= 0) return '0s';
  let rest = ms;
  let out = '';
  for (const unit of ['y', 'w', 'd', 'h', 'm', 's', 'ms']) {
    const size = UNIT_MS[unit];
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}

/** Words for a span, for hints: 86_400_000 → "24 h", 5_400_000 → "90 min". */
export function spanWords(ms: number): string {
  if (ms >= 2 * 86_400_000 && ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.round(ms / 1000)} s`;
}
