/**
 * Parsers for msprof-analyze's `cluster_analysis_output/` (docs: ascend-formats.md §7), turning
 * each file into the shapes the per-rank files give, so the cluster model can use them alike:
 *
 * - cluster_step_trace_time.csv: `Step,Type,Index,` + step_trace_time's columns; rows of
 *   Type = rank become each rank's steps (rows of Type = stage are aggregates and are skipped).
 * - cluster_communication.json: `{rank set | "p2p": {step: {"op@hash": {rank: {…time, bandwidth…}}}}}`
 *   becomes each rank's communication.json rows.
 * - cluster_communication_matrix.json: same nesting with `"src-dst"` link leaves (global ranks).
 * - communication_group.json: `{collective: [[ranks]…], p2p: […], comm_group_parallel_info?: […]}`.
 * - cluster_analysis.db tables (both the 2024 `ClusterCommAnalyzer*` / `CommunicationGroup` and
 *   the current `ClusterCommunication*` / `CommunicationGroupMapping` names).
 */
import type { CommMatrixRow, CommOpRow } from '../../model/ascend-data';
import type { ClusterCommGroup } from '../../model/cluster/cluster-output';
import { rankSteps, type RankStep } from '../../model/cluster/rank-summary';
import type { TextTable } from '../../model/profile';
import type { TraceWarning } from '../../model/trace-model';
import {
  isObject,
  parseCommunication,
  parseCommunicationMatrix,
  splitOpKey,
  stepFromKey,
  type JsonObject,
} from '../ascend/communication';
import { parseStepTraceTime } from '../ascend/step-trace-time';
import type { JsonValue } from '../../lib/json-bytes';
import { WarningLog } from '../trace/warning-log';
import { detail, MessageError, msg } from '../../lib/message';

export interface RankSteps {
  rank: number;
  steps: RankStep[];
}

/** The db's snake_case columns → the CSV's names. */
const DB_STEP_COLUMNS: Record<string, string> = {
  step: 'Step',
  type: 'Type',
  index: 'Index',
  computing: 'Computing',
  communication_not_overlapped: 'Communication(Not Overlapped)',
  overlapped: 'Overlapped',
  communication: 'Communication',
  free: 'Free',
  stage: 'Stage',
  bubble: 'Bubble',
  communication_not_overlapped_and_exclude_receive:
    'Communication(Not Overlapped and Exclude Receive)',
  preparing: 'Preparing',
};

/** cluster_step_trace_time.csv (or the db's ClusterStepTraceTime) → steps per rank. */
export function parseClusterStepTraceTime(table: TextTable): {
  ranks: RankSteps[];
  warnings: TraceWarning[];
} {
  const log = new WarningLog();
  const header = table.header.map((h) => DB_STEP_COLUMNS[h.trim().toLowerCase()] ?? h.trim());
  const iType = header.indexOf('Type');
  const iIndex = header.indexOf('Index');
  if (iType < 0 || iIndex < 0)
    throw new MessageError(
      detail(
        `${table.path}: no Type / Index columns (not a cluster step trace table)`,
        msg('reader:no_type_index_columns', { file: table.path }),
      ),
    );
  const keep = header.map((_, i) => i).filter((i) => i !== iType && i !== iIndex);
  const byRank = new Map<number, string[][]>();
  table.rows.forEach((row, r) => {
    const type = (row[iType] ?? '').trim().toLowerCase();
    if (type !== 'rank') return;
    const idx = (row[iIndex] ?? '').trim();
    if (!/^\d+$/.test(idx)) {
      log.add(
        'bad_entry',
        detail(
          `${table.path}: row ${r + 1} has rank index "${idx}"`,
          msg('reader:bad_rank_index', { file: table.path, row: String(r + 1), index: idx }),
        ),
      );
      return;
    }
    const rank = Number(idx);
    let rows = byRank.get(rank);
    if (!rows) byRank.set(rank, (rows = []));
    rows.push(keep.map((i) => row[i] ?? ''));
  });
  const ranks: RankSteps[] = [];
  for (const [rank, rows] of [...byRank].sort((a, b) => a[0] - b[0])) {
    const { steps, warnings } = parseStepTraceTime({
      path: table.path,
      header: keep.map((i) => header[i]!),
      rows,
    });
    log.addAll(warnings);
    ranks.push({ rank, steps: rankSteps(steps.map((s) => ({ ...s, step: stepFromKey(s.step) }))) });
  }
  return { ranks, warnings: log.list() };
}

