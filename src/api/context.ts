import type { KgovConfig } from '../core/index.js';
import type { Database } from '../store/index.js';

/** What the HTTP layer is given: no globals, so tests can run several servers in one process. */
export type ApiContext = {
  config: KgovConfig;
  database: Database;
  version: string;
};
