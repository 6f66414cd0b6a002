/**
 * Reads the run's settings from `profiler_info[_{rank}].json` (level, aic_metrics, export type,
 * switches, versions) and the communication groups from `profiler_metadata.json`
 * (`parallel_group_info`, Megatron-style runs only). Both old (2023, `_wait`-style schedule keys,
 * string `_export_type`) and current layouts are read; unknown keys stay in `profile.json`.
 */
import type { ParallelGroup, ProfilerInfo } from '../../model/ascend-data';
import type { TraceWarning } from '../../model/trace-model';
import type { JsonValue } from '../../lib/json-bytes';
import { WarningLog } from '../trace/warning-log';
import { detail, MessageError, msg } from '../../lib/message';
import { isObject, type JsonObject } from './communication';

function obj(v: JsonValue | undefined): JsonObject {
  return isObject(v) ? v : {};
}
const str = (v: JsonValue | undefined): string | null => (typeof v === 'string' ? v : null);
const bool = (v: JsonValue | undefined): boolean | null => (typeof v === 'boolean' ? v : null);
const strings = (v: JsonValue | undefined): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

export function parseProfilerInfo(json: JsonValue): {
  info: ProfilerInfo;
  warnings: TraceWarning[];
} {
  const log = new WarningLog();
  if (!isObject(json)) {
    throw new MessageError(
      detail(
        'profiler_info.json: expected a JSON object',
        msg('reader:expected_object', { file: 'profiler_info.json' }),
      ),
    );
  }
  const cfg = obj(json['config']);
  const common = obj(cfg['common_config']);
  const exp = obj(cfg['experimental_config']);
  if (!('config' in json))
    log.add(
      'missing_key',
      detail(
        'profiler_info.json: no "config" object',
        msg('reader:no_object', { file: 'profiler_info.json', key: 'config' }),
      ),
    );
  const rank = json['rank_id'];
  const et = exp['_export_type'];
  const end = obj(json['end_info'])['collectionTimeEnd'];
  const info: ProfilerInfo = {
    rank: typeof rank === 'number' && Number.isInteger(rank) && rank >= 0 ? rank : null,
    level: str(exp['_profiler_level']),
    aicMetrics: str(exp['_aic_metrics']),
    exportType: typeof et === 'string' ? [et] : strings(et),
    activities: strings(common['activities']),
    l2Cache: bool(exp['_l2_cache']),
    recordShapes: bool(common['record_shapes']),
    profileMemory: bool(common['profile_memory']),
    withStack: bool(common['with_stack']),
    torchNpuVersion: str(json['torch_npu_version']),
    cannVersion: str(json['cann_version']),
    collectionEndNs:
      typeof end === 'bigint' || (typeof end === 'number' && Number.isSafeInteger(end))
        ? end.toString()
        : null,
  };
  return { info, warnings: log.list() };
}

export function parseProfilerMetadata(json: JsonValue): {
  parallelGroups: ParallelGroup[] | null;
  warnings: TraceWarning[];
} {
  const log = new WarningLog();
  if (!isObject(json)) {
    throw new MessageError(
      detail(
        'profiler_metadata.json: expected a JSON object',
        msg('reader:expected_object', { file: 'profiler_metadata.json' }),
      ),
    );
  }
  if (!('parallel_group_info' in json)) return { parallelGroups: null, warnings: [] };
  const groups: ParallelGroup[] = [];
  for (const [id, g] of Object.entries(obj(json['parallel_group_info']))) {
    const o = obj(g);
    const name = str(o['group_name']);
    if (name === null)
      log.add(
        'bad_entry',
        detail(
          `parallel_group_info "${id}" has no group_name`,
          msg('reader:no_group_name', { id }),
        ),
      );
    const rank = o['group_rank'];
    const ranks = o['global_ranks'];
    groups.push({
      id,
      name: name ?? '',
      groupRank: typeof rank === 'number' ? rank : null,
      globalRanks: Array.isArray(ranks)
        ? ranks.filter((x): x is number => typeof x === 'number')
        : [],
    });
  }
  return { parallelGroups: groups, warnings: log.list() };
}
