import * as fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppError, FieldError } from '../../common/errors/app-error';
import { validateDto } from '../../common/validation/validation.pipe';
import { Database } from '../../database/database.service';
import { Clock } from './clock';
import { DEFAULT_DETECTOR, getDetector } from './detectors';
import { formatDuration, parseDuration } from './domain/duration';
import { KeyRef, Probe, PROBE_DEFAULTS, ProbeRun, ProbeSource, ProbeSpec, Severity } from './domain/probe';
import { probeLabelProblems } from './domain/alert-labels';
import { applyTuning } from './domain/tuning';
import { cronProblem } from './domain/schedule';
import { AdhocProbeDto, CreateProbeDto, UpdateProbeDto } from './dto/probe.dto';
import { AdhocOutcome, ProbeRunner, RunOutcome } from './probe-runner.service';
import { ProbeRunsRepository } from './probe-runs.repository';
import { ProbeDefinition, ProbesRepository } from './probes.repository';
import { ProbeScheduler } from './scheduler/probe-scheduler';
import { SeriesStateRepository, SeriesSummary } from './series-state.repository';
import { SignalsService } from './signals.service';
import { PrometheusSource } from './sources/prometheus.source';
import { RunMetricsSource } from './sources/run-metrics.source';

type SpecInput = Partial<Omit<ProbeSpec, 'query'>> & { query: string };

const SPEC_FIELDS = ['query', 'source', 'detector', 'detector_params', 'sensitivity', 'threshold', 'lookback', 'step', 'cooldown_s', 'min_consecutive', 'wpk_id'] as const;

@Injectable()
export class ProbesService {
  private readonly logger = new Logger(ProbesService.name);

