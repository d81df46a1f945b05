import type { NeuralOpsClient } from '@neuralops/client';
import { DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { useGuarded } from './auth';

export interface ApiState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Calls the API when `deps` change and keeps the latest answer; an answer to an older call that
 * comes late is dropped. `null` as the call skips it.
 */
export function useApi<T>(call: ((client: NeuralOpsClient) => Promise<T>) | null, deps: DependencyList): ApiState<T> {
  const guarded = useGuarded();
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: call !== null });
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    if (!call) {
      setState({ data: undefined, error: undefined, loading: false });
      return;
    }
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    guarded(call).then(
      (data) => mine === seq.current && setState({ data, error: undefined, loading: false }),
      (error: unknown) => mine === seq.current && setState({ data: undefined, error, loading: false }),
    );
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
