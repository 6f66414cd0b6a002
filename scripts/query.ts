/**
 * Headless SQL: `npm run query -- <folder | zip | file> "<SQL>"`, an alias of
 * `ascend-trace-viewer query` (see src/node/cli/query-command.ts).
 */
import { cliMain, runAsProcess } from '../src/node/cli/main';
import { processIo } from '../src/node/cli/io';

runAsProcess(() => cliMain(['query', ...process.argv.slice(2)], processIo()), 'query');
