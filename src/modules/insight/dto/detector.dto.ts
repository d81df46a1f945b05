import { ApiProperty } from '@nestjs/swagger';
import { int } from '../../../common/openapi/schemas';
import { SENSITIVITIES, type Sensitivity } from '../detectors';
import type { DetectorDescription, LevelDescription } from '../domain/detector-catalog';

export class LevelMeasurementDto {
  @ApiProperty({ ...int(1), description: 'healthy synthetic series streamed (12 kinds: noise, daily and weekly cycles, counts, latencies, trends, gaps…)' }) series!: number;
  @ApiProperty(int(1)) points!: number;
  @ApiProperty({ ...int(0), description: 'alerts they raised after warm-up, counted as a probe opens signals' }) alerts!: number;
  @ApiProperty({ type: Number, format: 'double', example: 0, description: 'alerts per series per 30 days of 5-minute points (8,640 points)' })
  false_alarms_per_30_days!: number;
  @ApiProperty({
    type: Number,
    format: 'double',
    example: 0.004,
    description: 'the upper end of that rate’s one-sided 95 % confidence interval: what the measurement rules out, even where it saw no alert',
  })
  false_alarms_per_30_days_upper_95!: number;
  @ApiProperty({ ...int(1), nullable: true, description: 'incidents injected into the same kinds of series (spikes, level shifts, outages…); null where not measured at this level' })
  incidents!: number | null;
  @ApiProperty({ ...int(0), nullable: true, description: 'of them, caught as one alert within 12 points of their start' }) incidents_caught!: number | null;
}

export class SensitivityLevelDto {
  @ApiProperty({ enum: SENSITIVITIES }) level!: Sensitivity;
  @ApiProperty({ type: Number, format: 'double', example: 6, description: "the alert threshold it stands for, in the detector's unit" }) threshold!: number;
  @ApiProperty({ type: LevelMeasurementDto, nullable: true, description: 'what `npm run bench:nab` measured at this threshold; null if never measured at it' })
  measured!: LevelMeasurementDto | null;
}

export class DetectorDto {
  @ApiProperty({ type: String, example: 'vigil' }) name!: string;
  @ApiProperty({ type: String }) description!: string;
  @ApiProperty({ type: String, example: 'decades', description: 'unit of its scores and thresholds' }) unit!: string;
  @ApiProperty({ type: Boolean, description: 'the detector of new probes that name none' }) default!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'its parameters when a probe gives none (detector_params overrides each)' })
  default_params!: Record<string, unknown>;
  @ApiProperty({ type: Number, format: 'double', description: 'its threshold at sensitivity medium' }) default_threshold!: number;
  @ApiProperty({ type: [SensitivityLevelDto], description: 'low, medium and high: what a probe’s `sensitivity` sets the threshold to, and how often each alerted on healthy series' })
  sensitivities!: SensitivityLevelDto[];
}

export class DetectorListDto {
  @ApiProperty({ type: [DetectorDto] }) items!: DetectorDto[];
}

function toLevelDto(l: LevelDescription): SensitivityLevelDto {
  const m = l.measured;
  return {
    level: l.level,
    threshold: l.threshold,
    measured: m && {
      series: m.series,
      points: m.points,
      alerts: m.alerts,
      false_alarms_per_30_days: m.perSeries30Days,
      false_alarms_per_30_days_upper_95: m.perSeries30DaysUpper95,
      incidents: m.incidents,
      incidents_caught: m.caught,
    },
  };
}

export function toDetectorDto(d: DetectorDescription): DetectorDto {
  return {
    name: d.name,
    description: d.description,
    unit: d.unit,
    default: d.isDefault,
    default_params: d.defaultParams,
    default_threshold: d.defaultThreshold,
    sensitivities: d.levels.map(toLevelDto),
  };
}