/** Rebuilds one rank-set block `{step: {"op@hash": leaf}}` as a per-rank file's `{step: {kind: …}}`. */
function perKind(kind: 'collective' | 'p2p', block: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [step, ops] of Object.entries(block)) {
    if (isObject(ops)) out[step] = { [kind]: ops };
  }
  return out;
}

const kindOfSet = (key: string): 'collective' | 'p2p' =>
  key.trim().toLowerCase() === 'p2p' ? 'p2p' : 'collective';

/** cluster_communication.json → each rank's ops, as its communication.json rows. */
export function parseClusterCommunication(json: JsonValue): {
  ranks: { rank: number; rows: CommOpRow[] }[];
  warnings: TraceWarning[];
} {
  if (!isObject(json))
    throw new MessageError(
      detail(
        'cluster_communication.json: expected a JSON object',
        msg('reader:expected_object', { file: 'cluster_communication.json' }),
      ),
    );
  const log = new WarningLog();
  const byRank = new Map<number, CommOpRow[]>();
  for (const [setKey, block] of Object.entries(json)) {
    if (!isObject(block)) continue;
    const kind = kindOfSet(setKey);
    // rank → step → kind → op → entry
    const perRank = new Map<number, JsonObject>();
    for (const [step, ops] of Object.entries(block)) {
      if (!isObject(ops)) continue;
      for (const [op, byRankEntry] of Object.entries(ops)) {
        if (op.startsWith('Total Op Info') || !isObject(byRankEntry)) continue;
        for (const [rankKey, entry] of Object.entries(byRankEntry)) {
          if (!/^\d+$/.test(rankKey) || !isObject(entry)) {
            log.add(
              'bad_entry',
              detail(
                `cluster_communication.json: "${op}" has a bad rank "${rankKey}"`,
                msg('reader:bad_rank', { file: 'cluster_communication.json', op, rank: rankKey }),
              ),
            );
            continue;
          }
          const rank = Number(rankKey);
          let root = perRank.get(rank);
          if (!root) perRank.set(rank, (root = {}));
          const stepObj = (root[step] ??= { [kind]: {} }) as JsonObject;
          (stepObj[kind] as JsonObject)[op] = entry;
        }
      }
    }
    for (const [rank, root] of perRank) {
      const { communication, warnings } = parseCommunication(root);
      log.addAll(warnings);
      let rows = byRank.get(rank);
      if (!rows) byRank.set(rank, (rows = []));
      rows.push(...communication);
    }
  }
  return {
    ranks: [...byRank].sort((a, b) => a[0] - b[0]).map(([rank, rows]) => ({ rank, rows })),
    warnings: log.list(),
  };
}

/** cluster_communication_matrix.json → links between global ranks. */
export function parseClusterCommunicationMatrix(json: JsonValue): {
  rows: CommMatrixRow[];
  warnings: TraceWarning[];
} {
  if (!isObject(json))
    throw new MessageError(
      detail(
        'cluster_communication_matrix.json: expected a JSON object',
        msg('reader:expected_object', { file: 'cluster_communication_matrix.json' }),
      ),
    );
  const log = new WarningLog();
  const rows: CommMatrixRow[] = [];
  for (const [setKey, block] of Object.entries(json)) {
    if (!isObject(block)) continue;
    const { commMatrix, warnings } = parseCommunicationMatrix(perKind(kindOfSet(setKey), block));
    log.addAll(warnings);
    rows.push(...commMatrix);
  }
  return { rows, warnings: log.list() };
}

/** "(0, 1, 2)", "[0,1]", "0,1" → [0, 1, 2]. */
export function parseRankSet(v: JsonValue | string | undefined): number[] {
  if (Array.isArray(v))
    return v.flatMap((x) => (typeof x === 'number' && Number.isInteger(x) ? [x] : []));
  if (typeof v !== 'string') return [];
  return [...v.matchAll(/\d+/g)].map((m) => Number(m[0]));
}

/** communication_group.json (old and new forms). */
export function parseCommunicationGroup(json: JsonValue): ClusterCommGroup[] {
  if (!isObject(json))
    throw new MessageError(
      detail(
        'communication_group.json: expected a JSON object',
        msg('reader:expected_object', { file: 'communication_group.json' }),
      ),
    );
  const out: ClusterCommGroup[] = [];
  const info = json['comm_group_parallel_info'];
  if (Array.isArray(info)) {
    for (const g of info) {
      if (!isObject(g)) continue;
      const str = (k: string) => {
        const v = g[k];
        return typeof v === 'string' ? v : null;
      };
      out.push({
        type: str('type') === 'p2p' ? 'p2p' : 'collective',
        ranks: parseRankSet(g['rank_set']),
        hash: str('group_name'),
        name: str('pg_name'),
        id: str('group_id'),
      });
    }
  }
  addPlainGroups(out, 'collective', json['collective']);
  addPlainGroups(out, 'p2p', json['p2p']);
  return out;
}

