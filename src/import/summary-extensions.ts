/** Extra summary keys contributed by readers (tables → steps, db, cluster…). */
import type { SummaryExtension } from '../model/summarize-profile';

export const SUMMARY_EXTENSIONS: SummaryExtension[] = [];
