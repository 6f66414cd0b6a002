/**
 * Runs fuzz cases in its own process, so that a case that hangs can be killed from outside
 * (fuzz.test.ts watches it). Prints one JSON line per event on stdout: `{"case":i,"seed":s}`
 * before each case, `{"fail":…}` for each failing case, `{"done":…}` at the end.
 *
 *   npx tsx test/hostile/fuzz-run.ts <json|csv|db> [--cases N] [--seed BASE] [--replay SEED]
 */
import { deriveSeed, Rng } from '../../src/generator/rng';
import { corpus, runCase, type Target } from './fuzz-targets';
import { mutate, mutateInPlace } from './mutate';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const out = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function main(): Promise<void> {
  const target = process.argv[2] as Target;
  if (!['json', 'csv', 'db'].includes(target)) throw new Error(`unknown target "${target}"`);
  const base = Number(arg('seed') ?? 20261128);
  const cases = Number(arg('cases') ?? 100);
  const replay = arg('replay');
  const inputs = await corpus(target);
  const donors = inputs.map((s) => s.bytes);
  const seeds = replay
    ? [Number(replay)]
    : Array.from({ length: cases }, (_, i) => deriveSeed(base, target, i));
  const t0 = performance.now();
  let failures = 0;
  let bytes = 0;
  for (let i = 0; i < seeds.length; i++) {
    const seed = seeds[i]!;
    out({ case: i, seed });
    const rng = new Rng(seed);
    const input = rng.pick(inputs);
    const max = Math.min(1 << 20, Math.max(64 << 10, input.bytes.length * 2));
    const m =
      target === 'db' && rng.chance(0.8)
        ? mutateInPlace(rng.u32(), input.bytes)
        : mutate(rng.u32(), input.bytes, donors, max);
    bytes += m.bytes.length;
    let problem: string | null;
    try {
      problem = await runCase(target, input, m.bytes, rng.int(0, 99));
    } catch (e) {
      problem = `the fuzz case itself threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
    }
    if (problem !== null) {
      failures++;
      out({ fail: { target, seed, input: input.name, ops: m.ops, problem } });
    }
  }
  out({
    done: {
      target,
      cases: seeds.length,
      failures,
      bytes,
      corpus: inputs.length,
      ms: Math.round(performance.now() - t0),
    },
  });
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    out({ crash: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    process.exit(1);
  },
);
