// Loading a JSON resource for a page: data, error and a reload, cancelled when the page moves on.
import { useCallback, useEffect, useState } from 'react';
import { getJson, type Params } from './api';

export function useApi<T>(path: string | null, params: Params = {}) {
  const key = path === null ? null : `${path}?${JSON.stringify(params)}`;
  const [state, setState] = useState<{ key: string | null; data: T | null; error: Error | null }>({
    key: null,
    data: null,
    error: null,
  });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (path === null || key === null) return;
    const controller = new AbortController();
    getJson<T>(path, params, controller.signal).then(
      (data) => setState({ key, data, error: null }),
      (error: Error) => {
        if (error.name !== 'AbortError') setState({ key, data: null, error });
      },
    );
    return () => controller.abort();
  }, [key, version]); // the key covers path and params
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const current = state.key === key;
  return {
    data: current ? state.data : null,
    error: current ? state.error : null,
    loading: path !== null && !current,
    reload,
  };
}
