/**
 * Fixture generator speed: `npm run bench:generators`. The built-in demo is generated in the
 * browser on every first visit, and the streamed trace generator feeds the big-file tests and
 * benches. Prints figures only (these used to be timed unit tests, which a busy machine broke).
 */
import { demoProfileFiles } from '../src/generator/demo';
import { streamAscendTrace } from '../src/generator/trace-stream';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

demoProfileFiles(); // warm up
const demoMs: number[] = [];
for (let i = 0; i < 7; i++) {
  const t0 = performance.now();
  demoProfileFiles();
  demoMs.push(performance.now() - t0);
}
console.log(`demo profile: median ${median(demoMs).toFixed(1)} ms over 7 runs (budget ~300 ms)`);

const t0 = performance.now();
let bytes = 0;
streamAscendTrace({ targetMB: 40, seed: 2 }, (c) => {
  bytes += c.length;
});
const s = (performance.now() - t0) / 1000;
console.log(
  `streamed Ascend trace: ${(bytes / 1e6).toFixed(1)} MB in ${s.toFixed(2)} s = ${(bytes / 1e6 / s).toFixed(0)} MB/s`,
);
