/**
 * `npm run manifest -- <folder> [--all] [--stdout]`: writes `<folder>/index.json`, the list of
 * files that lets the viewer open the folder over HTTP (`?url=<folder>/`) from any static server
 * (nginx, S3/OSS/MinIO, GitHub Pages). Lists the files the viewer reads (trace JSON, CSVs, db,
 * profiler info, notes sidecars); `--all` lists every file. Prints one line with the count.
 */
import { stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { makeManifest, MANIFEST_NAME } from '../src/app/url-open/manifest';
import { walkFolder } from './manifest/walk';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const folder = args.find((a) => !a.startsWith('--'));
  if (!folder) {
    process.stderr.write('usage: npm run manifest -- <folder> [--all] [--stdout]\n');
    return 2;
  }
  const root = resolve(folder);
  const st = await stat(root).catch(() => null);
  if (!st?.isDirectory()) {
    process.stderr.write(`${folder}: not a folder\n`);
    return 2;
  }
  const files = await walkFolder(root, args.includes('--all'));
  if (files.length === 0) {
    process.stderr.write(`${folder}: no file the viewer reads (use --all to list every file)\n`);
    return 2;
  }
  const json = `${JSON.stringify(makeManifest(files), null, 1)}\n`;
  if (args.includes('--stdout')) process.stdout.write(json);
  else {
    await writeFile(join(root, MANIFEST_NAME), json);
    const bytes = files.reduce((a, f) => a + f.size, 0);
    process.stdout.write(`${join(folder, MANIFEST_NAME)}: ${files.length} files, ${bytes} bytes\n`);
  }
  return 0;
}

process.exitCode = await main();
