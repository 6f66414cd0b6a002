/**
 * What a command-line verb talks to: stdout, stderr and whether stderr is a terminal (progress
 * shows only then). The real process in `scripts/`, a capture in tests.
 */
import type { ImportProgress } from '../../import/readers/reader';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** stderr is a terminal: show progress on it. */
  progress: boolean;
}

export function processIo(): CliIo {
  return {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    progress: process.stderr.isTTY === true,
  };
}

/** A one-line progress display on stderr (`\r`-rewritten, at most 10 times a second); null when off. */
export function progressLine(
  io: CliIo,
): { onProgress: (p: ImportProgress) => void; done: () => void } | null {
  if (!io.progress) return null;
  let last = 0;
  let shown = false;
  return {
    onProgress(p) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const pct = p.bytesTotal > 0 ? ` ${Math.floor((100 * p.bytesRead) / p.bytesTotal)}%` : '';
      const name = p.path.slice(p.path.lastIndexOf('/') + 1);
      io.err(`\r\x1b[K${p.stage} ${name}${pct}`);
      shown = true;
    },
    done() {
      if (shown) io.err('\r\x1b[K');
      shown = false;
    },
  };
}
