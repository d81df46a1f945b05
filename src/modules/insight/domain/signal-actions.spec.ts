import { signalLabels, probeLabelProblems } from './alert-labels';
import { effectiveThreshold, ProbeTuning } from './probe';
import { silenceMatches, silenceProblems, SilenceMatcher } from './silence';
import { applyTuning, NOISE_QUIET_MS, NO_TUNING } from './tuning';

const m = (name: string, value: string, extra: Partial<SilenceMatcher> = {}): SilenceMatcher => ({ name, value, is_regex: false, is_equal: true, ...extra });
const NOW = new Date('2026-12-02T12:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe('signalLabels', () => {
  const base = { probe_id: 'p-1', probe_name: 'latency', wpk_id: 'wf', severity: 'critical' as const };

  it('layers series labels, then probe labels, then our own', () => {
    const labels = signalLabels({
      ...base,
      labels: { __name__: 'http_ms', team: 'series-team', severity: 'low', probe: 'x', instance: 'a', 'bad-name': 'v', __meta: 'm' },
      probe_labels: { team: 'payments', service: 'invoice' },
    });
    expect(labels).toEqual({
      metric_name: 'http_ms',
      instance: 'a',
      team: 'payments',
      service: 'invoice',
      alertname: 'latency',
      probe: 'latency',
      probe_id: 'p-1',
      severity: 'critical',
      wpk_id: 'wf',
    });
  });

  it('an ad-hoc signal has no probe_id (even from a series label) and the generic name', () => {
    expect(signalLabels({ probe_id: null, probe_name: null, wpk_id: null, severity: 'warning', labels: { probe_id: 'spoof' }, probe_labels: {} })).toEqual({
      alertname: 'neuralops_probe',
      probe: 'neuralops_probe',
      severity: 'warning',
    });
  });

  it('probe labels follow Prometheus naming, at most 20, values at most 200 characters, not our own names', () => {
    expect(probeLabelProblems({ team: 'a', service_2: 'b' })).toEqual([]);
    expect(probeLabelProblems({ '2team': 'a' }).map((p) => p.field)).toEqual(['labels.2team']);
    expect(probeLabelProblems({ __x: 'a' }).map((p) => p.field)).toEqual(['labels.__x']);
    expect(probeLabelProblems({ severity: 'a' })[0].message).toMatch(/set by NeuralOps/);
    expect(probeLabelProblems({ team: 'x'.repeat(201) })[0]).toEqual({ field: 'labels.team', message: 'a label value is at most 200 characters' });
    expect(probeLabelProblems({ team: 3 as unknown as string })[0].field).toBe('labels.team');
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`l${i}`, 'v']));
    expect(probeLabelProblems(many)).toEqual([{ field: 'labels', message: 'at most 20 labels' }]);
  });
});

describe('silences', () => {
  const labels = { alertname: 'latency', probe: 'latency', severity: 'warning', wpk_id: 'invoice-agent' };

  it('match when every matcher matches; regexes are fully anchored; a missing label is the empty string', () => {
    expect(silenceMatches({ matchers: [m('probe', 'latency')] }, labels)).toBe(true);
    expect(silenceMatches({ matchers: [m('probe', 'latency'), m('severity', 'critical')] }, labels)).toBe(false);
    expect(silenceMatches({ matchers: [m('probe', 'lat', { is_regex: true })] }, labels)).toBe(false);
    expect(silenceMatches({ matchers: [m('probe', 'lat.*', { is_regex: true })] }, labels)).toBe(true);
    expect(silenceMatches({ matchers: [m('wpk_id', 'invoice|billing', { is_regex: true })] }, labels)).toBe(false);
    expect(silenceMatches({ matchers: [m('wpk_id', 'invoice-agent|billing', { is_regex: true })] }, labels)).toBe(true);
    expect(silenceMatches({ matchers: [m('severity', 'critical', { is_equal: false })] }, labels)).toBe(true);
    expect(silenceMatches({ matchers: [m('team', '')] }, labels)).toBe(true);
    expect(silenceMatches({ matchers: [] }, labels)).toBe(false);
  });

  it('are refused without a matcher, with a bad name or regex, matching everything, ending before they start or now, or longer than 90 days', () => {
    const ok = { matchers: [m('probe', 'latency')], starts_at: NOW, ends_at: at(60) };
    expect(silenceProblems(ok, NOW)).toEqual([]);
    const fields = (input: Partial<typeof ok>) => silenceProblems({ ...ok, ...input }, NOW).map((p) => p.field);
    expect(fields({ matchers: [] })).toEqual(['matchers']);
    expect(fields({ matchers: [m('bad-name', 'x')] })).toEqual(['matchers[0].name']);
    expect(fields({ matchers: [m('probe', '(', { is_regex: true })] })).toEqual(['matchers[0].value']);
    expect(fields({ matchers: [m('probe', '(?!x).*', { is_regex: true })] })).toEqual(['matchers[0].value']);
    expect(fields({ matchers: [m('probe', '.*', { is_regex: true })] })).toEqual(['matchers']);
    expect(fields({ ends_at: at(-1), starts_at: at(-2) })).toEqual(['ends_at']);
    expect(fields({ ends_at: at(10), starts_at: at(20) })).toEqual(['ends_at']);
    expect(fields({ ends_at: at(90 * 24 * 60) })).toEqual([]);
    expect(fields({ ends_at: at(90 * 24 * 60 + 1) })).toEqual(['ends_at']);
  });
});

