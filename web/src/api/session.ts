import { NeuralOpsClient, NeuralOpsError, type CurrentKey } from '@neuralops/client';

const STORAGE_KEY = 'neuralops.apiKey';

/** The API key for this tab: kept in sessionStorage, so it goes with the tab and is never written to disk by us. */
export const session = {
  get key(): string | null {
    try {
      return window.sessionStorage.getItem(STORAGE_KEY);
    } catch {
      return null;
    }
  },
  set(key: string): void {
    window.sessionStorage.setItem(STORAGE_KEY, key);
  },
  clear(): void {
    window.sessionStorage.removeItem(STORAGE_KEY);
  },
};

/** A client for this origin, sending the key as X-API-Key. */
export function clientFor(key: string | null): NeuralOpsClient {
  return new NeuralOpsClient({ baseUrl: window.location.origin, apiKey: key ?? undefined, timeoutMs: 20_000 });
}

export type SignInResult = { ok: true; me: CurrentKey } | { ok: false; reason: string };

/** Checks a key with GET /auth/me; an ingest key is refused, it can only record runs. */
export async function checkKey(key: string): Promise<SignInResult> {
  try {
    const me = await clientFor(key).currentKey();
    if (me.role === 'ingest') return { ok: false, reason: 'This key can only record runs: sign in with a read or admin key.' };
    return { ok: true, me };
  } catch (err) {
    if (err instanceof NeuralOpsError && err.status === 401) return { ok: false, reason: `The API key was refused: ${err.message}.` };
    return { ok: false, reason: errorText(err) };
  }
}

/** What to tell a person about a failed call. */
export function errorText(err: unknown): string {
  if (err instanceof NeuralOpsError) {
    if (err.status === 0) return `The server did not answer (${err.message}).`;
    return `${err.message} (${err.code})`;
  }
  return err instanceof Error ? err.message : String(err);
}

/** Field messages of a VALIDATION_FAILED error, by field. */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (err instanceof NeuralOpsError && Array.isArray(err.details)) {
    for (const d of err.details as Array<{ field?: unknown; message?: unknown }>) {
      if (typeof d?.field === 'string' && typeof d.message === 'string') {
        const field = d.field.split(/[.[]/)[0];
        out[field] = out[field] ? `${out[field]}; ${d.message}` : d.message;
      }
    }
  }
  return out;
}
