/**
 * Reads the `cluster_analysis_output/` files found beside the ranks (discovery.clusterFiles) into
 * one ClusterOutput. Text files first; cluster_analysis.db fills what they did not give. A file
 * that cannot be read is reported in `files` and never fails the whole read.
 */
import {
  emptyClusterOutput,
  type ClusterOutput,
  type ClusterOutputFile,
} from '../../model/cluster/cluster-output';
import { readAllTables } from '../db/analysis-db';
import { openDbFile } from '../db/db-open';
import { fileKind } from '../file-kinds';
import { parseJsonBytes, type JsonValue } from '../../lib/json-bytes';
import { parseCsvText } from '../readers/csv-reader';
import { readAll, type InputFile } from '../sources/input-file';
import {
  parseClusterCommunication,
  parseClusterCommunicationMatrix,
  parseClusterDbTables,
  parseClusterStepTraceTime,
  parseCommunicationGroup,
} from './parse-cluster-output';

export const CLUSTER_OUTPUT_KINDS = [
  'cluster_step_trace_time.csv',
  'cluster_communication.json',
  'cluster_communication_matrix.json',
  'communication_group.json',
  'cluster_analysis.db',
] as const;

const decoder = new TextDecoder('utf-8');

async function readJson(file: InputFile): Promise<JsonValue> {
  const bytes = await readAll(file);
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  return parseJsonBytes(bytes, start, bytes.length);
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

export async function readClusterOutput(
  files: ReadonlyMap<string, InputFile>,
  paths: readonly string[],
  signal?: AbortSignal,
): Promise<ClusterOutput | null> {
  const byKind = new Map<string, string>();
  const out = emptyClusterOutput();
  const note = (f: ClusterOutputFile) => out.files.push(f);
  for (const p of [...paths].sort()) {
    const kind = fileKind(p);
    if (!(CLUSTER_OUTPUT_KINDS as readonly string[]).includes(kind)) continue;
    if (byKind.has(kind)) {
      note({
        path: p,
        kind,
        status: 'skipped',
        note: `another ${kind} was read: ${byKind.get(kind)}`,
      });
      continue;
    }
    byKind.set(kind, p);
  }
  if (byKind.size === 0) return null;
  const order = CLUSTER_OUTPUT_KINDS.filter((k) => byKind.has(k));
  for (const kind of order) {
    if (signal?.aborted) break;
    const path = byKind.get(kind)!;
    const file = files.get(path);
    if (!file) continue;
    try {
      if (kind === 'cluster_step_trace_time.csv') {
        const text = decoder.decode(await readAll(file)).replace(/^\uFEFF/, '');
        const [header = [], ...rows] = parseCsvText(text).rows;
        const { ranks } = parseClusterStepTraceTime({ path, header, rows });
        out.steps = ranks;
        out.stepsSource = kind;
        const steps = new Set(ranks.flatMap((r) => r.steps.map((s) => s.step)));
        note({
          path,
          kind,
          status: 'read',
          note: `${plural(ranks.length, 'rank')} × ${plural(steps.size, 'step')}`,
        });
      } else if (kind === 'cluster_communication.json') {
        const { ranks } = parseClusterCommunication(await readJson(file));
        out.comm = ranks;
        out.commSource = kind;
        const ops = ranks.reduce((a, r) => a + r.rows.length, 0);
        note({
          path,
          kind,
          status: 'read',
          note: `${plural(ops, 'op')} on ${plural(ranks.length, 'rank')}`,
        });
      } else if (kind === 'cluster_communication_matrix.json') {
        const { rows } = parseClusterCommunicationMatrix(await readJson(file));
        out.matrix = rows;
        out.matrixSource = kind;
        note({ path, kind, status: 'read', note: plural(rows.length, 'link') });
      } else if (kind === 'communication_group.json') {
        out.groups = parseCommunicationGroup(await readJson(file));
        out.groupsSource = kind;
        note({ path, kind, status: 'read', note: plural(out.groups.length, 'group') });
      } else if (kind === 'cluster_analysis.db') {
        const db = await openDbFile(file, { signal });
        let content;
        try {
          content = parseClusterDbTables(readAllTables(db, 'cluster_analysis.db'));
        } finally {
          db.close();
        }
        const used: string[] = [];
        if (content.steps && out.steps.length === 0) {
          out.steps = content.steps;
          out.stepsSource = `cluster_analysis.db (${content.from.steps})`;
          used.push(content.from.steps!);
        }
        if (content.comm && out.comm.length === 0) {
          out.comm = content.comm;
          out.commSource = `cluster_analysis.db (${content.from.comm})`;
          used.push(content.from.comm!);
        }
        if (content.matrix && out.matrix.length === 0) {
          out.matrix = content.matrix;
          out.matrixSource = `cluster_analysis.db (${content.from.matrix})`;
          used.push(content.from.matrix!);
        }
        if (content.groups && out.groups.length === 0) {
          out.groups = content.groups;
          out.groupsSource = `cluster_analysis.db (${content.from.groups})`;
          used.push(content.from.groups!);
        }
        note({
          path,
          kind,
          status: 'read',
          note: used.length > 0 ? `used ${used.join(', ')}` : 'nothing the text files did not give',
        });
      }
    } catch (e) {
      note({ path, kind, status: 'failed', note: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}
