import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { Clock } from '../clock';
import { DeliveriesRepository } from '../deliveries.repository';
import { DeliveryWorker } from '../delivery/delivery.worker';
import { ProbeRunner, RunOutcome } from '../probe-runner.service';
import { ProbesRepository } from '../probes.repository';
import { SignalsService } from '../signals.service';
import { SilencesService } from '../silences.service';

export interface TickResult {
  started: number;
  outcomes: RunOutcome[];
}

/** Probe runs and made deliveries are kept this long. */
export const HISTORY_MS = 30 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

/** Alertmanager forgets an alert that is not re-sent; firing signals go again this often. */
export const ALERT_RESEND_MS = 60_000;

/**
 * Runs due probes. Each run first takes the probe's lease row (probes.lease_owner/lease_until)
 * with one conditional UPDATE, so with several replicas on one database exactly one runs each due
 * probe, and a probe is never run twice at once. The lease outlives the per-probe timeout, so a
 * replica that dies mid-run only delays the probe. `tick()` is what the 1 s interval calls; it runs
 * every probe due, PROBE_CONCURRENCY at a time; tests call it directly and await the runs it started.
 */
@Injectable()
export class ProbeScheduler {
  private readonly logger = new Logger(ProbeScheduler.name);
  /** This replica's name in lease rows and probe runs. */
  readonly replica = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly inFlight = new Set<string>();
  private lastResendAt = 0;
  private lastPruneAt = 0;
  private housekeeping: Promise<void> | undefined;

  constructor(
    private readonly probes: ProbesRepository,
    private readonly runner: ProbeRunner,
    private readonly signals: SignalsService,
    private readonly delivery: DeliveryWorker,
    private readonly deliveries: DeliveriesRepository,
    private readonly silences: SilencesService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** How long one run may take before it is abandoned and recorded as failed. */
  get runTimeoutMs(): number {
    return this.config.insight.promTimeoutMs + 5_000;
  }

  async tick(): Promise<TickResult> {
    const limit = this.config.insight.probeConcurrency;
    const outcomes: RunOutcome[] = [];
    // Each free slot keeps taking the next due probe as soon as its run ends, instead of waiting
    // for the next 1 s tick: throughput is PROBE_CONCURRENCY runs per run time, not per second.
    const slot = async (): Promise<void> => {
      for (;;) {
        if (this.inFlight.size >= limit) return;
        const due = await this.probes.findDueIds(this.clock.now(), limit + this.inFlight.size);
        // checked again after the await; runOne marks the probe in flight before its first await,
        // so overlapping ticks and slots share the bound
        const id = due.find((d) => !this.inFlight.has(d));
        if (id === undefined || this.inFlight.size >= limit) return;
        const outcome = await this.runOne(id, true);
        // another replica took it, or the claim failed: the next tick tries again
        if (!outcome) return;
        outcomes.push(outcome);
      }
    };
    await Promise.all(Array.from({ length: Math.max(0, limit - this.inFlight.size) }, slot));
    // after the runs, so what they just committed is delivered in the same tick
    await this.housekeep();
    return { started: outcomes.length, outcomes };
  }

  /** Resolves stale ad-hoc signals, acts on silences starting or ending, sends the outbox, mirrors silences, once a minute re-sends firing alerts, hourly prunes history. */
  private housekeep(): Promise<void> {
    if (this.housekeeping) return this.housekeeping;
    this.housekeeping = (async () => {
      try {
        await this.signals.resolveStaleAdhoc();
        // silences starting or ending decide what the flush sends
        await this.silences.transitions();
        await this.delivery.flush();
        await this.silences.mirror();
        const now = this.clock.now().getTime();
        if (now - this.lastResendAt >= ALERT_RESEND_MS) {
          this.lastResendAt = now;
          await this.delivery.resendFiring();
        }
        if (now - this.lastPruneAt >= PRUNE_EVERY_MS) {
          this.lastPruneAt = now;
          await this.probes.pruneRuns(new Date(now - HISTORY_MS));
          await this.deliveries.pruneDelivered(new Date(now - HISTORY_MS));
          await this.silences.prune();
        }
      } catch (err) {
        this.logger.warn(`insight housekeeping failed: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        this.housekeeping = undefined;
      }
    })();
    return this.housekeeping;
  }

  /**
   * Claims and runs one probe; undefined when another run of it holds the lease (or, with
   * `dueOnly`, when it is not due any more).
   */
  async runOne(id: string, dueOnly: boolean): Promise<RunOutcome | undefined> {
    if (this.inFlight.has(id)) return undefined;
    this.inFlight.add(id);
    try {
      const now = this.clock.now();
      const leaseUntil = new Date(now.getTime() + this.runTimeoutMs + 30_000);
      const probe = await this.probes.claim(id, this.replica, now, leaseUntil, dueOnly);
      if (!probe) return undefined;
      const abort = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), this.runTimeoutMs);
      });
      const run = this.runner.runClaimed(probe, this.replica, abort.signal);
      try {
        const first = await Promise.race([run, timeout]);
        if (first !== 'timeout') return first;
        // the run sees the abort before it writes anything and records itself as failed
        abort.abort(new Error(`the run did not finish within ${this.runTimeoutMs} ms`));
        return await run;
      } finally {
        clearTimeout(timer);
      }
    } catch (err) {
      this.logger.error(`probe ${id} could not run: ${err instanceof Error ? err.message : String(err)}`);
      await this.probes.releaseLease(id, this.replica).catch(() => undefined);
      return undefined;
    } finally {
      this.inFlight.delete(id);
    }
  }
}