  constructor(
    private readonly probes: ProbesRepository,
    private readonly probeRuns: ProbeRunsRepository,
    private readonly states: SeriesStateRepository,
    private readonly runner: ProbeRunner,
    private readonly scheduler: ProbeScheduler,
    private readonly prometheus: PrometheusSource,
    private readonly runMetrics: RunMetricsSource,
    private readonly signals: SignalsService,
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  private defaultSource(): ProbeSource {
    return this.prometheus.configured ? 'prometheus' : 'runs';
  }

  /**
   * Fills the defaults and checks everything that can be checked locally; VALIDATION_FAILED names
   * every bad field. `defaultDetector` is the detector used when the input names none. The
   * threshold is the given one (sensitivity null), else the detector's threshold for the given
   * sensitivity, medium when none is given.
   */
  resolveSpec(input: SpecInput, defaultDetector: string = DEFAULT_DETECTOR): ProbeSpec {
    const errors: FieldError[] = [];
    if (input.sensitivity != null && input.threshold !== undefined && input.threshold !== null) {
      errors.push(
        { field: 'sensitivity', message: 'cannot be combined with threshold: give a level or a number' },
        { field: 'threshold', message: 'cannot be combined with sensitivity: give a level or a number' },
      );
    }
    const source = input.source ?? this.defaultSource();
    if (source === 'prometheus' && !this.prometheus.configured) errors.push({ field: 'source', message: 'Prometheus is not configured (set PROM_URL)' });
    const lookbackMs = parseDuration(input.lookback ?? PROBE_DEFAULTS.lookback);
    const stepMs = parseDuration(input.step ?? PROBE_DEFAULTS.step);
    if (lookbackMs === undefined) errors.push({ field: 'lookback', message: 'must be a Prometheus duration such as 1h or 90m' });
    if (stepMs === undefined || stepMs % 1000 !== 0) errors.push({ field: 'step', message: 'must be a Prometheus duration of whole seconds such as 60s or 5m' });
    if (lookbackMs !== undefined && stepMs !== undefined && lookbackMs < stepMs) errors.push({ field: 'lookback', message: 'must be at least one step' });
    if (lookbackMs !== undefined && lookbackMs > 400 * 86_400_000) errors.push({ field: 'lookback', message: 'must be at most 400d' });
    if (errors.length) throw AppError.validation(errors);
    const detector = input.detector ?? defaultDetector;
    const spec: ProbeSpec = {
      query: input.query.trim(),
      source,
      detector,
      detector_params: input.detector_params ?? {},
      sensitivity: null,
      threshold: 0,
      lookback: formatDuration(lookbackMs!),
      step: formatDuration(stepMs!),
      cooldown_s: input.cooldown_s ?? PROBE_DEFAULTS.cooldown_s,
      min_consecutive: input.min_consecutive ?? PROBE_DEFAULTS.min_consecutive,
      wpk_id: input.wpk_id ?? null,
    };
    this.runner.detectorOf(spec); // throws VALIDATION_FAILED on detector / detector_params
    if (input.threshold !== undefined && input.threshold !== null) {
      spec.threshold = input.threshold;
    } else {
      spec.sensitivity = input.sensitivity ?? 'medium';
      spec.threshold = getDetector(detector).sensitivities[spec.sensitivity];
    }
    return spec;
  }

  /** 400 PROBE_QUERY_INVALID when the source rejects the query, 503 when it cannot be asked. */
  async validateQuery(spec: ProbeSpec): Promise<void> {
    if (spec.source === 'runs') this.runMetrics.validate(spec.query);
    else await this.prometheus.validate(spec.query);
  }

  private schedule(input: { interval_s?: number | null; cron?: string | null }, current?: Probe): Pick<Probe, 'interval_s' | 'cron'> {
    if (input.cron !== undefined && input.cron !== null && input.interval_s !== undefined && input.interval_s !== null) {
      throw AppError.validation([
        { field: 'cron', message: 'cannot be combined with interval_s' },
        { field: 'interval_s', message: 'cannot be combined with cron' },
      ]);
    }
    const cron = input.cron !== undefined ? input.cron : input.interval_s !== undefined ? null : (current?.cron ?? null);
    if (cron !== null) {
      const problem = cronProblem(cron);
      if (problem) throw AppError.field('cron', problem);
      return { cron, interval_s: null };
    }
    return { cron: null, interval_s: input.interval_s ?? current?.interval_s ?? PROBE_DEFAULTS.interval_s };
  }

  /** Severity and routing labels: the given ones, else the current ones, else warning and none. */
  private routing(input: { severity?: Severity; labels?: Record<string, string> }, current?: Probe): Pick<Probe, 'severity' | 'labels'> {
    const labels = input.labels ?? current?.labels ?? {};
    const problems = probeLabelProblems(labels);
    if (problems.length) throw AppError.validation(problems);
    return { severity: input.severity ?? current?.severity ?? 'warning', labels };
  }

  async create(dto: CreateProbeDto, opts: { validateRemotely: boolean } = { validateRemotely: true }): Promise<Probe> {
    const routing = this.routing(dto);
    const spec = this.resolveSpec(dto);
    const schedule = this.schedule(dto);
    if (await this.probes.findByName(dto.name)) throw new AppError('CONFLICT', `a probe named "${dto.name}" exists`, { field: 'name' });
    if (opts.validateRemotely) await this.validateQuery(spec);
    const def: ProbeDefinition = { ...spec, ...schedule, ...routing, name: dto.name, enabled: dto.enabled ?? true };
    const id = randomUUID();
    try {
      await this.probes.insert(id, def, this.clock.now());
    } catch (err) {
      if (await this.probes.findByName(dto.name)) throw new AppError('CONFLICT', `a probe named "${dto.name}" exists`, { field: 'name' });
      throw err;
    }
    return (await this.probes.findById(id))!;
  }

  async update(id: string, dto: UpdateProbeDto, opts: { validateRemotely: boolean } = { validateRemotely: true }): Promise<Probe> {
    const current = await this.get(id);
    const routing = this.routing(dto, current);
    if (dto.sensitivity !== undefined && dto.threshold !== undefined) this.resolveSpec({ ...dto, query: current.query }); // 400 naming both
    const merged: SpecInput = { ...current };
    for (const f of SPEC_FIELDS) if (dto[f] !== undefined) (merged as Record<string, unknown>)[f] = dto[f];
    // a level (given now, or kept) sets the threshold; a number given now replaces the level
    if (dto.threshold !== undefined) merged.sensitivity = null;
    else if (merged.sensitivity != null) delete merged.threshold;
    // a new detector without a threshold takes that detector's default
    if (dto.detector !== undefined && dto.detector !== current.detector && dto.threshold === undefined) delete merged.threshold;
    if (dto.detector !== undefined && dto.detector !== current.detector && dto.detector_params === undefined) merged.detector_params = {};
    const spec = this.resolveSpec(merged);
    const schedule = this.schedule(dto, current);
    if (dto.name !== undefined && dto.name !== current.name && (await this.probes.findByName(dto.name))) {
      throw new AppError('CONFLICT', `a probe named "${dto.name}" exists`, { field: 'name' });
    }
    if (opts.validateRemotely && (spec.query !== current.query || spec.source !== current.source)) await this.validateQuery(spec);
    const enabled = dto.enabled ?? current.enabled;
    const def: ProbeDefinition = { ...spec, ...schedule, ...routing, name: dto.name ?? current.name, enabled };
    const specChanged = SPEC_FIELDS.some((f) => JSON.stringify(spec[f]) !== JSON.stringify(current[f]));
    const reEnabled = enabled && !current.enabled;
    const scheduleChanged = schedule.cron !== current.cron || schedule.interval_s !== current.interval_s;
    const disabled = !enabled && current.enabled;
    const resetState = specChanged || disabled;
    await this.db.write(async (tx) => {
      await this.probes.update(id, def, this.clock.now(), { resetSchedule: reEnabled || specChanged || scheduleChanged, resetState }, tx);
      if (def.name !== current.name) await this.signals.renameProbe(id, def.name, tx);
      // the episodes its dropped state was tracking can no longer resolve from data
      if (resetState) await this.signals.resolveFiringOfProbe(id, def.name, tx);
    });
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    const probe = await this.get(id);
    await this.db.write(async (tx) => {
      if (!(await this.probes.delete(id, tx))) throw new AppError('PROBE_NOT_FOUND', `no probe with id ${id}`);
      await this.signals.resolveFiringOfProbe(id, probe.name, tx);
    });
  }

  /** The probe, with a raised threshold that has gone 30 days without noise shown a step lower (the next run stores it). */
  async get(id: string): Promise<Probe> {
    const probe = await this.probes.findById(id);
    if (!probe) throw new AppError('PROBE_NOT_FOUND', `no probe with id ${id}`);
    return { ...probe, tuning: applyTuning(probe.threshold, probe.tuning, { kind: 'quiet' }, this.clock.now()) };
  }

  /** POST /probes/:id/tuning/reset: back to the configured threshold, logged with who did it. */
  async resetTuning(id: string, by: KeyRef): Promise<Probe> {
    await this.db.write(async (tx) => {
      const probe = await this.probes.findByIdForUpdate(id, tx);
      if (!probe) throw new AppError('PROBE_NOT_FOUND', `no probe with id ${id}`);
      const next = applyTuning(probe.threshold, probe.tuning, { kind: 'reset', because: `reset by ${by.name}` }, this.clock.now());
      if (next !== probe.tuning) await this.probes.setTuning(id, next, tx);
    });
    return this.get(id);
  }

  async detail(id: string, runs = 20): Promise<{ probe: Probe; runs: ProbeRun[]; series: SeriesSummary[] }> {
    const probe = await this.get(id);
    const [recent, series] = await Promise.all([this.probeRuns.findRecentForProbe(id, runs), this.states.findSummariesForProbe(id)]);
    return { probe, runs: recent, series };
  }

  async list(): Promise<Probe[]> {
    const now = this.clock.now();
    return (await this.probes.listAll()).map((p) => ({ ...p, tuning: applyTuning(p.threshold, p.tuning, { kind: 'quiet' }, now) }));
  }

  /** POST /probes/:id/run: now, whatever the schedule; 409 while another run of it is in progress. */
  async runNow(id: string): Promise<{ probe: Probe; run: ProbeRun }> {
    await this.get(id);
    const outcome: RunOutcome | undefined = await this.scheduler.runOne(id, false);
    if (!outcome) throw new AppError('CONFLICT', 'the probe is running; try again when it finishes');
    const { probe, runs } = await this.detail(id, 5);
    const run = runs.find((r) => r.id === outcome.run_id)!;
    return { probe, run };
  }

  /** POST /probe. A threshold without a detector keeps the seed's meaning: |z| ≥ threshold σ. */
  async adhoc(dto: AdhocProbeDto): Promise<AdhocOutcome> {
    const spec = this.resolveSpec(dto, dto.threshold !== undefined ? 'zscore' : DEFAULT_DETECTOR);
    if (spec.source === 'runs') this.runMetrics.validate(spec.query);
    return this.runner.adhoc(spec, dto.store ?? true);
  }

  /**
   * PROBES_FILE: a JSON array of probe definitions, created or updated by name at boot. The file is
   * trusted configuration: queries are not sent to Prometheus here, so boot does not depend on it.
   */
  async loadFile(file: string): Promise<{ created: number; updated: number }> {
    let items: unknown;
    try {
      items = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`PROBES_FILE ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!Array.isArray(items)) throw new Error(`PROBES_FILE ${file}: must hold a JSON array of probes`);
    let created = 0;
    let updated = 0;
    for (const [i, raw] of items.entries()) {
      try {
        const dto = await validateDto(CreateProbeDto, (raw ?? {}) as object);
        const existing = await this.probes.findByName(dto.name);
        if (existing) {
          await this.update(existing.id, dto, { validateRemotely: false });
          updated++;
        } else {
          try {
            await this.create(dto, { validateRemotely: false });
            created++;
          } catch (err) {
            // another replica loading the same file created it first
            const raced = err instanceof AppError && err.code === 'CONFLICT' ? await this.probes.findByName(dto.name) : undefined;
            if (!raced) throw err;
            await this.update(raced.id, dto, { validateRemotely: false });
            updated++;
          }
        }
      } catch (err) {
        const detail = err instanceof AppError && err.details ? ` ${JSON.stringify(err.details)}` : '';
        throw new Error(`PROBES_FILE ${file}[${i}]: ${err instanceof Error ? err.message : String(err)}${detail}`);
      }
    }
    this.logger.log(`PROBES_FILE ${file}: ${created} created, ${updated} updated`);
    return { created, updated };
  }
}
