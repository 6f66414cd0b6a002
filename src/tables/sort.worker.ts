/** Sorts row ids by numeric keys off the main thread (see query.ts, sort-runner.ts). */
import { serve } from '../lib/worker-serve';
import { sortOrder } from './query';
import type { SortProtocol } from './sort-runner';

serve<SortProtocol>(
  { sort: ({ keys, dir }) => Promise.resolve(sortOrder(keys, dir)) },
  { results: 'transfer' },
);
