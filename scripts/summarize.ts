/**
 * Headless summary: `npm run summarize -- <folder | zip | file>`, an alias of
 * `ascend-trace-viewer summarize` (see src/node/cli/summarize-command.ts).
 */
import { cliMain, runAsProcess } from '../src/node/cli/main';
import { processIo } from '../src/node/cli/io';

runAsProcess(() => cliMain(['summarize', ...process.argv.slice(2)], processIo()), 'summarize');
