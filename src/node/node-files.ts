/**
 * Node-side InputFiles (headless summary, tests, benchmarks): a file, a folder walked
 * recursively, or a .zip, as the browser's folder input would give them.
 */
import { createReadStream, promises as fs, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { DEFAULT_CHUNK, type InputFile } from '../import/sources/input-file';

export function nodeFile(absPath: string, relPath: string): InputFile {
  const st = statSync(absPath);
  return {
    path: relPath,
    size: st.size,
    lastModified: st.mtimeMs,
    rereadable: true,
    async *stream(chunkSize = DEFAULT_CHUNK) {
      for await (const c of createReadStream(absPath, { highWaterMark: chunkSize })) {
        const b = c as Buffer;
        yield new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
      }
    },
    async slice(start, end) {
      const fh = await fs.open(absPath, 'r');
      try {
        const out = new Uint8Array(Math.max(0, end - start));
        const { bytesRead } = await fh.read(out, 0, out.length, start);
        return out.subarray(0, bytesRead);
      } finally {
        await fh.close();
      }
    },
  };
}

/** Lists a path as InputFiles. Folder paths are relative to the folder's parent, like a dropped folder. */
export async function listInputFiles(path: string): Promise<InputFile[]> {
  const st = await fs.stat(path);
  if (!st.isDirectory()) return [nodeFile(path, basename(path))];
  const out: InputFile[] = [];
  const root = join(path, '..');
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) await walk(abs);
      else if (e.isFile()) out.push(nodeFile(abs, relative(root, abs).split(sep).join('/')));
    }
  };
  await walk(path);
  return out;
}
