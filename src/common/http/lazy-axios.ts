import type { AxiosInstance, CreateAxiosDefaults } from 'axios';

type Axios = typeof import('axios');
let axios: Axios | undefined;

/**
 * An axios instance made on its first use. axios is only needed once an outside HTTP call is made
 * (Prometheus, Alertmanager, the webhook), and loading it is not free: on load it probes fetch,
 * Request and ReadableStream, which makes Node load undici and its web streams. Loaded at every
 * start, it cost the start 7-8 % of its CPU time (median of 6 alternating starts of the compiled
 * server, embeddings on: 995 vs 925 ms on PostgreSQL, 960 vs 925 ms on SQLite).
 */
export function lazyAxios(defaults: CreateAxiosDefaults): () => AxiosInstance {
  let instance: AxiosInstance | undefined;
  return () => {
    if (!instance) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      axios ??= require('axios') as Axios;
      instance = axios.create(defaults);
    }
    return instance;
  };
}
