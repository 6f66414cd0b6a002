/**
 * Writes a large Ascend-shaped trace_view.json for load tests:
 *   npx tsx scripts/gen-big-trace.ts --mb 1000 --out /path/trace_view.json [--seed N] [--level Level0|Level2]
 * Streams it to disk chunk by chunk (constant memory). Beside the file it keeps
 * `<out>.gen.json` (parameters, size and truth); when that marker matches the request and the
 * file still has the recorded size, generation is skipped. Prints the truth JSON to stdout.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { streamAscendTrace, type StreamTraceTruth } from '../src/generator/trace-stream';

const MARKER_VERSION = 1;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Marker {
  version: number;
  mb: number;
  seed: number;
  level: string;
  bytes: number;
  truth: StreamTraceTruth;
}

function main(): number {
  const mb = Number(arg('mb') ?? '100');
  const out = arg('out');
  const seed = Number(arg('seed') ?? '1');
  const level = arg('level') ?? 'Level2';
  if (!out || !Number.isFinite(mb) || mb <= 0 || (level !== 'Level0' && level !== 'Level2')) {
    process.stderr.write(
      'usage: gen-big-trace --mb <MB> --out <file> [--seed N] [--level Level0|Level2]\n',
    );
    return 2;
  }
  const markerPath = `${out}.gen.json`;
  if (existsSync(out) && existsSync(markerPath)) {
    try {
      const m = JSON.parse(readFileSync(markerPath, 'utf8')) as Marker;
      if (
        m.version === MARKER_VERSION &&
        m.mb === mb &&
        m.seed === seed &&
        m.level === level &&
        statSync(out).size === m.bytes
      ) {
        process.stderr.write(`${out}: up to date (${m.bytes} bytes), skipped\n`);
        process.stdout.write(`${JSON.stringify(m.truth, null, 2)}\n`);
        return 0;
      }
    } catch {
      /* unreadable marker: regenerate */
    }
  }
  mkdirSync(dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  const fd = openSync(partial, 'w');
  const t0 = performance.now();
  let truth: StreamTraceTruth;
  try {
    truth = streamAscendTrace({ targetMB: mb, seed, level }, (chunk) => {
      writeSync(fd, chunk);
    });
  } finally {
    closeSync(fd);
  }
  renameSync(partial, out);
  const secs = (performance.now() - t0) / 1000;
  const marker: Marker = { version: MARKER_VERSION, mb, seed, level, bytes: truth.bytes, truth };
  writeFileSync(markerPath, `${JSON.stringify(marker, null, 2)}\n`);
  process.stderr.write(
    `${out}: ${truth.bytes} bytes, ${truth.events} events in ${secs.toFixed(1)} s (${(truth.bytes / 1e6 / secs).toFixed(0)} MB/s)\n`,
  );
  process.stdout.write(`${JSON.stringify(truth, null, 2)}\n`);
  return 0;
}

process.exit(main());
