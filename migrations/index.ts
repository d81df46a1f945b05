import { InitialSchema1764374400000 } from './1764374400000-InitialSchema';
import { Registry1764374500000 } from './1764374500000-Registry';
import { Insight1764374600000 } from './1764374600000-Insight';
import { Embeddings1764374700000 } from './1764374700000-Embeddings';
import { RunHappenedAt1764374800000 } from './1764374800000-RunHappenedAt';
import { DeliveryOrder1764374900000 } from './1764374900000-DeliveryOrder';
import { SignalProbeNameAndPeak1764380000000 } from './1764380000000-SignalProbeNameAndPeak';
import { ProbeSensitivity1764380100000 } from './1764380100000-ProbeSensitivity';
import { RunUsage1764380200000 } from './1764380200000-RunUsage';
import { OtlpTraces1764380300000 } from './1764380300000-OtlpTraces';
import { ProbeSeverityLabels1764380400000 } from './1764380400000-ProbeSeverityLabels';
import { SignalActions1764380410000 } from './1764380410000-SignalActions';
import { Silences1764380420000 } from './1764380420000-Silences';
import { RunNodes1764380500000 } from './1764380500000-RunNodes';
import { RunStatusIndex1764380600000 } from './1764380600000-RunStatusIndex';
import { RunTags1764380700000 } from './1764380700000-RunTags';

/** Every migration, in order. Listed explicitly so the app and the CLI run the same set from src or dist. */
export const MIGRATIONS = [
  InitialSchema1764374400000,
  Registry1764374500000,
  Insight1764374600000,
  Embeddings1764374700000,
  RunHappenedAt1764374800000,
  DeliveryOrder1764374900000,
  SignalProbeNameAndPeak1764380000000,
  ProbeSensitivity1764380100000,
  RunUsage1764380200000,
  OtlpTraces1764380300000,
  ProbeSeverityLabels1764380400000,
  SignalActions1764380410000,
  Silences1764380420000,
  RunNodes1764380500000,
  RunStatusIndex1764380600000,
  RunTags1764380700000,
];
