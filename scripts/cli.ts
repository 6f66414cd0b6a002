/** `ascend-trace-viewer <verb> …` (run through scripts/ascend-trace-viewer.mjs): see src/node/cli/. */
import { cliMain, runAsProcess } from '../src/node/cli/main';
import { processIo } from '../src/node/cli/io';

runAsProcess(() => cliMain(process.argv.slice(2), processIo()), 'ascend-trace-viewer');
