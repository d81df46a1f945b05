import { Injectable, Logger } from '@nestjs/common';
import { redactCredentials } from '../../../common/security/url-credentials';
import { AppConfig } from '../../../config/config';
import { Clock } from '../clock';
import { DeliveriesRepository, Delivery, DeliveryChannel } from '../deliveries.repository';
import { Signal } from '../domain/probe';
import { signalPageUrl } from '../domain/links';
import { ProbesRepository } from '../probes.repository';
import { SignalsRepository } from '../signals.repository';
import { AlertmanagerAlert, AlertmanagerClient } from './alertmanager.client';
import { WebhookClient } from './webhook.client';

/** How long a firing alert lives in Alertmanager without being re-sent. */
export const ALERT_TTL_MS = 5 * 60_000;
const BATCH = 50;
/** A claimed delivery is invisible to other workers this long. */
const CLAIM_MS = 60_000;

export function deliveryBackoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.min(attempts, 16), 15 * 60_000);
}

/** Label names Alertmanager accepts; `__name__` becomes `metric_name`, other reserved names are dropped. */
function alertLabels(probeName: string | null, signal: Signal): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(signal.labels)) {
    if (!v) continue;
    if (k === '__name__') labels.metric_name = v;
    else if (/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k) && !k.startsWith('__')) labels[k] = v;
  }
  labels.alertname = probeName ?? 'neuralops_probe';
  return labels;
}

/**
 * Sends the outbox: every signal state change is a row per channel, written in the transaction
 * that changed the signal. Failures back off and retry; a receiver that is down delays delivery.
 * Each row is claimed before sending, so two workers never send the same row at once, and the row
 * id is the X-NeuralOps-Delivery-Id, so a receiver can drop a retry it already took.
 */
@Injectable()
export class DeliveryWorker {
  private readonly logger = new Logger(DeliveryWorker.name);

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly signals: SignalsRepository,
    private readonly probes: ProbesRepository,
    private readonly alertmanager: AlertmanagerClient,
    private readonly webhook: WebhookClient,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  private async alertFor(signal: Signal, names: Map<string, string>, now: Date): Promise<AlertmanagerAlert> {
    const probeName = signal.probe_id ? (names.get(signal.probe_id) ?? null) : null;
    const endsAt = signal.state === 'resolved' && signal.resolved_at ? signal.resolved_at : new Date(now.getTime() + ALERT_TTL_MS);
    return {
      labels: alertLabels(probeName, signal),
      annotations: { hint: signal.hint, score: String(Math.round(signal.score * 100) / 100), summary: signal.hint },
      startsAt: signal.observed_at.toISOString(),
      endsAt: endsAt.toISOString(),
      generatorURL: signalPageUrl(this.config.insight.publicUrl, signal.id),
    };
  }

  private async send(d: Delivery, now: Date): Promise<void> {
    if (d.channel === 'webhook') {
      if (!this.webhook.configured) throw new Error('WEBHOOK_URL is no longer configured');
      await this.webhook.post(d.body ?? '{}', d.id, now);
      return;
    }
    if (!this.alertmanager.configured) throw new Error('ALERTMANAGER_URL is no longer configured');
    const signal = await this.signals.findById(d.signal_id);
    if (!signal) return; // deleted: nothing left to say
    const names = await this.probes.listNames(signal.probe_id ? [signal.probe_id] : []);
    await this.alertmanager.post([await this.alertFor(signal, names, now)]);
  }

  /**
   * Sends every due outbox row once, until none is due; returns how many were delivered, failed
   * and superseded (replaced undelivered by a newer state of their signal). A success on a channel
   * makes its backed-off rows due at once: the receiver is back, so they go out in this flush.
   */
  async flush(): Promise<{ delivered: number; failed: number; superseded: number }> {
    let delivered = 0;
    let failed = 0;
    let superseded = 0;
    for (;;) {
      const now = this.clock.now();
      const batch = await this.deliveries.claimDue(now, new Date(now.getTime() + CLAIM_MS), BATCH);
      superseded += batch.superseded;
      if (!batch.claimed.length) return { delivered, failed, superseded };
      const recovered = new Set<DeliveryChannel>();
      for (const d of batch.claimed) {
        try {
          await this.send(d, now);
          await this.deliveries.markDelivered(d.id, this.clock.now());
          delivered++;
          if (!recovered.has(d.channel)) {
            recovered.add(d.channel);
            await this.deliveries.releaseBackoff(d.channel, this.clock.now());
          }
        } catch (err) {
          const reason = redactCredentials(err instanceof Error ? err.message : String(err));
          await this.deliveries.markFailed(d.id, reason, new Date(this.clock.now().getTime() + deliveryBackoffMs(d.attempts)));
          this.logger.warn(`delivery ${d.id} (${d.channel}, ${d.event}) failed, attempt ${d.attempts + 1}: ${reason}`);
          failed++;
        }
      }
    }
  }

  /** Keeps firing alerts alive in Alertmanager (endsAt = now + 5 min); Alertmanager dedupes by labels. */
  async resendFiring(): Promise<number> {
    if (!this.alertmanager.configured) return 0;
    const firing = await this.signals.findFiring();
    if (!firing.length) return 0;
    const now = this.clock.now();
    const names = await this.probes.listNames([...new Set(firing.map((s) => s.probe_id).filter((id): id is string => id !== null))]);
    const alerts = await Promise.all(firing.map((s) => this.alertFor(s, names, now)));
    try {
      await this.alertmanager.post(alerts);
    } catch (err) {
      this.logger.warn(`re-sending ${alerts.length} firing alerts failed: ${err instanceof Error ? err.message : String(err)}`);
      return 0;
    }
    // Alertmanager answers again: what was backing off for it goes out with the next flush
    await this.deliveries.releaseBackoff('alertmanager', this.clock.now());
    return alerts.length;
  }
}
