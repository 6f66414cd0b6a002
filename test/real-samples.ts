// Real profiler samples live beside the checkout (../shared/samples), never in the repository.
// Tests that use them skip with this message when the folder is absent.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const SAMPLES_DIR =
  process.env.TRACE_SAMPLES_DIR ?? resolve(process.cwd(), '../shared/samples');
export const hasSamples = existsSync(SAMPLES_DIR);
export const samplePath = (rel: string): string => resolve(SAMPLES_DIR, rel);
export const SKIP_REASON = `real samples not found at ${SAMPLES_DIR} (set TRACE_SAMPLES_DIR); skipped`;

/** msinsight's 2025-01 runs: text/db × level0/level2 × rank0/rank1. */
export const MI = 'ascend/Ascend__msinsight/test/data/pytorch';
/** Older 2023–2024 variants. */
export const UB = 'ascend/Ascend__msinsight/_unreferenced_blobs';
export const MS = 'ascend/Ascend__msinsight/server/src/test/test_data';
