/** Extra summary keys contributed by readers (tables → steps, db, cluster…). */
import type { SummaryExtension } from '../model/summarize-profile';
import { ascendSummary } from './ascend/ascend-summary';

export const SUMMARY_EXTENSIONS: SummaryExtension[] = [ascendSummary];
