import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import { redactCredentials } from '../../common/security/url-credentials';
import { AppConfig } from '../../config/config';
import { Database } from '../../database/database.service';
import { Clock } from './clock';
import { AlertmanagerClient } from './delivery/alertmanager.client';
import { deliveryBackoffMs } from './delivery/delivery.worker';
import { signalLabels } from './domain/alert-labels';
import { signalPageUrl } from './domain/links';
import { KeyRef, Signal } from './domain/probe';
import { EXPIRED_SILENCE_KEPT_MS, MAX_SILENCE_MS, Silence, SilenceInput, silenceProblems, SilenceState, silenceState } from './domain/silence';
import { SignalsRepository } from './signals.repository';
import { SignalsService } from './signals.service';
import { SilencesRepository } from './silences.repository';

const MIRROR_LEASE_MS = 60_000;

export interface NewSilence extends SilenceInput {
  comment: string;
}

/**
 * Silences live here: while one is active, the signals it matches (new or already firing) get no
 * webhook deliveries and are stored with `silenced_by`; when it ends, a still-firing signal's state
 * is delivered once. With ALERTMANAGER_URL each silence is mirrored there, so alerts keep flowing
 * and Alertmanager suppresses the notifications; the mirror is a durable retry (the row stays due
 * until Alertmanager took it), so Alertmanager being down delays it and loses nothing.
 */
@Injectable()
export class SilencesService {
  private readonly logger = new Logger(SilencesService.name);

