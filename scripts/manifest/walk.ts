/**
 * Walks a profile folder for `npm run manifest`: the files the viewer reads (or every file with
 * `all`), as paths relative to the folder, with sizes and modification times. Symbolic links and
 * the manifest itself are left out; raw-data folders (FRAMEWORK, PROF_*) are not entered unless
 * `all`.
 */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  isSkippedFolder,
  isViewerInput,
  MANIFEST_NAME,
  type ManifestFile,
} from '../../src/app/url-open/manifest';

export async function walkFolder(root: string, all = false): Promise<ManifestFile[]> {
  const out: ManifestFile[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!all && isSkippedFolder(e.name)) continue;
        await walk(join(dir, e.name), rel);
      } else if (e.isFile()) {
        if (rel === MANIFEST_NAME) continue;
        if (!all && !isViewerInput(rel)) continue;
        const st = await lstat(join(dir, e.name));
        out.push({ path: rel, size: st.size, mtime: Math.round(st.mtimeMs) });
      }
    }
  };
  await walk(root, '');
  return out;
}