function addPlainGroups(
  out: ClusterCommGroup[],
  type: 'collective' | 'p2p',
  lists: JsonValue | undefined,
): void {
  if (!Array.isArray(lists)) return;
  const seen = new Set(out.filter((g) => g.type === type).map((g) => sortedKey(g.ranks)));
  for (const l of lists) {
    const ranks = parseRankSet(l);
    const k = sortedKey(ranks);
    if (ranks.length === 0 || seen.has(k)) continue;
    seen.add(k);
    out.push({ type, ranks: [...ranks].sort((a, b) => a - b), hash: null, name: null, id: null });
  }
}

const sortedKey = (ranks: readonly number[]) => [...ranks].sort((a, b) => a - b).join(',');

// ------------------------------------------------------------------ cluster_analysis.db

/** Column accessor for a db table kept as text (case-insensitive names, first match wins). */
function cols(t: TextTable) {
  const lower = t.header.map((h) => h.toLowerCase());
  const at = (...names: string[]) => {
    for (const n of names) {
      const i = lower.indexOf(n);
      if (i >= 0) return i;
    }
    return -1;
  };
  const text = (row: string[], i: number) => (i < 0 ? '' : (row[i] ?? '').trim());
  const num = (row: string[], i: number): number | null => {
    const s = text(row, i);
    if (s === '' || s === 'N/A') return null;
    const n = Number(s);
    return Number.isFinite(n) ? n : null;
  };
  return { at, text, num };
}

/** The table part of a `file:table` key or path. */
const tableName = (key: string) => key.slice(key.lastIndexOf(':') + 1);

const findTable = (tables: Readonly<Record<string, TextTable>>, ...names: string[]) => {
  for (const n of names) {
    const hit = Object.entries(tables).find(
      ([k]) => tableName(k).toLowerCase() === n.toLowerCase(),
    );
    if (hit) return hit[1];
  }
  return null;
};

export interface ClusterDbContent {
  steps: RankSteps[] | null;
  comm: { rank: number; rows: CommOpRow[] }[] | null;
  matrix: CommMatrixRow[] | null;
  groups: ClusterCommGroup[] | null;
  /** Table each part came from. */
  from: { steps?: string; comm?: string; matrix?: string; groups?: string };
}

