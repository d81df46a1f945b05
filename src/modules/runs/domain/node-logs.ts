import { FieldError } from '../../../common/errors/app-error';
import { MAX_DURATION_MS, MAX_ERROR_LENGTH, MAX_ID_LENGTH, MAX_NODE_LOGS } from './run';
import { parseTimestamp, TIMESTAMP_MESSAGE } from '../../../common/validation/timestamps';
import { modelsProblem, usageProblem } from './usage';

type Check = (value: unknown) => string | undefined;

const str = (max: number): Check => (v) => (typeof v === 'string' && v.length <= max ? undefined : `must be a string of at most ${max} characters`);
const int: Check = (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_DURATION_MS ? undefined : `must be an integer from 0 to ${MAX_DURATION_MS}`;
const time: Check = (v) => (parseTimestamp(v) ? undefined : TIMESTAMP_MESSAGE);
const object: Check = (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? undefined : 'must be an object');
const stringArray: Check = (v) =>
  Array.isArray(v) && v.length <= 100 && v.every((s) => typeof s === 'string' && s.length <= MAX_ID_LENGTH)
    ? undefined
    : `must be an array of at most 100 strings of at most ${MAX_ID_LENGTH} characters`;
const any: Check = () => undefined;
const usage: Check = (v) => {
  const problem = usageProblem(v);
  return problem && (problem[0] ? `${problem[0]} ${problem[1]}` : problem[1]);
};

/** Known node-log keys and their rules; other keys are kept as given. Null means "not given". */
const KNOWN: Record<string, Check> = {
  step: int,
  status: str(32),
  started_at: time,
  ended_at: time,
  duration_ms: int,
  error: str(MAX_ERROR_LENGTH),
  inputs: any,
  outputs: any,
  path: stringArray,
  checkpoint_ns: str(1000),
  thread_id: str(MAX_ID_LENGTH),
  metadata: object,
  usage,
  models: modelsProblem,
};

const KNOWN_ENTRIES = Object.entries(KNOWN);

/** Validates `node_logs`; errors name the item and key, e.g. `node_logs[3].node`. */
export function validateNodeLogs(value: unknown, field = 'node_logs'): FieldError[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) return [{ field, message: 'must be an array of node logs' }];
  if (value.length > MAX_NODE_LOGS) return [{ field, message: `must have at most ${MAX_NODE_LOGS} items` }];
  const errors: FieldError[] = [];
  // the field path is built only for an error: valid logs, the everyday case, cost no strings
  value.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      errors.push({ field: `${field}[${i}]`, message: 'must be an object' });
      return;
    }
    const log = item as Record<string, unknown>;
    if (typeof log.node !== 'string' || log.node.length < 1 || log.node.length > MAX_ID_LENGTH) {
      errors.push({ field: `${field}[${i}].node`, message: `is required: a string of 1 to ${MAX_ID_LENGTH} characters` });
    }
    for (const [key, check] of KNOWN_ENTRIES) {
      const v = log[key];
      if (v === undefined || v === null) continue;
      const message = check(v);
      if (message) errors.push({ field: `${field}[${i}].${key}`, message });
    }
  });
  return errors;
}
