/**
 * An OTLP export as protobufjs decodes it (ExportTraceServiceRequest, camelCase fields, int64 as
 * Long-like values), read into plain spans within the limits: spans per request, attributes per
 * span, bytes per attribute value. What is cut is counted and named for `partial_success`.
 */

export type AttrValue = string | number | boolean | null | AttrValue[] | { [key: string]: AttrValue };
export type Attributes = Record<string, AttrValue>;

/** One span, read. Times are milliseconds since the epoch (fractional). */
export interface IngestSpan {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer */
  kind: number;
  start_ms: number;
  end_ms: number;
  /** OTLP StatusCode: 0 unset, 1 ok, 2 error */
  status_code: number;
  status_message: string;
  /** the span flags say its parent lives in another process */
  parent_is_remote: boolean;
  attributes: Attributes;
  /** the span's `exception` events' attributes */
  exceptions: Attributes[];
  resource: Attributes;
}

export interface ExportLimits {
  maxSpans: number;
  maxAttributes: number;
  /** bytes of one attribute value (a string's UTF-8 length, or an array's or map's JSON) */
  maxValueBytes: number;
}

export interface ReadExport {
  spans: IngestSpan[];
  /** spans received but not kept */
  rejected: number;
  /** what was cut, for partial_success's error_message */
  problems: string[];
}

// The decoded shapes this reader walks: what protobufjs hands out for the OTLP messages.
interface LongLike {
  toNumber?(): number;
  toString(): string;
}
type Num = number | LongLike | string | null | undefined;
interface DecodedAnyValue {
  stringValue?: string | null;
  boolValue?: boolean | null;
  intValue?: Num;
  doubleValue?: number | null;
  arrayValue?: { values?: DecodedAnyValue[] | null } | null;
  kvlistValue?: { values?: DecodedKeyValue[] | null } | null;
  bytesValue?: Uint8Array | null;
}
interface DecodedKeyValue {
  key?: string | null;
  value?: DecodedAnyValue | null;
}
interface DecodedSpan {
  traceId?: Uint8Array | null;
  spanId?: Uint8Array | null;
  parentSpanId?: Uint8Array | null;
  flags?: number | null;
  name?: string | null;
  kind?: number | null;
  startTimeUnixNano?: Num;
  endTimeUnixNano?: Num;
  attributes?: DecodedKeyValue[] | null;
  events?: Array<{ name?: string | null; attributes?: DecodedKeyValue[] | null }> | null;
  status?: { code?: number | null; message?: string | null } | null;
}
export interface DecodedExport {
  resourceSpans?: Array<{
    resource?: { attributes?: DecodedKeyValue[] | null } | null;
    scopeSpans?: Array<{ spans?: DecodedSpan[] | null }> | null;
  }> | null;
}

/** Span flags: bit 8 says whether bit 9 (the parent is remote) is known. */
const HAS_IS_REMOTE = 0x100;
const IS_REMOTE = 0x200;
/** Resource attributes a run can take its workflow from; the rest are not kept. */
const RESOURCE_KEYS = new Set(['service.name', 'neuralops.wpk_id']);

const toNumber = (v: Num): number => {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return Number(v);
  return typeof v.toNumber === 'function' ? v.toNumber() : Number(v.toString());
};

const hex = (bytes: Uint8Array | null | undefined): string => (bytes && bytes.length ? Buffer.from(bytes).toString('hex') : '');
const allZero = (id: string) => /^0*$/.test(id);
/** What a Date can hold and a database column store: 1970 to 9999. */
const MAX_TIME_MS = 253_402_300_799_999;
const usableTime = (ms: number) => Number.isFinite(ms) && ms >= 0 && ms <= MAX_TIME_MS;

/** protobufjs puts the defaults of unset fields on the prototype: only own properties were sent. */
const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key) && (o as Record<string, unknown>)[key] !== null && (o as Record<string, unknown>)[key] !== undefined;

function anyValue(v: DecodedAnyValue | null | undefined, depth = 0): AttrValue {
  if (!v || depth > 32) return null;
  if (has(v, 'stringValue')) return v.stringValue!;
  if (has(v, 'boolValue')) return v.boolValue!;
  if (has(v, 'intValue')) return toNumber(v.intValue);
  if (has(v, 'doubleValue')) return Number.isFinite(v.doubleValue!) ? v.doubleValue! : String(v.doubleValue);
  if (has(v, 'arrayValue')) return (v.arrayValue!.values ?? []).map((x) => anyValue(x, depth + 1));
  if (has(v, 'kvlistValue')) return attributesOf(v.kvlistValue!.values, depth + 1);
  if (has(v, 'bytesValue')) return Buffer.from(v.bytesValue!).toString('base64');
  return null;
}

