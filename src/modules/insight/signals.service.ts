import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../../common/pagination/cursor';
import { AppConfig } from '../../config/config';
import { Database } from '../../database/database.service';
import { Clock } from './clock';
import { DeliveriesRepository, Delivery, DeliveryChannel } from './deliveries.repository';
import { Episode } from './domain/episodes';
import { hintFor } from './domain/hint';
import { signalPageUrl } from './domain/links';
import { KeyRef, PROBE_DEFAULTS, Severity, Signal, SignalState } from './domain/probe';
import { signalLabels } from './domain/alert-labels';
import { applyTuning } from './domain/tuning';
import { Silence, silenceMatches } from './domain/silence';
import { InsightMetrics } from './insight-metrics';
import { FeedbackLabel, SignalFeedback, SignalFeedbackRepository } from './signal-feedback.repository';
import { SilencesRepository } from './silences.repository';
import { Labels } from './domain/series';
import { LinkedRun, RunMetricsRepository } from './run-metrics.repository';
import { ProbesRepository } from './probes.repository';
import { SignalFilters, SignalsRepository } from './signals.repository';
import { toSignalDto } from './dto/signal.dto';

/** Everything about a series an episode needs to become a signal. */
export interface EpisodeContext {
  probeId: string | null;
  probeName: string | null;
  metric: string;
  labels: Labels;
  seriesKey: string;
  detector: string;
  unit: string;
  threshold: number;
  stepS: number;
  wpkId: string | null;
  /** the probe's severity and routing labels (ad hoc: warning, none) */
  severity?: Severity;
  probeLabels?: Labels;
  baselineSpanMs: number;
}

/** What a delivery tells a receiver: a state change, or that someone acknowledged the signal. */
export type DeliveryEvent = SignalState | 'acknowledged';

export type EpisodeChange = 'opened' | 'recorded-resolved' | 'resolved' | 'updated' | 'unchanged';

export interface SignalPage {
  items: Signal[];
  limit: number;
  next_cursor: string | null;
}

export interface SignalPurge {
  signals: number;
  deliveries: number;
  probe_runs: number;
}

const RETENTION_BATCH = 1000;
const DAY_MS = 86_400_000;

export function episodeKey(probeId: string | null, metric: string, seriesKey: string, startMs: number): string {
  return createHash('sha256').update(`${probeId ?? 'adhoc'}\n${metric}\n${seriesKey}\n${startMs}`).digest('hex');
}

@Injectable()
export class SignalsService {
  private readonly logger = new Logger(SignalsService.name);

