/**
 * Expands a .zip of a profiler folder into in-memory files (fflate). Refuses entries whose names
 * escape the archive (absolute paths, `..`), and archives that would inflate past a size or
 * compression-ratio limit (zip bombs), with a message naming the entry.
 */
import { unzipSync } from 'fflate';
import { memoryFile, readAll, type InputFile } from './input-file';

export interface ZipLimits {
  /** Largest total inflated size. */
  maxTotalBytes: number;
  /** Largest inflated/compressed ratio of an entry bigger than 1 MiB. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 8 * 2 ** 30, maxRatio: 200 };

export class ZipRefusedError extends Error {}

export function isUnsafeEntryName(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  return n.startsWith('/') || /^[a-zA-Z]:/.test(n) || n.split('/').includes('..');
}

export async function expandZip(
  zip: InputFile,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<{ files: InputFile[]; problems: string[] }> {
  const data = await readAll(zip);
  const problems: string[] = [];
  let total = 0;
  let refused: string | null = null;
  const prefix = zip.path.replace(/\.zip$/i, '');
  const entries = unzipSync(data, {
    filter(f) {
      if (f.name.endsWith('/')) return false;
      if (isUnsafeEntryName(f.name)) {
        problems.push(`${zip.path}: entry "${f.name}" points outside the archive; skipped`);
        return false;
      }
      total += f.originalSize;
      if (f.originalSize > 1 << 20 && f.originalSize > f.size * limits.maxRatio) {
        refused ??= `entry "${f.name}" would inflate ${f.size} bytes to ${f.originalSize} (ratio above ${limits.maxRatio}): looks like a zip bomb`;
      }
      if (total > limits.maxTotalBytes) {
        refused ??= `archive would inflate to more than ${limits.maxTotalBytes} bytes`;
      }
      return refused === null;
    },
  });
  const why = refused as string | null; // assigned inside the filter callback
  if (why !== null) throw new ZipRefusedError(`${zip.path}: ${why}; refused`);
  const files = Object.entries(entries).map(([name, bytes]) =>
    memoryFile(`${prefix}/${name.replace(/\\/g, '/')}`, bytes, zip.lastModified),
  );
  return { files, problems };
}
