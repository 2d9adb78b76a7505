import { useCallback, useEffect, useState } from 'react';

import { ResourceError, toResourceError } from './resourceError';

export interface ResourceState<T> {
  data?: T;
  error?: ResourceError;
  loading: boolean;
  reload: () => void;
}

interface Settled<T> {
  key: string;
  generation: number;
  data?: T;
  error?: ResourceError;
}

/** Runs `load` when `key` changes or on reload; keeps the last data while loading again. */
export function useResource<T>(load: () => Promise<T>, key: string): ResourceState<T> {
  const [generation, setGeneration] = useState(0);
  const [settled, setSettled] = useState<Settled<T>>();
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setSettled({ key, generation, data }),
      (err) =>
        current && setSettled({ key, generation, error: err instanceof ResourceError ? err : toResourceError(err) })
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; `key` says when it means something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const loading = !settled || settled.key !== key || settled.generation !== generation;
  return { data: settled?.data, error: loading ? undefined : settled?.error, loading, reload };
}
