/**
 * Headless comparison: `npm run compare -- <baseline> <target>`, an alias of
 * `ascend-trace-viewer compare` (see src/node/cli/compare-command.ts).
 */
import { cliMain, runAsProcess } from '../src/node/cli/main';
import { processIo } from '../src/node/cli/io';

runAsProcess(() => cliMain(['compare', ...process.argv.slice(2)], processIo()), 'compare');
