/**
 * Finds the profiles in whatever the user opened: the `ASCEND_PROFILER_OUTPUT` folder itself, a
 * `*_ascend_pt` folder, a folder of many `*_ascend_pt` folders (ranks, runs, prefill/decode
 * stages), or loose trace JSON files. Grouping is by path alone; `describeProfiles` then reads
 * the small `profiler_info*.json` files for rank, level and export type.
 */
import type { InputReport, ProfileDescriptor } from '../model/profile';
import type { JsonValue } from '../lib/json-bytes';
import { parseJsonBytes } from '../lib/json-bytes';
import { detail, msg, type Detail } from '../lib/message';
import { fileKind } from './file-kinds';
import { baseName, readAll, type InputFile } from './sources/input-file';
import { readHeadDistributedInfo } from './trace/trace-head';

const OUTPUT_DIR = 'ASCEND_PROFILER_OUTPUT';
const CLUSTER_DIR = 'cluster_analysis_output';

export interface Discovery {
  profiles: ProfileDescriptor[];
  /** Cluster-level files (msprof-analyze `cluster_analysis_output/`). */
  clusterFiles: string[];
  /** Files that belong to no profile (listed in the report, never fatal). */
  unassigned: string[];
}

export function normalizePath(p: string): string {
  return p
    .replace(/\\/g, '/')
    .replace(/^\.?\/+/, '')
    .replace(/\/+/g, '/');
}

/** Root of the profile a path belongs to, or null. */
function profileRoot(path: string): { root: string; kind: 'ascend' | 'trace-file' } | null {
  const segs = path.split('/');
  for (let i = segs.length - 2; i >= 0; i--) {
    if (segs[i]!.endsWith('_ascend_pt'))
      return { root: segs.slice(0, i + 1).join('/'), kind: 'ascend' };
  }
  const out = segs.lastIndexOf(OUTPUT_DIR);
  if (out >= 0 && out < segs.length - 1)
    return { root: segs.slice(0, out).join('/'), kind: 'ascend' };
  const kind = fileKind(path);
  if (kind === 'trace.json') return { root: path, kind: 'trace-file' };
  // msprof's raw info.json belongs to the profile folder around it; it never makes one.
  if (kind === 'info.json') return null;
  if (kind !== 'unknown' && kind !== 'csv' && kind !== 'zip' && kind !== 'db') {
    return { root: segs.slice(0, -1).join('/'), kind: 'ascend' };
  }
  if (kind === 'db') return { root: segs.slice(0, -1).join('/'), kind: 'ascend' };
  return null;
}

/** `notTraces`: loose .json paths known not to be traces (they stay unassigned). */
export function groupProfiles(
  paths: readonly string[],
  notTraces: ReadonlySet<string> = new Set(),
): Discovery {
  const byRoot = new Map<string, ProfileDescriptor>();
  const clusterFiles: string[] = [];
  const unassigned: string[] = [];
  const sorted = [...paths].sort();
  // Ascend roots first, so that loose JSON inside a profile folder stays with it.
  const roots = new Map<string, 'ascend' | 'trace-file'>();
  for (const p of sorted) {
    if (p.split('/').includes(CLUSTER_DIR)) continue;
    const r = profileRoot(p);
    if (r?.kind === 'ascend') roots.set(r.root, 'ascend');
  }
  for (const p of sorted) {
    if (p.split('/').includes(CLUSTER_DIR)) {
      clusterFiles.push(p);
      continue;
    }
    let root: string | null = null;
    let kind: 'ascend' | 'trace-file' = 'ascend';
    for (const r of roots.keys()) {
      if ((r === '' || p.startsWith(`${r}/`)) && (root === null || r.length > root.length))
        root = r;
    }
    if (root === null && !notTraces.has(p)) {
      const r = profileRoot(p);
      if (r?.kind === 'trace-file') {
        root = r.root;
        kind = 'trace-file';
      }
    }
    if (root === null) {
      unassigned.push(p);
      continue;
    }
    let d = byRoot.get(root);
    if (!d) {
      const folder = baseName(root);
      const host = /^(.+)_\d+_\d{14,17}_ascend_pt$/.exec(folder)?.[1] ?? null;
      const segs = root.split('/');
      d = {
        id: root === '' ? '.' : root,
        root,
        label: kind === 'trace-file' ? baseName(root) : folder || OUTPUT_DIR,
        kind,
        rank: null,
        runFolder: kind === 'ascend' && segs.length > 1 ? segs.slice(0, -1).join('/') : null,
        level: null,
        exportType: null,
        host,
        files: [],
      };
      byRoot.set(root, d);
    }
    d.files.push(p);
  }
  return { profiles: [...byRoot.values()], clusterFiles, unassigned };
}

