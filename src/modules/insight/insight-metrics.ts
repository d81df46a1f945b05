import { Injectable, OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '../../common/metrics/metrics.service';
import { AppConfig } from '../../config/config';
import { ProbesRepository } from './probes.repository';
import { SeriesStateRepository } from './series-state.repository';
import { SignalsRepository } from './signals.repository';

/**
 * `neuralops_anomaly_score` and `neuralops_signal_firing`, labelled exactly {probe, series}, read
 * from the database at scrape time (so every replica exports the same values), at most
 * PROBE_MAX_SERIES series per probe (the first by series name).
 */
@Injectable()
export class InsightMetrics implements OnModuleInit {
  private silencedCounter: Counter | undefined;

  constructor(
    private readonly metrics: MetricsService,
    private readonly probes: ProbesRepository,
    private readonly states: SeriesStateRepository,
    private readonly signals: SignalsRepository,
    private readonly config: AppConfig,
  ) {}

  /** `neuralops_signals_silenced_total`: signals a silence (or snooze) started holding back, counted by this replica. */
  signalsSilenced(n: number): void {
    if (n > 0) this.silencedCounter?.inc(n);
  }

  onModuleInit(): void {
    const registry = this.metrics.registry;
    this.silencedCounter =
      (registry.getSingleMetric('neuralops_signals_silenced_total') as Counter | undefined) ??
      new Counter({ name: 'neuralops_signals_silenced_total', help: 'Signals whose webhook deliveries a silence or snooze started holding back', registers: [registry] });
    if (registry.getSingleMetric('neuralops_anomaly_score')) return;
    const self = this;
    new Gauge({
      name: 'neuralops_anomaly_score',
      help: "Latest anomaly score of each probed series, in its detector's unit",
      labelNames: ['probe', 'series'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const row of await self.safely(() => self.latestScores())) this.set({ probe: row.probe, series: row.series }, row.score);
      },
    });
    new Gauge({
      name: 'neuralops_signal_firing',
      help: '1 while a probed series has a firing anomaly signal, else 0',
      labelNames: ['probe', 'series'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const row of await self.safely(() => self.firing())) this.set({ probe: row.probe, series: row.series }, row.firing ? 1 : 0);
      },
    });
  }

  /** A scrape while the database is down still answers the other metrics; these two are left empty. */
  private async safely<T>(read: () => Promise<T[]>): Promise<T[]> {
    try {
      return await read();
    } catch {
      return [];
    }
  }

  private cap<T extends { probe: string; series: string }>(rows: T[]): T[] {
    const max = this.config.insight.probeMaxSeries;
    const perProbe = new Map<string, number>();
    return rows
      .sort((a, b) => (a.probe === b.probe ? (a.series < b.series ? -1 : 1) : a.probe < b.probe ? -1 : 1))
      .filter((r) => {
        const n = (perProbe.get(r.probe) ?? 0) + 1;
        perProbe.set(r.probe, n);
        return n <= max;
      });
  }

  async latestScores(): Promise<Array<{ probe: string; series: string; score: number }>> {
    const states = await this.states.findAll();
    const names = await this.probes.listNames([...new Set(states.map((s) => s.probe_id))]);
    return this.cap(
      states.filter((s) => names.has(s.probe_id)).map((s) => ({ probe: names.get(s.probe_id)!, series: s.series_key, score: s.last_score })),
    );
  }

  async firing(): Promise<Array<{ probe: string; series: string; firing: boolean }>> {
    const states = await this.states.findAll();
    const firing = (await this.signals.findFiring()).filter((s) => s.probe_id !== null);
    const names = await this.probes.listNames([...new Set([...states.map((s) => s.probe_id), ...firing.map((s) => s.probe_id!)])]);
    const rows = new Map<string, { probe: string; series: string; firing: boolean }>();
    for (const s of states) if (names.has(s.probe_id)) rows.set(`${s.probe_id}\n${s.series_key}`, { probe: names.get(s.probe_id)!, series: s.series_key, firing: false });
    for (const s of firing) if (names.has(s.probe_id!)) rows.set(`${s.probe_id}\n${s.series_key}`, { probe: names.get(s.probe_id!)!, series: s.series_key, firing: true });
    return this.cap([...rows.values()]);
  }
}
