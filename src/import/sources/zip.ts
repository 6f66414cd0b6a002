/**
 * Expands a .zip of a profiler folder into in-memory files (fflate). Refuses entries whose names
 * escape the archive (absolute paths, `..`), and archives that would inflate past a size or
 * compression-ratio limit (zip bombs), with a message naming the entry.
 *
 * Two passes: the directory is read and judged first (nothing is inflated yet, so a bomb is
 * refused before it costs memory), then the accepted entries are inflated. An entry whose data
 * is corrupt, or that uses a compression method other than stored/deflate, is skipped with a
 * problem and the rest of the archive still opens.
 */
import { unzipSync } from 'fflate';
import { memoryFile, readAll, type InputFile } from './input-file';
import { detail, MessageError, msg, type Detail, type Message } from '../../lib/message';

export interface ZipLimits {
  /** Largest total inflated size. */
  maxTotalBytes: number;
  /**
   * Largest inflated/compressed ratio, of an entry bigger than 1 MiB and of the whole archive
   * once it inflates past 64 MiB (many small entries can make a bomb too).
   */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 8 * 2 ** 30, maxRatio: 200 };

/** Inflated size above which the whole archive's ratio is checked. */
const ARCHIVE_RATIO_FLOOR = 64 << 20;
/** Corrupt entries skipped before the archive is given up as unreadable. */
const MAX_CORRUPT_ENTRIES = 8;

export class ZipRefusedError extends MessageError {}

/** An entry that was not extracted, and why (warning code + one line naming the entry). */
export interface ZipProblem {
  code: 'zip_entry_unsafe' | 'zip_entry_unsupported' | 'zip_entry_corrupt';
  example: string;
  exampleMsg: Message;
}

export function isUnsafeEntryName(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  return n.startsWith('/') || /^[a-zA-Z]:/.test(n) || n.split('/').includes('..');
}

export async function expandZip(
  zip: InputFile,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<{ files: InputFile[]; problems: ZipProblem[] }> {
  const data = await readAll(zip);
  const problems: ZipProblem[] = [];
  const prefix = zip.path.replace(/\.zip$/i, '');

  // Pass 1: the directory only (the filter accepts nothing, so nothing is inflated).
  const names: string[] = [];
  const accepted = new Set<number>();
  let total = 0;
  let refused: Detail | null = null;
  try {
    unzipSync(data, {
      filter(f) {
        const k = names.length;
        names.push(f.name);
        if (f.name.endsWith('/')) return false;
        if (isUnsafeEntryName(f.name)) {
          problems.push({
            code: 'zip_entry_unsafe',
            example: `${zip.path}: entry "${f.name}" points outside the archive; skipped`,
            exampleMsg: msg('reader:zip_entry_unsafe', { file: zip.path, entry: f.name }),
          });
        } else if (f.compression !== 0 && f.compression !== 8) {
          problems.push({
            code: 'zip_entry_unsupported',
            example: `${zip.path}: entry "${f.name}" uses compression method ${f.compression} (only stored and deflate are read); skipped`,
            exampleMsg: msg('reader:zip_entry_unsupported', {
              file: zip.path,
              entry: f.name,
              method: String(f.compression),
            }),
          });
        } else {
          total += f.originalSize;
          if (f.originalSize > 1 << 20 && f.originalSize > f.size * limits.maxRatio) {
            refused ??= detail(
              `entry "${f.name}" would inflate ${f.size} bytes to ${f.originalSize} (ratio above ${limits.maxRatio}): looks like a zip bomb`,
              msg('reader:zip_entry_bomb', {
                entry: f.name,
                size: String(f.size),
                original: String(f.originalSize),
                ratio: String(limits.maxRatio),
              }),
            );
          }
          accepted.add(k);
        }
        return false;
      },
    });
  } catch (e) {
    throw new MessageError(
      detail(
        `cannot read the zip directory (${errorMessage(e)}); the archive is truncated, damaged or not a zip`,
        msg('reader:zip_directory', { why: errorMessage(e) }),
      ),
      { cause: e },
    );
  }
  if (total > limits.maxTotalBytes) {
    refused ??= detail(
      `archive would inflate to ${total} bytes, more than ${limits.maxTotalBytes}`,
      msg('reader:zip_too_large', {
        total: String(total),
        max: String(limits.maxTotalBytes),
      }),
    );
  }
  if (total > ARCHIVE_RATIO_FLOOR && total > data.length * limits.maxRatio) {
    refused ??= detail(
      `archive would inflate ${data.length} bytes to ${total} (ratio above ${limits.maxRatio}): looks like a zip bomb`,
      msg('reader:zip_bomb', {
        size: String(data.length),
        total: String(total),
        ratio: String(limits.maxRatio),
      }),
    );
  }
  if (refused !== null)
    throw new ZipRefusedError(
      detail(`${refused.text}; refused`, msg('reader:zip_refused', { why: { msg: refused.msg } })),
    );

  // Pass 2: inflate what was accepted; a corrupt entry is dropped and the pass retried.
  let entries: Record<string, Uint8Array> | null = null;
  for (let bad = 0; entries === null; bad++) {
    let k = 0;
    let inflating = -1;
    try {
      entries = unzipSync(data, {
        filter() {
          const take = accepted.has(k);
          if (take) inflating = k;
          k++;
          return take;
        },
      });
    } catch (e) {
      if (inflating < 0 || bad >= MAX_CORRUPT_ENTRIES) {
        throw new MessageError(
          detail(
            `cannot inflate the archive (${errorMessage(e)})`,
            msg('reader:zip_inflate', { why: errorMessage(e) }),
          ),
          { cause: e },
        );
      }
      accepted.delete(inflating);
      problems.push({
        code: 'zip_entry_corrupt',
        example: `${zip.path}: entry "${names[inflating]}" is corrupt (${errorMessage(e)}); skipped`,
        exampleMsg: msg('reader:zip_entry_corrupt', {
          file: zip.path,
          entry: names[inflating] ?? '',
          why: errorMessage(e),
        }),
      });
    }
  }
  const files = Object.entries(entries).map(([name, bytes]) =>
    memoryFile(`${prefix}/${name.replace(/\\/g, '/')}`, bytes, zip.lastModified),
  );
  return { files, problems };
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
