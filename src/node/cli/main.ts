/**
 * `ascend-trace-viewer <verb> [options]`: the one command-line entry for everything headless.
 * `--help` anywhere after a verb prints that verb's help; without a verb, the list of verbs.
 */
import type { CliIo } from './io';
import { VERBS } from './verbs';

export function overviewHelp(): string {
  const width = Math.max(...VERBS.map((v) => v.name.length));
  return (
    'usage: ascend-trace-viewer <verb> [options]\n\n' +
    VERBS.map((v) => `  ${v.name.padEnd(width)}  ${v.summary}`).join('\n') +
    '\n\n`ascend-trace-viewer <verb> --help` for one verb.\n'
  );
}

export const isHelp = (a: string): boolean => a === '--help' || a === '-h';

export async function cliMain(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || isHelp(first) || first === 'help') {
    const verb = first === 'help' ? VERBS.find((v) => v.name === rest[0]) : undefined;
    io.out(verb ? verb.help : overviewHelp());
    return first === undefined ? 2 : 0;
  }
  const verb = VERBS.find((v) => v.name === first);
  if (!verb) {
    io.err(
      `ascend-trace-viewer: unknown verb "${first}" (one of ${VERBS.map((v) => v.name).join(', ')})\n`,
    );
    return 2;
  }
  if (rest.some(isHelp)) {
    io.out(verb.help);
    return 0;
  }
  return verb.run(rest, io);
}

/** Runs a verb as the process: exit code set (not process.exit, so piped output is flushed). */
export function runAsProcess(main: () => Promise<number>, name: string): void {
  // `… | head` closes the pipe early: stop quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${name}: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
