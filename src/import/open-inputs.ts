/**
 * First step of every import: takes the files the user opened (a folder's files, loose files,
 * zips), expands zips, and discovers the profiles in them.
 */
import { detail, errorMessageOf, msg, type Message } from '../lib/message';
import type { InputReport } from '../model/profile';
import { describeProfiles, groupProfiles, normalizePath, type Discovery } from './discover';
import { fileKind } from './file-kinds';
import type { InputFile } from './sources/input-file';
import { expandZip } from './sources/zip';
import { WarningLog } from './trace/warning-log';

export interface OpenedInputs {
  files: Map<string, InputFile>;
  discovery: Discovery;
  /** Reports for inputs that belong to no profile (zips that failed, unknown loose files). */
  reports: InputReport[];
}

/** Whether a JSON file's head looks like Chrome trace events (array, or an object with traceEvents/ph). */
export async function looksLikeTrace(f: InputFile): Promise<boolean> {
  const head = await f.slice(0, 1 << 16);
  if (head[0] === 0x1f && head[1] === 0x8b) return true; // gzip: decided when read
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(head)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('[')) return true;
  if (!text.startsWith('{')) return true; // not JSON at all: let the reader say what is wrong
  return /"(traceEvents|ph|systemTraceEvents)"\s*:/.test(text);
}

export async function openInputs(inputs: readonly InputFile[]): Promise<OpenedInputs> {
  const files = new Map<string, InputFile>();
  const reports: InputReport[] = [];
  for (const f of inputs) {
    const path = normalizePath(f.path);
    if (fileKind(path) === 'zip') {
      try {
        const { files: entries, problems } = await expandZip({
          ...f,
          path,
          stream: f.stream.bind(f),
          slice: f.slice.bind(f),
        });
        for (const e of entries) files.set(normalizePath(e.path), e);
        const warnings = new WarningLog();
        for (const p of problems) warnings.add(p.code, detail(p.example, p.exampleMsg));
        reports.push({
          path,
          kind: 'zip',
          bytes: f.size,
          status: 'read',
          ...(problems.length > 0 ? { warnings: warnings.list() } : {}),
        });
      } catch (e) {
        reports.push({
          path,
          kind: 'zip',
          bytes: f.size,
          status: 'failed',
          reason: e instanceof Error ? e.message : String(e),
          ...withMessage(errorMessageOf(e)),
        });
      }
      continue;
    }
    files.set(
      path,
      path === f.path ? f : { ...f, path, stream: f.stream.bind(f), slice: f.slice.bind(f) },
    );
  }
  // Loose .json files become profiles only if they look like traces (not e.g. a results file).
  const notTraces = new Set<string>();
  for (const [path, f] of files) {
    if (fileKind(path) === 'trace.json' && !(await looksLikeTrace(f))) notTraces.add(path);
  }
  const discovery = groupProfiles([...files.keys()], notTraces);
  await describeProfiles(discovery.profiles, files);
  discovery.profiles.sort(
    (a, b) =>
      (a.runFolder ?? '').localeCompare(b.runFolder ?? '') ||
      (a.rank ?? Infinity) - (b.rank ?? Infinity) ||
      a.root.localeCompare(b.root),
  );
  for (const p of discovery.unassigned) {
    const f = files.get(p)!;
    reports.push({
      path: p,
      kind: fileKind(p),
      bytes: f.size,
      status: 'skipped',
      reason: 'not part of any profile folder',
      reasonMsg: msg('report:reason_not_in_profile'),
    });
  }
  for (const p of discovery.clusterFiles) {
    const f = files.get(p)!;
    reports.push({
      path: p,
      kind: fileKind(p),
      bytes: f.size,
      status: 'skipped',
      reason: 'cluster analysis output',
      reasonMsg: msg('report:reason_cluster_output'),
    });
  }
  return { files, discovery, reports };
}

/** `{ reasonMsg }` when the error has a message for the interface. */
function withMessage(m: ReturnType<typeof errorMessageOf>): { reasonMsg?: Message } {
  return m ? { reasonMsg: m } : {};
}
