#!/usr/bin/env node
// The `ascend-trace-viewer` command (package.json "bin"): runs the TypeScript entry
// scripts/cli.ts in this process through tsx's loader, so a checkout works right after
// `npm install` with no build step (`npx ascend-trace-viewer query …`).
let register;
try {
  ({ register } = await import('tsx/esm/api'));
} catch {
  process.stderr.write(
    'ascend-trace-viewer: tsx is missing; run `npm install` in the checkout first\n',
  );
  process.exit(2);
}
register();
await import('./cli.ts');
