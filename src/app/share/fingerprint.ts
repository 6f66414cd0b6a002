/**
 * A fingerprint of opened files, so a link to a view of local files can ask for "those files"
 * and check them: names, sizes, and a hash of each file's first and last 64 KiB. Its id also
 * keys the markers stored in this browser.
 */
import { t } from '../../i18n/t';
import { formatBytes } from '../../lib/format';

export interface Fingerprint {
  /** SHA-256 (hex, 32 chars) over every file's path, size and head/tail hash. */
  id: string;
  /** What was opened (top folder or file name). */
  name: string;
  n: number;
  bytes: number;
  /** The largest files (at most 8): path, size, head/tail hash — to say what differs. */
  files: { p: string; s: number; h: string }[];
}

const EDGE = 64 << 10;
/** Files hashed head and tail (the largest ones); the others count by name and size only. */
const MAX_HASHED = 64;

async function sha256Hex(data: BufferSource): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(d.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function edgeHash(blob: Blob): Promise<string> {
  const head = await blob.slice(0, Math.min(blob.size, EDGE)).arrayBuffer();
  const tail =
    blob.size > EDGE ? await blob.slice(Math.max(EDGE, blob.size - EDGE)).arrayBuffer() : null;
  const both = new Uint8Array(head.byteLength + (tail?.byteLength ?? 0));
  both.set(new Uint8Array(head));
  if (tail) both.set(new Uint8Array(tail), head.byteLength);
  return sha256Hex(both);
}

export async function fingerprintFiles(
  name: string,
  files: readonly { path: string; file: Blob }[],
): Promise<Fingerprint> {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const bySize = [...sorted].sort((a, b) => b.file.size - a.file.size);
  const hashed = new Map<string, string>();
  for (const f of bySize.slice(0, MAX_HASHED)) hashed.set(f.path, await edgeHash(f.file));
  const lines = sorted.map(
    (f) => `${f.path}\u0000${f.file.size}\u0000${hashed.get(f.path) ?? '-'}`,
  );
  const id = await sha256Hex(new TextEncoder().encode(lines.join('\n')));
  return {
    id,
    name,
    n: files.length,
    bytes: files.reduce((a, f) => a + f.file.size, 0),
    files: bySize.slice(0, 8).map((f) => ({ p: f.path, s: f.file.size, h: hashed.get(f.path)! })),
  };
}

/** "run-42 (4 files, 1.2 MB: trace_view.json, kernel_details.csv, …)". */
export function describeFingerprint(fp: Fingerprint): string {
  const names = fp.files.slice(0, 3).map((f) => f.p.slice(f.p.lastIndexOf('/') + 1));
  const sep = t('app:fp_name_sep');
  const more = fp.n > names.length ? `${sep}…` : '';
  return t('app:fp_describe', {
    name: fp.name,
    count: fp.n,
    size: formatBytes(fp.bytes),
    names: `${names.join(sep)}${more}`,
  });
}

/** What differs between the link's files and the opened ones; null when they match. */
export function fingerprintDiff(want: Fingerprint, got: Fingerprint): string | null {
  if (want.id === got.id) return null;
  const diffs: string[] = [];
  const have = new Map(got.files.map((f) => [f.p, f]));
  for (const f of want.files) {
    const g = have.get(f.p);
    if (!g) diffs.push(t('app:fp_missing', { file: f.p }));
    else if (g.s !== f.s) {
      const [here, there] =
        formatBytes(g.s) === formatBytes(f.s)
          ? [t('app:fp_bytes', { n: g.s }), t('app:fp_bytes', { n: f.s })]
          : [formatBytes(g.s), formatBytes(f.s)];
      diffs.push(t('app:fp_size_differs', { file: f.p, here, there }));
    } else if (g.h !== f.h) diffs.push(t('app:fp_contents_differ', { file: f.p }));
  }
  if (want.n !== got.n) diffs.push(t('app:fp_count_differs', { got: got.n, want: want.n }));
  if (diffs.length === 0) diffs.push(t('app:fp_small_files_differ'));
  return t('app:fp_not_the_files', { diffs: diffs.slice(0, 4).join(t('app:fp_list_sep')) });
}
