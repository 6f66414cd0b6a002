/** Extra summary keys contributed by readers (tables → steps, db, cluster…). */
import type { SummaryExtension } from '../model/summarize-profile';
import { ascendSummary } from './ascend/ascend-summary';
import { analysisSummary } from '../model/analysis/summary';
import { DB_SUMMARY_EXTENSION } from './db';

/** analysisSummary comes after ascendSummary: its `kernels` / `operators` extend those keys. */
export const SUMMARY_EXTENSIONS: SummaryExtension[] = [
  ascendSummary,
  DB_SUMMARY_EXTENSION,
  analysisSummary,
];