/** The cluster tables of cluster_analysis.db (kept as text by readAllTables). */
export function parseClusterDbTables(
  tables: Readonly<Record<string, TextTable>>,
): ClusterDbContent {
  const res: ClusterDbContent = { steps: null, comm: null, matrix: null, groups: null, from: {} };
  const steps = findTable(tables, 'ClusterStepTraceTime');
  if (steps && steps.rows.length > 0) {
    res.steps = parseClusterStepTraceTime(steps).ranks;
    res.from.steps = 'ClusterStepTraceTime';
  }
  const time = findTable(tables, 'ClusterCommunicationTime', 'ClusterCommAnalyzerTime');
  if (time && time.rows.length > 0) {
    const c = cols(time);
    const bw = findTable(tables, 'ClusterCommunicationBandwidth', 'ClusterCommAnalyzerBandwidth');
    const bands = bandwidthByOp(bw);
    const i = {
      set: c.at('rank_set'),
      step: c.at('step'),
      rank: c.at('rank_id'),
      op: c.at('hccl_op_name', 'op_name'),
      group: c.at('group_name'),
      start: c.at('start_timestamp'),
      elapse: c.at('elapsed_time', 'elapse_time'),
      transit: c.at('transit_time'),
      wait: c.at('wait_time'),
      sync: c.at('synchronization_time'),
      idle: c.at('idle_time'),
      syncRatio: c.at('synchronization_time_ratio'),
      waitRatio: c.at('wait_time_ratio'),
    };
    const byRank = new Map<number, CommOpRow[]>();
    for (const row of time.rows) {
      const op = c.text(row, i.op);
      const rankText = c.text(row, i.rank);
      if (op === '' || op.startsWith('Total Op Info') || !/^\d+$/.test(rankText)) continue;
      const rank = Number(rankText);
      const step = stepFromKey(c.text(row, i.step));
      const group = c.text(row, i.group);
      let rows = byRank.get(rank);
      if (!rows) byRank.set(rank, (rows = []));
      rows.push({
        step,
        kind: kindOfSet(c.text(row, i.set)),
        op,
        group,
        startUs: c.num(row, i.start),
        elapseMs: c.num(row, i.elapse),
        transitMs: c.num(row, i.transit),
        waitMs: c.num(row, i.wait),
        syncMs: c.num(row, i.sync),
        idleMs: c.num(row, i.idle),
        waitRatio: c.num(row, i.waitRatio),
        syncRatio: c.num(row, i.syncRatio),
        bandwidth: bands.get(`${rank}|${step}|${op}|${group}`) ?? {},
      });
    }
    res.comm = [...byRank].sort((a, b) => a[0] - b[0]).map(([rank, rows]) => ({ rank, rows }));
    res.from.comm = tableName(time.path);
  }
  const matrix = findTable(tables, 'ClusterCommunicationMatrix', 'ClusterCommAnalyzerMatrix');
  if (matrix && matrix.rows.length > 0) {
    const c = cols(matrix);
    const i = {
      set: c.at('rank_set'),
      step: c.at('step'),
      group: c.at('hccl_op_name'),
      hash: c.at('group_name'),
      src: c.at('src_rank'),
      dst: c.at('dst_rank'),
      size: c.at('transit_size'),
      time: c.at('transit_time'),
      bw: c.at('bandwidth'),
      transport: c.at('transport_type'),
      op: c.at('op_name'),
    };
    res.matrix = matrix.rows.flatMap((row): CommMatrixRow[] => {
      const src = c.text(row, i.src);
      const dst = c.text(row, i.dst);
      if (!/^\d+$/.test(src) || !/^\d+$/.test(dst)) return [];
      const [group, hashFromKey] = splitOpKey(c.text(row, i.group));
      return [
        {
          step: stepFromKey(c.text(row, i.step)),
          kind: kindOfSet(c.text(row, i.set)),
          group,
          groupHash: c.text(row, i.hash) || hashFromKey,
          src: Number(src),
          dst: Number(dst),
          transport: c.text(row, i.transport),
          sizeMB: c.num(row, i.size),
          timeMs: c.num(row, i.time),
          bandwidthGBs: c.num(row, i.bw),
          op: c.text(row, i.op) || group,
        },
      ];
    });
    res.from.matrix = tableName(matrix.path);
  }
  const groups = findTable(tables, 'CommunicationGroupMapping', 'CommunicationGroup');
  if (groups && groups.rows.length > 0) {
    const c = cols(groups);
    const i = {
      type: c.at('type'),
      set: c.at('rank_set'),
      hash: c.at('group_name'),
      id: c.at('group_id'),
      name: c.at('pg_name'),
    };
    const list: ClusterCommGroup[] = [];
    const seen = new Set<string>();
    for (const row of groups.rows) {
      const g: ClusterCommGroup = {
        type: c.text(row, i.type) === 'p2p' ? 'p2p' : 'collective',
        ranks: parseRankSet(c.text(row, i.set)).sort((a, b) => a - b),
        hash: c.text(row, i.hash) || null,
        name: c.text(row, i.name) || null,
        id: c.text(row, i.id) || null,
      };
      const k = `${g.type}|${g.ranks.join(',')}|${g.hash}|${g.id}`;
      if (g.ranks.length === 0 || seen.has(k)) continue;
      seen.add(k);
      list.push(g);
    }
    res.groups = list;
    res.from.groups = tableName(groups.path);
  }
  return res;
}

/** Bandwidth rows per (rank, step, op, group) → transport → first row's figures. */
function bandwidthByOp(t: TextTable | null): Map<string, CommOpRow['bandwidth']> {
  const out = new Map<string, CommOpRow['bandwidth']>();
  if (!t) return out;
  const c = cols(t);
  const i = {
    step: c.at('step'),
    rank: c.at('rank_id'),
    op: c.at('hccl_op_name', 'op_name'),
    group: c.at('group_name'),
    band: c.at('band_type', 'transport_type'),
    size: c.at('transit_size'),
    time: c.at('transit_time'),
    bw: c.at('bandwidth'),
    large: c.at('large_packet_ratio'),
  };
  for (const row of t.rows) {
    const k = `${c.text(row, i.rank)}|${stepFromKey(c.text(row, i.step))}|${c.text(row, i.op)}|${c.text(row, i.group)}`;
    let e = out.get(k);
    if (!e) out.set(k, (e = {}));
    const band = c.text(row, i.band);
    if (!band || e[band]) continue;
    e[band] = {
      sizeMB: c.num(row, i.size),
      timeMs: c.num(row, i.time),
      bandwidthGBs: c.num(row, i.bw),
      largePacketRatio: c.num(row, i.large),
    };
  }
  return out;
}