  constructor(
    private readonly silences: SilencesRepository,
    private readonly signalsRepo: SignalsRepository,
    private readonly signals: SignalsService,
    private readonly alertmanager: AlertmanagerClient,
    private readonly config: AppConfig,
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async create(input: NewSilence, by: KeyRef, signalId: string | null = null): Promise<Silence> {
    const now = this.clock.now();
    const problems = silenceProblems(input, now);
    if (problems.length) throw AppError.validation(problems);
    const silence = this.newSilence(input, by, signalId, now);
    await this.db.write(async (tx) => {
      await this.silences.insert(silence, tx);
      if (silence.starts_at.getTime() <= now.getTime()) {
        await this.signals.applySilence(silence, tx);
        await this.silences.markApplied(silence.id, now, tx);
      }
    });
    return (await this.silences.findById(silence.id))!;
  }

  private newSilence(input: NewSilence, by: KeyRef, signalId: string | null, now: Date): Silence {
    return {
      id: randomUUID(),
      matchers: input.matchers.map((m) => ({ name: m.name, value: m.value, is_regex: m.is_regex ?? false, is_equal: m.is_equal ?? true })),
      starts_at: input.starts_at,
      ends_at: input.ends_at,
      comment: input.comment,
      created_by: by,
      signal_id: signalId,
      applied_at: null,
      released_at: null,
      mirror_due_at: this.alertmanager.configured ? now : null,
      mirror_attempts: 0,
      mirror_error: null,
      alertmanager_id: null,
      created_at: now,
      updated_at: now,
    };
  }

  /** Active and pending silences, and those expired in the last 7 days; latest end first. */
  async list(state?: SilenceState): Promise<Silence[]> {
    const now = this.clock.now();
    const all = await this.silences.findEndingAfter(new Date(now.getTime() - EXPIRED_SILENCE_KEPT_MS));
    return state ? all.filter((s) => silenceState(s, now) === state) : all;
  }

  async get(id: string): Promise<Silence> {
    const silence = await this.silences.findById(id);
    if (!silence) throw new AppError('SILENCE_NOT_FOUND', `no silence with id ${id}`);
    return silence;
  }

  /** DELETE /silences/:id: ends it now (an expired one stays as it is); what it held back is released at once. */
  async expire(id: string): Promise<void> {
    await this.db.write(async (tx) => {
      const silence = await this.silences.findByIdForUpdate(id, tx);
      if (!silence) throw new AppError('SILENCE_NOT_FOUND', `no silence with id ${id}`);
      const now = this.clock.now();
      if (silenceState(silence, now) === 'expired') return;
      const startsAt = silence.starts_at.getTime() > now.getTime() ? now : silence.starts_at;
      await this.silences.setWindow(id, startsAt, now, now, tx);
      await this.signals.releaseSilence({ ...silence, ends_at: now }, tx);
      await this.silences.markReleased(id, now, tx);
    });
  }

  /**
   * POST /signals/:id/snooze: a silence on exactly the labels the signal is sent with, until then
   * (a signal already snoozed has its snooze moved instead). A resolved signal cannot be snoozed.
   */
  async snooze(signalId: string, until: Date, by: KeyRef): Promise<Signal> {
    const now = this.clock.now();
    const signal = await this.signals.get(signalId);
    if (signal.state !== 'firing') throw new AppError('CONFLICT', 'the signal is resolved: only a firing signal can be snoozed');
    if (until.getTime() <= now.getTime()) throw AppError.field('until', 'must be in the future');
    if (until.getTime() - now.getTime() > MAX_SILENCE_MS) throw AppError.field('until', 'a snooze lasts at most 90 days');
    const labels = signalLabels(signal);
    const input: NewSilence = {
      matchers: Object.entries(labels).map(([name, value]) => ({ name, value })),
      starts_at: now,
      ends_at: until,
      comment: `snoozed by ${by.name}: ${signalPageUrl(this.config.insight.publicUrl, signal.id)}`,
    };
    await this.db.write(async (tx) => {
      const current = await this.signalsRepo.findByIdForUpdate(signalId, tx);
      if (!current) throw new AppError('SIGNAL_NOT_FOUND', `no signal with id ${signalId}`);
      const existing = await this.silences.findActiveForSignal(signalId, now, tx);
      let silence: Silence;
      if (existing) {
        await this.silences.setWindow(existing.id, existing.starts_at, until, now, tx);
        silence = { ...existing, ends_at: until };
      } else {
        silence = this.newSilence(input, by, signalId, now);
        await this.silences.insert(silence, tx);
        await this.silences.markApplied(silence.id, now, tx);
      }
      await this.signals.applySilence(silence, tx);
      await this.signalsRepo.setSnoozedUntil(signalId, until, now, tx);
    });
    return this.signals.get(signalId);
  }

  /**
   * Acts on silences whose start or end has come (the housekeeping tick calls this): a starting
   * one holds back the firing signals it matches, an ended one releases what it held. Each is
   * done once, in its own transaction, under the row's lock.
   */
  async transitions(): Promise<{ started: number; ended: number }> {
    const now = this.clock.now();
    const due = await this.silences.findTransitionsDue(now);
    for (const id of due.starting) {
      await this.db.write(async (tx) => {
        const s = await this.silences.findByIdForUpdate(id, tx);
        if (!s || s.applied_at || silenceState(s, now) !== 'active') return;
        await this.signals.applySilence(s, tx);
        await this.silences.markApplied(id, now, tx);
      });
    }
    for (const id of due.ending) {
      await this.db.write(async (tx) => {
        const s = await this.silences.findByIdForUpdate(id, tx);
        if (!s || s.released_at || silenceState(s, now) !== 'expired') return;
        await this.signals.releaseSilence(s, tx);
        await this.silences.markReleased(id, now, tx);
      });
    }
    return { started: due.starting.length, ended: due.ending.length };
  }

  /**
   * Brings Alertmanager's copies in step: a silence not yet over is written there (created, or
   * updated by its Alertmanager id), an ended one expired. A failure backs off and stays due; a
   * success makes the copies backing off due at once.
   */
  async mirror(): Promise<{ mirrored: number; failed: number }> {
    if (!this.alertmanager.configured) return { mirrored: 0, failed: 0 };
    let mirrored = 0;
    let failed = 0;
    const now = this.clock.now();
    for (const id of await this.silences.findMirrorDue(now)) {
      // Alertmanager's timeout is 10 s: the lease outlives an attempt
      const s = await this.silences.claimMirror(id, this.clock.now(), new Date(this.clock.now().getTime() + MIRROR_LEASE_MS));
      if (!s) continue; // another replica is on it
      try {
        let amId = s.alertmanager_id;
        if (s.ends_at.getTime() > this.clock.now().getTime()) {
          amId = await this.alertmanager.putSilence({
            ...(amId ? { id: amId } : {}),
            matchers: s.matchers.map((m) => ({ name: m.name, value: m.value, isRegex: m.is_regex, isEqual: m.is_equal })),
            startsAt: s.starts_at.toISOString(),
            endsAt: s.ends_at.toISOString(),
            createdBy: `${s.created_by.name} (NeuralOps)`,
            comment: `${s.comment} [neuralops silence ${s.id}]`,
          });
        } else if (amId) {
          await this.alertmanager.expireSilence(amId);
        }
        await this.silences.markMirrored(id, amId, s.updated_at);
        if (!mirrored) await this.silences.releaseMirrorBackoff(this.clock.now());
        mirrored++;
      } catch (err) {
        const reason = redactCredentials(err instanceof Error ? err.message : String(err));
        await this.silences.markMirrorFailed(id, reason, new Date(this.clock.now().getTime() + deliveryBackoffMs(s.mirror_attempts)));
        this.logger.warn(`mirroring silence ${id} to Alertmanager failed, attempt ${s.mirror_attempts + 1}: ${reason}`);
        failed++;
      }
    }
    return { mirrored, failed };
  }

  /** Forgets silences that ended more than 7 days ago. */
  prune(): Promise<number> {
    return this.silences.pruneEndedBefore(new Date(this.clock.now().getTime() - EXPIRED_SILENCE_KEPT_MS));
  }
}
