/**
 * What the fuzz test runs: seed corpora (the generator's trace-JSON edge cases and a generated
 * Ascend folder, plus small real samples when present) and one function per target that runs a
 * mutated input through the importer and returns what went wrong, or null.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { traceJsonCases } from '../../src/generator/trace-json-cases';
import { loadSqlJs } from '../../src/import/db';
import { locateSqlJsInNode } from '../../src/import/db/sql-loader-node';
import { analysisSchema, makeDb, schema100 } from '../../src/import/db/test-dbs';
import {
  DecompressionBombError,
  UnsupportedEncodingError,
} from '../../src/import/sources/decode-stream';
import { memoryFile } from '../../src/import/sources/input-file';
import { TraceFormatError } from '../../src/import/json/scan-details';
import { importTraceJson } from '../../src/import/trace/import-trace-json';
import { inProcessPool } from '../../src/import/trace/parallel-scan';
import { ASCEND_CSV_KINDS } from '../../src/import/file-kinds';
import { SUMMARY_EXTENSIONS } from '../../src/import/summary-extensions';
import { summarizeProfile } from '../../src/model/summarize-profile';
import { hasSamples, SAMPLES_DIR } from '../real-samples';
import { checkModel, checkProfile, fileText, importInputs, smallProfile } from './test-hostile';

export type Target = 'json' | 'csv' | 'db';

export interface SeedInput {
  name: string;
  bytes: Uint8Array;
}

const enc = new TextEncoder();
const PROFILE = 'fuzz_1_20250101000000000_ascend_pt';
const INFO = JSON.stringify({
  rank_id: 0,
  config: { experimental_config: { _profiler_level: 'Level2' } },
});

/** Files under `dir` whose name passes `keep`, at most `maxBytes` each (none without samples). */
function samples(dir: string, keep: (name: string) => boolean, maxBytes: number): SeedInput[] {
  if (!hasSamples) return [];
  const out: SeedInput[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (keep(e.name) && statSync(p).size <= maxBytes) {
        out.push({ name: p.slice(SAMPLES_DIR.length + 1), bytes: new Uint8Array(readFileSync(p)) });
      }
    }
  };
  walk(join(SAMPLES_DIR, dir));
  return out;
}

export async function corpus(target: Target): Promise<SeedInput[]> {
  const g = smallProfile(11);
  if (target === 'json') {
    return [
      ...traceJsonCases().map((c) => ({ name: c.file, bytes: c.bytes })),
      { name: 'generated/trace_view.json', bytes: enc.encode(fileText(g, 'trace_view.json')) },
      {
        name: 'generated/communication.json',
        bytes: enc.encode(fileText(g, 'communication.json')),
      },
      ...samples('trace-json', (n) => /\.json(\.gz)?$/.test(n), 256 << 10),
    ];
  }
  if (target === 'csv') {
    return [
      ...g.files
        .filter((f) => f.path.endsWith('.csv'))
        .map((f) => ({ name: `generated/${basename(f.path)}`, bytes: enc.encode(f.data) })),
      ...samples('ascend', (n) => n.endsWith('.csv'), 256 << 10),
    ];
  }
  locateSqlJsInNode();
  const sql = await loadSqlJs();
  return [
    { name: 'generated/ascend_pytorch_profiler_0.db', bytes: makeDb(sql, schema100()) },
    { name: 'generated/analysis.db', bytes: makeDb(sql, analysisSchema(true)) },
    ...samples('ascend', (n) => n.endsWith('.db'), 1 << 20),
  ];
}

/** Errors importTraceJson may throw by design (its reader turns them into a failed report). */
function expectedTraceError(e: unknown): boolean {
  return (
    e instanceof TraceFormatError ||
    e instanceof UnsupportedEncodingError ||
    e instanceof DecompressionBombError
  );
}

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e);
}

/** The file name a mutated input is opened under (its kind decides the reader). */
function fileName(seed: SeedInput, target: Target): string {
  const base = basename(seed.name);
  if (target === 'json') return base.endsWith('.gz') ? 'trace.json.gz' : 'trace_view.json';
  if (target === 'csv') {
    const known = (ASCEND_CSV_KINDS as readonly string[]).includes(base.toLowerCase());
    return known ? base : 'other_table.csv';
  }
  return /analysis/.test(base) ? 'analysis.db' : 'ascend_pytorch_profiler_0.db';
}

/**
 * Runs one mutated input; returns the problem or null. `mode` (0–99) picks the path: for JSON,
 * the trace importer directly (with a chunk-size comparison now and then) or a whole folder.
 */
export async function runCase(
  target: Target,
  seed: SeedInput,
  bytes: Uint8Array,
  mode: number,
): Promise<string | null> {
  const name = fileName(seed, target);
  if (target === 'json' && mode < 80) {
    let m;
    try {
      m = await importTraceJson(memoryFile(name, bytes));
    } catch (e) {
      return expectedTraceError(e) ? null : `importTraceJson threw ${describeError(e)}`;
    }
    const bad = checkModel(m);
    if (bad.length > 0) return `model invariants: ${bad.slice(0, 5).join('; ')}`;
    if (mode < 15 && !name.endsWith('.gz')) {
      // The same model whatever the chunk size (chunk boundaries are where streaming bugs hide).
      const size = 1 + ((mode * 997) % 4096);
      const f = memoryFile(name, bytes);
      const stream = f.stream.bind(f);
      const c = await importTraceJson({ ...f, stream: () => stream(size) });
      const a = JSON.stringify([m.stats, m.warnings]);
      const b = JSON.stringify([c.stats, c.warnings]);
      if (a !== b)
        return `chunk size ${size} changes the result:\n  whole: ${a.slice(0, 600)}\n  chunked: ${b.slice(0, 600)}`;
    }
    if (mode >= 15 && mode < 30 && !name.endsWith('.gz')) {
      // Parallel range scans give the single-scan model (or fall back to it).
      const f = memoryFile(name, bytes);
      const c = await importTraceJson(f, { pool: inProcessPool(3), minBytesPerRange: 256 });
      const drop = (w: { code: string }[]) => w.filter((x) => x.code !== 'parallel_fallback');
      const key = (x: typeof m) =>
        JSON.stringify([
          { ...x.stats, byPhase: Object.entries(x.stats.byPhase).sort() },
          drop(x.warnings).sort((a, b) => a.code.localeCompare(b.code)),
        ]);
      if (key(m) !== key(c))
        return `parallel scan changes the result:\n  single: ${key(m).slice(0, 600)}\n  ranges: ${key(c).slice(0, 600)}`;
    }
    return null;
  }
  const files = [
    memoryFile(`${PROFILE}/profiler_info_0.json`, INFO),
    memoryFile(`${PROFILE}/ASCEND_PROFILER_OUTPUT/${name}`, bytes),
  ];
  let result;
  try {
    result = await importInputs(files);
  } catch (e) {
    return `open/import threw ${describeError(e)}`;
  }
  if (result.profiles.length !== 1) return `${result.profiles.length} profiles found`;
  const p = result.profiles[0]!;
  const report = p.inputs.find((i) => i.path.endsWith(`/${name}`));
  if (!report) return `no report for ${name}`;
  const bad = checkProfile(p);
  if (bad.length > 0) return `profile invariants: ${bad.slice(0, 5).join('; ')}`;
  try {
    // What `npm run summarize` prints must build and serialise too.
    JSON.stringify(summarizeProfile(p, SUMMARY_EXTENSIONS));
  } catch (e) {
    return `the summary threw ${describeError(e)}`;
  }
  return null;
}