function attributesOf(list: DecodedKeyValue[] | null | undefined, depth = 0): Attributes {
  const out: Attributes = {};
  for (const kv of list ?? []) if (kv.key) out[kv.key] = anyValue(kv.value, depth);
  return out;
}

const valueBytes = (v: AttrValue) => (typeof v === 'string' ? Buffer.byteLength(v) : v !== null && typeof v === 'object' ? Buffer.byteLength(JSON.stringify(v)) : 8);

/**
 * Reads every span of an export. Kept first when a span carries more attributes than the limit:
 * the ones the run mapping reads (`important`), then the others in the order sent.
 */
export function readExport(request: DecodedExport, limits: ExportLimits, important: (key: string) => boolean): ReadExport {
  const spans: IngestSpan[] = [];
  const problems: string[] = [];
  let rejected = 0;
  let badIds = 0;
  let badTimes = 0;
  let received = 0;
  let dropped = 0;
  let oversized = 0;
  for (const rs of request.resourceSpans ?? []) {
    const resourceAll = attributesOf(rs.resource?.attributes);
    const resource: Attributes = {};
    for (const key of Object.keys(resourceAll)) if (RESOURCE_KEYS.has(key)) resource[key] = resourceAll[key];
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        received++;
        if (spans.length >= limits.maxSpans) {
          rejected++;
          continue;
        }
        const traceId = hex(s.traceId);
        const spanId = hex(s.spanId);
        if (traceId.length !== 32 || spanId.length !== 16 || allZero(traceId) || allZero(spanId)) {
          rejected++;
          badIds++;
          continue;
        }
        const all = s.attributes ?? [];
        const ordered = all.length > limits.maxAttributes ? [...all.filter((kv) => kv.key && important(kv.key)), ...all.filter((kv) => !kv.key || !important(kv.key))] : all;
        const attributes: Attributes = {};
        let kept = 0;
        for (const kv of ordered) {
          if (!kv.key) continue;
          if (kept >= limits.maxAttributes) {
            dropped++;
            continue;
          }
          const value = anyValue(kv.value);
          if (valueBytes(value) > limits.maxValueBytes) {
            oversized++;
            problems.push(`span ${spanId}: attribute ${kv.key} dropped, its value is over ${limits.maxValueBytes} bytes`);
            continue;
          }
          attributes[kv.key] = value;
          kept++;
        }
        const startMs = toNumber(s.startTimeUnixNano) / 1e6;
        const endMs = toNumber(s.endTimeUnixNano) / 1e6;
        if (!usableTime(startMs) || !usableTime(endMs)) {
          rejected++;
          badTimes++;
          continue;
        }
        const parent = hex(s.parentSpanId);
        const flags = s.flags ?? 0;
        spans.push({
          trace_id: traceId,
          span_id: spanId,
          parent_span_id: parent && !allZero(parent) ? parent : null,
          name: s.name ?? '',
          kind: s.kind ?? 0,
          start_ms: startMs,
          end_ms: endMs,
          status_code: s.status?.code ?? 0,
          status_message: s.status?.message ?? '',
          parent_is_remote: (flags & HAS_IS_REMOTE) !== 0 && (flags & IS_REMOTE) !== 0,
          attributes,
          exceptions: (s.events ?? []).filter((e) => e.name === 'exception').map((e) => attributesOf(e.attributes)),
          resource,
        });
      }
    }
  }
  if (received > limits.maxSpans) problems.unshift(`${received - limits.maxSpans} spans over the limit of ${limits.maxSpans} per request were rejected`);
  if (badIds) problems.unshift(`${badIds} spans without a valid 16-byte trace id and 8-byte span id were rejected`);
  if (badTimes) problems.unshift(`${badTimes} spans with a start or end time outside 1970–9999 were rejected`);
  if (dropped) problems.push(`${dropped} attributes over the limit of ${limits.maxAttributes} per span were dropped`);
  // one line per oversized attribute is enough for a handful; beyond, a count
  if (oversized > 5) problems.splice(problems.findIndex((p) => p.includes('dropped, its value')), oversized, `${oversized} attributes were dropped, their values over ${limits.maxValueBytes} bytes`);
  return { spans, rejected, problems };
}
