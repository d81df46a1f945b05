import { LABEL_NAME } from './alert-labels';
import type { KeyRef } from './probe';

export interface SilenceMatcher {
  name: string;
  value: string;
  is_regex: boolean;
  /** false: the label must not match (Alertmanager's `!=` / `!~`) */
  is_equal: boolean;
}

export interface Silence {
  id: string;
  matchers: SilenceMatcher[];
  starts_at: Date;
  ends_at: Date;
  comment: string;
  created_by: KeyRef;
  /** the signal a snooze was made for */
  signal_id: string | null;
  applied_at: Date | null;
  released_at: Date | null;
  mirror_due_at: Date | null;
  mirror_attempts: number;
  mirror_error: string | null;
  alertmanager_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export const SILENCE_STATES = ['pending', 'active', 'expired'] as const;
export type SilenceState = (typeof SILENCE_STATES)[number];

export const MAX_SILENCE_MS = 90 * 86_400_000;
/** Expired silences stay listed this long. */
export const EXPIRED_SILENCE_KEPT_MS = 7 * 86_400_000;
export const MAX_MATCHERS = 50;

export function silenceState(s: Pick<Silence, 'starts_at' | 'ends_at'>, now: Date): SilenceState {
  if (s.ends_at.getTime() <= now.getTime()) return 'expired';
  return s.starts_at.getTime() > now.getTime() ? 'pending' : 'active';
}

/** Alertmanager's regexes are RE2, fully anchored; constructs RE2 refuses are refused here too. */
const NOT_RE2 = /\(\?[=!]|\(\?<[=!]|\\[1-9]|\\k</;

/** The matcher's value as a fully anchored regular expression; a message when it is not one Alertmanager takes. */
export function matcherRegex(value: string): RegExp | string {
  if (NOT_RE2.test(value)) return 'lookarounds and backreferences are not supported (Alertmanager uses RE2)';
  try {
    return new RegExp(`^(?:${value})$`, 'u');
  } catch (err) {
    return `not a valid regular expression: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** A missing label matches as the empty string, as in Alertmanager. */
export function matchesOne(m: SilenceMatcher, labels: Record<string, string>): boolean {
  const value = labels[m.name] ?? '';
  let hit: boolean;
  if (m.is_regex) {
    const re = matcherRegex(m.value);
    hit = typeof re === 'string' ? false : re.test(value);
  } else hit = value === m.value;
  return m.is_equal ? hit : !hit;
}

export function silenceMatches(s: Pick<Silence, 'matchers'>, labels: Record<string, string>): boolean {
  return s.matchers.length > 0 && s.matchers.every((m) => matchesOne(m, labels));
}

export interface SilenceInput {
  matchers: Array<{ name: string; value: string; is_regex?: boolean; is_equal?: boolean }>;
  starts_at: Date;
  ends_at: Date;
}

/**
 * What is wrong with a silence, per field: at least one matcher, Prometheus label names, valid
 * anchored regexes, not matching everything (Alertmanager refuses a silence whose matchers all
 * match the empty string), ends_at after starts_at and after now, at most 90 days long.
 */
export function silenceProblems(input: SilenceInput, now: Date): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  if (!input.matchers.length) out.push({ field: 'matchers', message: 'at least one matcher is needed' });
  if (input.matchers.length > MAX_MATCHERS) out.push({ field: 'matchers', message: `at most ${MAX_MATCHERS} matchers` });
  input.matchers.forEach((m, i) => {
    if (!LABEL_NAME.test(m.name)) out.push({ field: `matchers[${i}].name`, message: 'must be a label name: [a-zA-Z_][a-zA-Z0-9_]*' });
    if (m.is_regex) {
      const re = matcherRegex(m.value);
      if (typeof re === 'string') out.push({ field: `matchers[${i}].value`, message: re });
    }
  });
  if (input.matchers.length && !out.length) {
    const all = input.matchers.map((m) => ({ name: m.name, value: m.value, is_regex: m.is_regex ?? false, is_equal: m.is_equal ?? true }));
    if (all.every((m) => matchesOne(m, {}))) out.push({ field: 'matchers', message: 'at least one matcher must not match the empty string (it would silence everything)' });
  }
  if (input.ends_at.getTime() <= input.starts_at.getTime()) out.push({ field: 'ends_at', message: 'must be after starts_at' });
  else if (input.ends_at.getTime() <= now.getTime()) out.push({ field: 'ends_at', message: 'must be in the future' });
  else if (input.ends_at.getTime() - input.starts_at.getTime() > MAX_SILENCE_MS) {
    out.push({ field: 'ends_at', message: 'a silence lasts at most 90 days' });
  }
  return out;
}
