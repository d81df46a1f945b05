import { createHash } from 'node:crypto';

/** One weighted part of the text an embedder sees. */
export interface DocumentSection {
  name: 'workflow' | 'status' | 'error' | 'path' | 'inputs' | 'outputs' | 'query';
  text: string;
  /** how much the section counts for the local embedder; remote embedders see only `text` */
  weight: number;
}

export interface EmbeddingDocument {
  /** the rendering a remote embedder receives */
  text: string;
  sections: DocumentSection[];
}

/** The fields of a run that make up its document. */
export interface DocumentRun {
  wpk_id: string;
  status: string;
  error: string | null;
  node_logs: unknown[] | null;
  inputs: unknown;
  outputs: unknown;
}

export interface DocumentOptions {
  /** EMBED_INPUTS_OUTPUTS: false keeps inputs and outputs out of the document (and off the wire). */
  includeInputsOutputs: boolean;
}

export const MAX_ERROR_CHARS = 2000;
export const MAX_NODE_ERROR_CHARS = 300;
export const MAX_PATH_NODES = 50;
export const MAX_IO_CHARS = 1000;

/** Section weights: what a failure is about counts more than the data it ran on. */
export const WEIGHTS = { workflow: 1, status: 2, error: 3, path: 3, inputs: 1, outputs: 1, query: 1 } as const;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** JSON with object keys sorted at every level, so equal values always render the same. */
export function stableJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(obj[k])}`).join(',')}}`;
}

/** "fetch(completed) > parse(failed: timeout)" from node logs, in their order, bounded. */
export function renderNodePath(nodeLogs: unknown[] | null): string {
  if (!Array.isArray(nodeLogs)) return '';
  const parts: string[] = [];
  for (const item of nodeLogs.slice(0, MAX_PATH_NODES)) {
    if (item === null || typeof item !== 'object') continue;
    const log = item as Record<string, unknown>;
    const node = typeof log.node === 'string' ? oneLine(log.node) : '?';
    const status = typeof log.status === 'string' ? oneLine(log.status) : '';
    const error = typeof log.error === 'string' && log.error ? clip(oneLine(log.error), MAX_NODE_ERROR_CHARS) : '';
    const detail = [status, error].filter(Boolean).join(': ');
    parts.push(detail ? `${node}(${detail})` : node);
  }
  if (nodeLogs.length > MAX_PATH_NODES) parts.push(`… ${nodeLogs.length - MAX_PATH_NODES} more`);
  return parts.join(' > ');
}

/**
 * A run's document: workflow, status, error, node path and (optionally) a bounded, key-sorted
 * rendering of inputs and outputs. Pure: the same run always gives the same document.
 */
export function buildRunDocument(run: DocumentRun, options: DocumentOptions): EmbeddingDocument {
  const sections: DocumentSection[] = [
    { name: 'workflow', text: run.wpk_id, weight: WEIGHTS.workflow },
    { name: 'status', text: run.status, weight: WEIGHTS.status },
  ];
  if (run.error) sections.push({ name: 'error', text: clip(oneLine(run.error), MAX_ERROR_CHARS), weight: WEIGHTS.error });
  const path = renderNodePath(run.node_logs);
  if (path) sections.push({ name: 'path', text: path, weight: WEIGHTS.path });
  if (options.includeInputsOutputs) {
    if (run.inputs !== null && run.inputs !== undefined) {
      sections.push({ name: 'inputs', text: clip(stableJson(run.inputs), MAX_IO_CHARS), weight: WEIGHTS.inputs });
    }
    if (run.outputs !== null && run.outputs !== undefined) {
      sections.push({ name: 'outputs', text: clip(stableJson(run.outputs), MAX_IO_CHARS), weight: WEIGHTS.outputs });
    }
  }
  return { text: sections.map((s) => `${s.name}: ${s.text}`).join('\n'), sections };
}

/** A free-text query as a document. */
export function queryDocument(text: string): EmbeddingDocument {
  return { text, sections: [{ name: 'query', text, weight: WEIGHTS.query }] };
}

/** What the outbox compares to decide whether a write needs a new embedding. */
export function documentHash(doc: EmbeddingDocument): string {
  return createHash('sha256').update(doc.text).digest('hex').slice(0, 32);
}
