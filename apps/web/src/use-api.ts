import { useEffect, useState } from 'react';
import { getJson } from './api-client.ts';

export interface ApiState<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
}

/**
 * Fetches a JSON resource and refetches when the path or the workspace revision changes. The last
 * answer stays on screen while the next one loads (panes dim instead of blanking), and a stale
 * response is dropped when a newer request has started: filters change faster than answers arrive.
 */
export function useApi<T>(path: string | null, revision = 0): ApiState<T> {
  const [state, setState] = useState<ApiState<T>>({ data: null, error: null, loading: path !== null });
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision is a refetch trigger, not read inside.
  useEffect(() => {
    if (path === null) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    getJson<T>(path, controller.signal)
      .then((data) => setState({ data, error: null, loading: false }))
      .catch((error: Error) => {
        if (!controller.signal.aborted) setState({ data: null, error, loading: false });
      });
    return () => controller.abort();
  }, [path, revision]);
  return state;
}