describe('feedback tuning', () => {
  const noise = { kind: 'noise' as const, because: 'noise label' };
  const useful = { kind: 'useful' as const, because: 'useful label' };

  it('each noise label raises the threshold ×1.25, at most two steps; a useful label takes one back', () => {
    let t: ProbeTuning = NO_TUNING;
    t = applyTuning(3, t, noise, at(0));
    expect(effectiveThreshold({ threshold: 3, tuning: t })).toBe(3.75);
    t = applyTuning(3, t, noise, at(1));
    expect(effectiveThreshold({ threshold: 3, tuning: t })).toBe(4.6875);
    const capped = applyTuning(3, t, noise, at(2));
    expect(capped.steps).toBe(2);
    expect(capped.log).toHaveLength(2);
    expect(capped.last_noise_at).toEqual(at(2));
    t = applyTuning(3, capped, useful, at(3));
    expect(effectiveThreshold({ threshold: 3, tuning: t })).toBe(3.75);
    expect(t.log.map((e) => [e.from, e.to, e.because])).toEqual([
      [3, 3.75, 'noise label'],
      [3.75, 4.6875, 'noise label'],
      [4.6875, 3.75, 'useful label'],
    ]);
    expect(applyTuning(3, NO_TUNING, useful, at(0))).toBe(NO_TUNING);
  });

  it('30 days without noise (nor another change) take one step back, then another 30 days the next', () => {
    let t = applyTuning(2, applyTuning(2, NO_TUNING, noise, at(0)), noise, at(0));
    expect(applyTuning(2, t, { kind: 'quiet' }, new Date(at(0).getTime() + NOISE_QUIET_MS - 1))).toBe(t);
    t = applyTuning(2, t, { kind: 'quiet' }, new Date(at(0).getTime() + NOISE_QUIET_MS));
    expect(t.steps).toBe(1);
    expect(t.log[t.log.length - 1]).toMatchObject({ from: 3.125, to: 2.5, because: '30 days without a noise label' });
    expect(applyTuning(2, t, { kind: 'quiet' }, new Date(at(0).getTime() + NOISE_QUIET_MS + 86_400_000)).steps).toBe(1);
    t = applyTuning(2, t, { kind: 'quiet' }, new Date(at(0).getTime() + 2 * NOISE_QUIET_MS));
    expect(t.steps).toBe(0);
    expect(effectiveThreshold({ threshold: 2, tuning: t })).toBe(2);
  });

  it('a reset goes back to the configured threshold', () => {
    const t = applyTuning(4, applyTuning(4, NO_TUNING, noise, at(0)), { kind: 'reset', because: 'reset by admin' }, at(1));
    expect(t.steps).toBe(0);
    expect(t.log[1]).toEqual({ at: at(1), from: 5, to: 4, because: 'reset by admin' });
  });
});