/** Whether a file inside a profile folder is one the importer reads (vs. raw data it skips). */
export function isReadablePath(d: ProfileDescriptor, path: string): boolean {
  if (d.kind === 'trace-file') return path === d.root;
  const rel = d.root === '' ? path : path.slice(d.root.length + 1);
  const segs = rel.split('/');
  if (segs.length === 1) return true; // profiler_info*.json, profiler_metadata.json, or a flat folder
  // msprof's info.json (AI Core / AI Vector core counts for the block-dim rule).
  if (/^PROF_[^/]+\/(host|device_\d+)\/info\.json(\.\d+)?$/.test(rel)) return true;
  return segs.length === 2 && segs[0] === OUTPUT_DIR;
}

/**
 * Reads profiler_info*.json of each profile to fill rank, level and export type; a trace file's
 * rank comes from its top-level `distributedInfo.rank` (Kineto), when it has one.
 */
export async function describeProfiles(
  profiles: ProfileDescriptor[],
  files: ReadonlyMap<string, InputFile>,
): Promise<void> {
  for (const d of profiles) {
    if (d.kind === 'trace-file') {
      // A Kineto rank trace names its rank in distributedInfo.
      const file = files.get(d.root);
      const dist = file ? await readHeadDistributedInfo(file) : null;
      if (dist && dist.rank !== null) d.rank = dist.rank;
      continue;
    }
    if (d.kind !== 'ascend') continue;
    const infoPath = d.files.find(
      (p) => isReadablePath(d, p) && fileKind(p) === 'profiler_info.json',
    );
    if (!infoPath) continue;
    const m = /profiler_info_(\d+)\.json$/.exec(infoPath);
    if (m) d.rank = Number(m[1]);
    const file = files.get(infoPath);
    if (!file || file.size > 1 << 20) continue;
    try {
      const bytes = await readAll(file);
      const info = parseJsonBytes(bytes, 0, bytes.length);
      applyProfilerInfo(d, info);
    } catch {
      /* reported by the profiler_info reader during import */
    }
  }
  const ranks = profiles.filter((d) => d.rank !== null);
  for (const d of profiles) {
    if (d.rank !== null && ranks.length > 1) d.label = `rank ${d.rank} · ${d.label}`;
  }
}

export function applyProfilerInfo(d: ProfileDescriptor, info: JsonValue): void {
  if (!info || typeof info !== 'object' || Array.isArray(info)) return;
  const rank = info['rank_id'];
  if (typeof rank === 'number' && rank >= 0) d.rank = rank;
  const cfg = info['config'];
  if (cfg && typeof cfg === 'object' && !Array.isArray(cfg)) {
    const exp = cfg['experimental_config'];
    if (exp && typeof exp === 'object' && !Array.isArray(exp)) {
      const level = exp['_profiler_level'];
      if (typeof level === 'string') d.level = level;
      const et = exp['_export_type'];
      if (typeof et === 'string') d.exportType = et;
      else if (Array.isArray(et)) d.exportType = et.filter((x) => typeof x === 'string').join(',');
    }
  }
}

const LOOKED_FOR =
  'no profiler output or trace file found (looked for ASCEND_PROFILER_OUTPUT, *_ascend_pt folders and trace JSON)';

/**
 * The one line shown when no profile was found in what was opened (`name`): the reason of a
 * failed input (a refused or unreadable zip), else what was looked for, with the first entry a
 * zip had to skip.
 */
export function nothingFoundMessage(name: string, reports: readonly InputReport[]): string {
  return nothingFound(name, reports).text;
}

/** `nothingFoundMessage` with its interface message. */
export function nothingFound(name: string, reports: readonly InputReport[]): Detail {
  const failed = reports.find((r) => r.status === 'failed');
  if (failed)
    return detail(
      `${failed.path}: ${failed.reason ?? 'could not be read'}`,
      msg('reader:path_reason', {
        path: failed.path,
        reason: failed.reasonMsg
          ? { msg: failed.reasonMsg }
          : (failed.reason ?? { msg: msg('reader:could_not_be_read') }),
      }),
    );
  const zip = reports.find((r) => r.kind === 'zip' && (r.warnings?.length ?? 0) > 0);
  const w = zip?.warnings?.[0];
  if (zip && w)
    return detail(
      `${zip.path}: ${LOOKED_FOR}; ${w.example}`,
      msg('reader:nothing_found_zip', {
        path: zip.path,
        example: w.exampleMsg ? { msg: w.exampleMsg } : w.example,
      }),
    );
  return detail(
    `${name || 'input'}: ${LOOKED_FOR}`,
    msg('reader:nothing_found', { name: name || { msg: msg('reader:input') } }),
  );
}
