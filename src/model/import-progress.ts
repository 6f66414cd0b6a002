/** How far an import has come, as the readers report it and the progress panel shows it. */
export interface ImportProgress {
  /** File being read. */
  path: string;
  stage: string;
  bytesRead: number;
  bytesTotal: number;
  /** Events (or rows) parsed so far in this file. */
  items: number;
}
