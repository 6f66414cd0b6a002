/**
 * The verbs of `ascend-trace-viewer <verb> …`. Adding a verb is one entry here: its name, a
 * one-line summary for the overview, its `--help` text and what it runs (returns the exit code).
 */
import { COMPARE_HELP, compareCommand } from './compare-command';
import type { CliIo } from './io';
import { QUERY_HELP, queryCommand } from './query-command';
import { SUMMARIZE_HELP, summarizeCommand } from './summarize-command';

export interface Verb {
  name: string;
  summary: string;
  help: string;
  run: (args: string[], io: CliIo) => Promise<number>;
}

export const VERBS: Verb[] = [
  {
    name: 'summarize',
    summary: 'print a JSON summary of a profile (a stable contract for scripts)',
    help: SUMMARIZE_HELP,
    run: summarizeCommand,
  },
  {
    name: 'query',
    summary:
      "run SQL over a profile's tables (those of the SQL view) and print CSV, JSON or a table",
    help: QUERY_HELP,
    run: queryCommand,
  },
  {
    name: 'compare',
    summary: 'compare a baseline and a target run (kernels, operators, steps, communication)',
    help: COMPARE_HELP,
    run: compareCommand,
  },
];
