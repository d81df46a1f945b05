import { effectiveThreshold, MAX_TUNING_STEPS, ProbeTuning, TuningEntry } from './probe';

/** A noise label this long ago (and no step since) lets the threshold take one step back. */
export const NOISE_QUIET_MS = 30 * 86_400_000;
/** The tuning log keeps this many latest changes. */
export const TUNING_LOG_MAX = 50;

export type TuningEvent = { kind: 'noise' | 'useful'; because: string } | { kind: 'quiet' } | { kind: 'reset'; because: string };

export const NO_TUNING: ProbeTuning = { steps: 0, log: [], last_noise_at: null };

/**
 * The probe's tuning after one event, or the same object when nothing changed. A noise label takes
 * one step up (at most MAX_TUNING_STEPS), a useful label one step down, 30 days without noise (and
 * without a change) one step down, a reset back to the configured threshold. Each change is logged
 * with the thresholds it moved between.
 */
export function applyTuning(configured: number, tuning: ProbeTuning, event: TuningEvent, now: Date): ProbeTuning {
  let steps = tuning.steps;
  let because: string;
  let lastNoise = tuning.last_noise_at;
  switch (event.kind) {
    case 'noise':
      lastNoise = now;
      steps = Math.min(MAX_TUNING_STEPS, steps + 1);
      because = event.because;
      break;
    case 'useful':
      steps = Math.max(0, steps - 1);
      because = event.because;
      break;
    case 'reset':
      steps = 0;
      because = event.because;
      break;
    case 'quiet': {
      if (!quietDue(tuning, now)) return tuning;
      steps = steps - 1;
      because = '30 days without a noise label';
      break;
    }
  }
  if (steps === tuning.steps) return lastNoise === tuning.last_noise_at ? tuning : { ...tuning, last_noise_at: lastNoise };
  const entry: TuningEntry = {
    at: now,
    from: effectiveThreshold({ threshold: configured, tuning }),
    to: effectiveThreshold({ threshold: configured, tuning: { steps } }),
    because,
  };
  return { steps, last_noise_at: lastNoise, log: [...tuning.log, entry].slice(-TUNING_LOG_MAX) };
}

/** True when a raised threshold has gone 30 days without noise and without another change. */
export function quietDue(tuning: ProbeTuning, now: Date): boolean {
  if (tuning.steps <= 0) return false;
  const last = tuning.log[tuning.log.length - 1]?.at.getTime() ?? 0;
  const since = Math.max(last, tuning.last_noise_at?.getTime() ?? 0);
  return now.getTime() - since >= NOISE_QUIET_MS;
}
