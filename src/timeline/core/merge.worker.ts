/** Builds merged device streams off the main thread (merge-runner.ts, merge-handlers.ts). */
import { serve } from '../../lib/worker-serve';
import { mergeHandlers } from './merge-handlers';
import type { MergeProtocol } from './merge-runner';

serve<MergeProtocol>(mergeHandlers(), { results: 'transfer' });
