// Sums the pass/fail counts that Vitest and Playwright printed into one closing line:
// "N passed, N failed" (plus skipped), as CI expects.
import { readFileSync } from 'node:fs';

// eslint-disable-next-line no-control-regex
const text = readFileSync(process.argv[2], 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
let passed = 0;
let failed = 0;
let skipped = 0;
// Vitest: "      Tests  412 passed | 3 skipped (415)" / "Tests  2 failed | 410 passed (412)"
for (const m of text.matchAll(/^\s*Tests\s+(.*)\(\d+\)\s*$/gm)) {
  for (const part of m[1].split('|')) {
    const p = /(\d+)\s+(passed|failed|skipped|todo)/.exec(part);
    if (!p) continue;
    const n = Number(p[1]);
    if (p[2] === 'passed') passed += n;
    else if (p[2] === 'failed') failed += n;
    else skipped += n;
  }
}
// Playwright: "  12 passed (30.1s)", "  1 failed", "  2 skipped", "  1 flaky"
for (const m of text.matchAll(
  /^\s+(\d+)\s+(passed|failed|skipped|flaky|did not run)(?:\s+\(.*\))?\s*$/gm,
)) {
  const n = Number(m[1]);
  if (m[2] === 'passed' || m[2] === 'flaky') passed += n;
  else if (m[2] === 'failed') failed += n;
  else skipped += n;
}
// A gate that stopped the run before or between test runners (typecheck, lint, format) counts
// as a failure too, so a red run never reads "0 failed".
if (Number(process.argv[3] ?? 0) !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