  constructor(
    private readonly signals: SignalsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly probes: ProbesRepository,
    private readonly runMetrics: RunMetricsRepository,
    private readonly feedbackRows: SignalFeedbackRepository,
    private readonly silences: SilencesRepository,
    private readonly metrics: InsightMetrics,
    private readonly db: Database,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  private channels(): DeliveryChannel[] {
    const out: DeliveryChannel[] = [];
    if (this.config.insight.alertmanagerUrl) out.push('alertmanager');
    if (this.config.insight.webhookUrl) out.push('webhook');
    return out;
  }

  /**
   * One outbox row per channel for a state change (or an acknowledgement); the row id is the
   * stable delivery id. A signal a silence holds back gets no webhook row; Alertmanager still gets
   * the alert (the silence there suppresses its notifications).
   */
  private async enqueue(signal: Signal, event: DeliveryEvent, probeName: string | null, tx: EntityManager, only?: DeliveryChannel): Promise<void> {
    for (const channel of this.channels()) {
      if (only && channel !== only) continue;
      if (channel === 'webhook' && signal.silenced_by) continue;
      const id = randomUUID();
      const body =
        channel === 'webhook'
          ? JSON.stringify({
              delivery_id: id,
              event: `signal.${event}`,
              probe: probeName,
              severity: signal.severity,
              labels: signalLabels(signal),
              signal: { ...toSignalDto(signal), url: signalPageUrl(this.config.insight.publicUrl, signal.id) },
            })
          : null;
      await this.deliveries.enqueue({ id, signal_id: signal.id, channel, event, body }, this.clock.now(), tx);
    }
  }

  /** The first active silence whose matchers match the signal's labels. */
  private async silenceFor(signal: Signal, now: Date, tx: EntityManager, except?: string): Promise<Silence | undefined> {
    const labels = signalLabels(signal);
    return (await this.silences.findActive(now, tx)).find((s) => s.id !== except && silenceMatches(s, labels));
  }

  /**
   * Stores an episode as its signal: inserts it the first time (keyed by probe, series and start,
   * so the same episode is never stored twice), otherwise raises its peak and resolves it. An
   * episode first seen already over is stored resolved and not delivered.
   */
  async recordEpisode(ctx: EpisodeContext, ep: Episode, tx: EntityManager): Promise<{ change: EpisodeChange; id: string }> {
    const now = this.clock.now();
    const key = episodeKey(ctx.probeId, ctx.metric, ctx.seriesKey, ep.startMs);
    const hint = (e: Pick<Episode, 'value' | 'score' | 'baseline' | 'evidence'>) =>
      hintFor({ metric: ctx.metric, labels: ctx.labels, value: e.value, score: e.score, unit: ctx.unit, baseline: e.baseline, baselineSpanMs: ctx.baselineSpanMs, evidence: e.evidence });
    let existing = await this.signals.findByEpisodeKeyForUpdate(key, tx);
    if (!existing) {
      const signal: Signal = {
        id: randomUUID(),
        probe_id: ctx.probeId,
        probe_name: ctx.probeName,
        metric: ctx.metric,
        labels: ctx.labels,
        series_key: ctx.seriesKey,
        value: ep.value,
        score: ep.score,
        hint: hint(ep),
        detector: ctx.detector,
        threshold: ctx.threshold,
        step_s: ctx.stepS,
        wpk_id: ctx.wpkId ?? ctx.labels.wpk_id ?? null,
        observed_at: new Date(ep.startMs),
        last_anomalous_at: new Date(ep.lastAnomalousMs),
        peak_at: new Date(ep.peakMs),
        state: ep.resolvedMs === null ? 'firing' : 'resolved',
        resolved_at: ep.resolvedMs === null ? null : new Date(ep.resolvedMs),
        severity: ctx.severity ?? 'warning',
        probe_labels: ctx.probeLabels ?? {},
        acknowledged_at: null,
        acknowledged_by: null,
        ack_note: null,
        snoozed_until: null,
        silenced_by: null,
        created_at: now,
        updated_at: now,
      };
      if (signal.state === 'firing') signal.silenced_by = (await this.silenceFor(signal, now, tx))?.id ?? null;
      if (await this.signals.insertIfAbsent(signal, key, tx)) {
        if (signal.silenced_by) this.metrics.signalsSilenced(1);
        if (signal.state === 'firing') await this.enqueue(signal, 'firing', ctx.probeName, tx);
        return { change: signal.state === 'firing' ? 'opened' : 'recorded-resolved', id: signal.id };
      }
      existing = await this.signals.findByEpisodeKeyForUpdate(key, tx);
      if (!existing) throw new Error('signal vanished between insert and update');
    }
    const next: Signal = { ...existing };
    if (ep.score > existing.score) Object.assign(next, { value: ep.value, score: ep.score, hint: hint(ep), peak_at: new Date(ep.peakMs) });
    // a row stored before peaks had times learns its peak's time when the tracker still knows it
    else if (existing.peak_at === null && ep.score === existing.score) next.peak_at = new Date(ep.peakMs);
    if (ep.lastAnomalousMs > existing.last_anomalous_at.getTime()) next.last_anomalous_at = new Date(ep.lastAnomalousMs);
    let change: EpisodeChange = 'updated';
    if (existing.state === 'firing' && ep.resolvedMs !== null) {
      next.state = 'resolved';
      next.resolved_at = new Date(ep.resolvedMs);
      change = 'resolved';
    }
    const same =
      next.score === existing.score &&
      next.last_anomalous_at.getTime() === existing.last_anomalous_at.getTime() &&
      next.state === existing.state &&
      next.peak_at?.getTime() === existing.peak_at?.getTime();
    if (same) return { change: 'unchanged', id: existing.id };
    next.updated_at = now;
    await this.signals.updateEpisode(next, tx);
    if (change === 'resolved') await this.enqueue(next, 'resolved', ctx.probeName, tx);
    return { change, id: existing.id };
  }

  /** A renamed probe's signals take its new name. */
  renameProbe(probeId: string, name: string, tx: EntityManager): Promise<void> {
    return this.signals.setProbeName(probeId, name, tx);
  }

  /** A deleted or disabled probe (or one whose state was dropped) stops watching: its firing episodes resolve now. */
  async resolveFiringOfProbe(probeId: string, probeName: string, tx: EntityManager): Promise<number> {
    const now = this.clock.now();
    const firing = await this.signals.findFiringOfProbe(probeId, tx);
    for (const s of firing) {
      const resolved: Signal = { ...s, state: 'resolved', resolved_at: now, updated_at: now };
      await this.signals.updateEpisode(resolved, tx);
      await this.enqueue(resolved, 'resolved', probeName, tx);
    }
    return firing.length;
  }

  /**
   * Nothing re-evaluates an ad-hoc probe, so its still-firing episodes resolve once they have not
   * been seen anomalous for the default cooldown.
   */
  async resolveStaleAdhoc(): Promise<number> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - PROBE_DEFAULTS.cooldown_s * 1000);
    // a read first: this runs every tick, and an idle tick should not take SQLite's write lock
    if (!(await this.signals.hasStaleAdhocFiring(cutoff))) return 0;
    return this.db.write(async (tx) => {
      const stale = await this.signals.findStaleAdhocFiring(cutoff, tx);
      for (const s of stale) {
        const resolved: Signal = { ...s, state: 'resolved', resolved_at: now, updated_at: now };
        await this.signals.updateEpisode(resolved, tx);
        await this.enqueue(resolved, 'resolved', null, tx);
      }
      return stale.length;
    });
  }

  async list(filters: SignalFilters, limit = 50, cursor?: string): Promise<SignalPage> {
    const after = cursor ? decodeTimeIdCursor(cursor) : undefined;
    const rows = await this.signals.findPage(filters, limit + 1, after);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, limit, next_cursor: rows.length > limit && last ? encodeTimeIdCursor(last.observed_at, last.id) : null };
  }

  async get(id: string): Promise<Signal> {
    const signal = await this.signals.findById(id);
    if (!signal) throw new AppError('SIGNAL_NOT_FOUND', `no signal with id ${id}`);
    return signal;
  }

  /** The labels given to these signals, by signal id. */
  feedbackFor(ids: string[]): Promise<Map<string, SignalFeedback[]>> {
    return this.feedbackRows.findForSignals(ids);
  }

  /** The signal, its feedback and its deliveries: one per state change and channel, oldest first. */
  async detail(id: string): Promise<{ signal: Signal; feedback: SignalFeedback[]; deliveries: Delivery[] }> {
    const signal = await this.get(id);
    const [feedback, deliveries] = await Promise.all([this.feedbackRows.findForSignals([id]), this.deliveries.findForSignal(id)]);
    return { signal, feedback: feedback.get(id) ?? [], deliveries };
  }

  /**
   * POST /signals/:id/ack. The first acknowledgement is kept (a repeat answers it unchanged); it
   * makes one `signal.acknowledged` webhook delivery, and Alertmanager gets the alert again at once
   * with the annotations `acknowledged` and `acknowledged_by` (and with every re-send after).
   */
  async acknowledge(id: string, by: KeyRef, note: string | null): Promise<Signal> {
    await this.db.write(async (tx) => {
      const signal = await this.signals.findByIdForUpdate(id, tx);
      if (!signal) throw new AppError('SIGNAL_NOT_FOUND', `no signal with id ${id}`);
      if (signal.acknowledged_at) return;
      const now = this.clock.now();
      await this.signals.setAcknowledged(id, now, by, note, tx);
      const acked: Signal = { ...signal, acknowledged_at: now, acknowledged_by: by, ack_note: note, updated_at: now };
      await this.enqueue(acked, 'acknowledged', signal.probe_name, tx);
    });
    return this.get(id);
  }

  /**
   * POST /signals/:id/feedback. One label per key per signal: a later one replaces it. A label
   * that differs from the key's previous one on a probe's signal tunes the probe: noise raises its
   * effective threshold a step, useful takes one back.
   */
  async giveFeedback(id: string, by: KeyRef, label: FeedbackLabel, note: string | null): Promise<Signal> {
    await this.db.write(async (tx) => {
      const signal = await this.signals.findByIdForUpdate(id, tx);
      if (!signal) throw new AppError('SIGNAL_NOT_FOUND', `no signal with id ${id}`);
      const previous = await this.feedbackRows.findForKey(id, by.key_id, tx);
      const now = this.clock.now();
      await this.feedbackRows.upsert(randomUUID(), signal.probe_id, { signal_id: id, label, note, by }, now, tx);
      if (previous?.label === label || !signal.probe_id) return;
      const probe = await this.probes.findByIdForUpdate(signal.probe_id, tx);
      if (!probe) return;
      const because = `${label} label on signal ${id} by ${by.name}`;
      const tuning = applyTuning(probe.threshold, probe.tuning, { kind: label, because }, now);
      if (tuning !== probe.tuning) await this.probes.setTuning(probe.id, tuning, tx);
    });
    return this.get(id);
  }

  /** A silence starts: matching firing signals not held back yet are held back by it. */
  async applySilence(silence: Silence, tx: EntityManager): Promise<number> {
    let held = 0;
    for (const s of await this.signals.findFiringUnsilenced(tx)) {
      if (!silenceMatches(silence, signalLabels(s))) continue;
      await this.signals.setSilencedBy(s.id, silence.id, tx);
      held++;
    }
    this.metrics.signalsSilenced(held);
    return held;
  }

  /**
   * A silence ended (expired, deleted, or a snooze over): each signal it held back passes to
   * another active silence that matches it, else is released. A released signal still firing has
   * its current state delivered to the webhook once; one that resolved meanwhile has its
   * resolution delivered when the webhook had been told it fired.
   */
  async releaseSilence(silence: Silence, tx: EntityManager): Promise<number> {
    const now = this.clock.now();
    let released = 0;
    for (const s of await this.signals.findSilencedBy(silence.id, tx)) {
      const other = s.state === 'firing' ? await this.silenceFor(s, now, tx, silence.id) : undefined;
      await this.signals.setSilencedBy(s.id, other?.id ?? null, tx);
      if (other) continue;
      const free: Signal = { ...s, silenced_by: null };
      if (s.state === 'firing') await this.enqueue(free, 'firing', s.probe_name, tx, 'webhook');
      else if (await this.deliveries.wasSent(s.id, 'webhook', 'firing', tx)) await this.enqueue(free, 'resolved', s.probe_name, tx, 'webhook');
      released++;
    }
    if (silence.signal_id) await this.signals.clearSnoozeAfter(silence.signal_id, now, tx);
    return released;
  }

  /**
   * Signal retention (SIGNAL_RETENTION_DAYS, else RUN_RETENTION_DAYS; neither: keep everything):
   * signals resolved before the cutoff go with their deliveries, in bounded batches, and so does
   * probe-run history started before it. Firing signals stay, however old.
   */
  async purgeExpired(now = this.clock.now()): Promise<SignalPurge> {
    const purged: SignalPurge = { signals: 0, deliveries: 0, probe_runs: 0 };
    const days = this.config.signalRetentionDays;
    if (!days) return purged;
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    for (;;) {
      const ids = await this.db.write(async (tx) => {
        const batch = await this.signals.findResolvedBefore(cutoff, RETENTION_BATCH, tx);
        purged.deliveries += await this.deliveries.deleteForSignals(batch, tx);
        await this.feedbackRows.deleteForSignals(batch, tx);
        await this.signals.deleteByIds(batch, tx);
        return batch;
      });
      purged.signals += ids.length;
      if (ids.length < RETENTION_BATCH) break;
    }
    purged.probe_runs = await this.probes.pruneRuns(cutoff);
    if (purged.signals || purged.probe_runs) {
      this.logger.log(`retention: deleted ${purged.signals} signals resolved, ${purged.deliveries} of their deliveries and ${purged.probe_runs} probe runs started before ${cutoff.toISOString()}`);
    }
    return purged;
  }

  /**
   * The runs behind a signal: those of the affected workflow (the probe's wpk_id, else the series'
   * wpk_id label, else every workflow) that happened (as run metrics count them) in
   * [observed_at − step, resolved_at ?? now], failed first.
   */
  async linkedRuns(id: string, limit: number): Promise<{ signal: Signal; since: Date; until: Date; runs: LinkedRun[]; runsMayBePurged: boolean }> {
    const signal = await this.get(id);
    const now = this.clock.now();
    const since = new Date(signal.observed_at.getTime() - signal.step_s * 1000);
    const until = signal.resolved_at ?? now;
    const runs = await this.runMetrics.linkedRuns(signal.wpk_id, since, until, limit);
    // run retention deletes by created_at; a window that starts before its cutoff may have lost runs
    const runDays = this.config.runRetentionDays;
    const runsMayBePurged = runDays !== undefined && since.getTime() < now.getTime() - runDays * DAY_MS;
    return { signal, since, until, runs, runsMayBePurged };
  }
}
