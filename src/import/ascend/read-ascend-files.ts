/**
 * The FileReaders for the Ascend text export: each reads its file as the generic readers do (the
 * CSV as a TextTable in `profile.tables[kind]`, the JSON in `profile.json[kind]`), then adds the
 * typed view in `profile.ascend` and records `ascend.sources[view]`. Per-cell problems become
 * the file's warnings; a file without a usable header fails with a one-line reason.
 * A view another reader already filled (e.g. from the db) is left alone and reported.
 */
import type { AscendData } from '../../model/ascend-data';
import type { ProfileModel, TextTable } from '../../model/profile';
import type { TraceWarning } from '../../model/trace-model';
import { fileKind } from '../file-kinds';
import type { JsonValue } from '../../lib/json-bytes';
import { msg } from '../../lib/message';
import { parseCsvFile } from '../readers/csv-reader';
import { readJsonSideFile } from '../readers/json-side-reader';
import type { FileReader } from '../readers/reader';
import { parseCommunication, parseCommunicationMatrix } from './communication';
import { parseKernelDetails } from './kernel-details';
import { parseMemoryRecord, parseNpuModuleMem, parseOperatorMemory } from './memory';
import { parseOperatorDetails } from './operator-details';
import { parseProfilerInfo, parseProfilerMetadata } from './profiler-json';
import { parseStatistics } from './statistics';
import { parseStepTraceTime } from './step-trace-time';

type View = Exclude<keyof AscendData, 'sources'>;

/** Sets a view unless another reader already did; returns a warning when it did. */
function setView<K extends View>(
  p: ProfileModel,
  view: K,
  value: AscendData[K],
  source: 'csv' | 'json',
): TraceWarning[] {
  const had = p.ascend.sources[view];
  if (p.ascend[view] !== undefined && had !== undefined && had !== source) {
    return [
      {
        code: 'view_already_read',
        count: 1,
        example: `${view} already came from ${had}; this file's copy is kept as a table only`,
        exampleMsg: msg('reader:view_already_read', { view, source: had }),
      },
    ];
  }
  p.ascend[view] = value;
  p.ascend.sources[view] = source;
  return [];
}

type CsvApply = (table: TextTable, p: ProfileModel, kind: string) => TraceWarning[];

function csvReader(apply: CsvApply): FileReader {
  return async (file, ctx, report) => {
    const { table, problems, problemCount, problemMsgs } = await parseCsvFile(file);
    const kind = fileKind(file.path);
    ctx.profile.tables[kind] = table;
    report.status = 'read';
    const warnings: TraceWarning[] = [];
    if (problems.length > 0) {
      warnings.push({
        code: 'csv_parse',
        count: problemCount,
        example: problems[0]!,
        exampleMsg: problemMsgs[0],
      });
    }
    try {
      warnings.push(...apply(table, ctx.profile, kind));
    } finally {
      if (warnings.length > 0) report.warnings = warnings;
    }
  };
}

function jsonReader(apply: (json: JsonValue, p: ProfileModel) => TraceWarning[]): FileReader {
  return async (file, ctx, report) => {
    await readJsonSideFile(file, ctx, report);
    const json = ctx.profile.json[fileKind(file.path)] as JsonValue;
    const warnings = apply(json, ctx.profile);
    if (warnings.length > 0) report.warnings = [...(report.warnings ?? []), ...warnings];
  };
}

export const readKernelDetails = csvReader((table, p) => {
  const { kernels, warnings } = parseKernelDetails(table);
  return [...warnings, ...setView(p, 'kernels', kernels, 'csv')];
});

export const readOperatorDetails = csvReader((table, p) => {
  const { operators, warnings } = parseOperatorDetails(table);
  return [...warnings, ...setView(p, 'operators', operators, 'csv')];
});

export const readStepTraceTime = csvReader((table, p) => {
  const { steps, warnings } = parseStepTraceTime(table);
  return [...warnings, ...setView(p, 'steps', steps, 'csv')];
});

export const readMemoryRecord = csvReader((table, p) => {
  const { memory, warnings } = parseMemoryRecord(table);
  return [...warnings, ...setView(p, 'memory', memory, 'csv')];
});

export const readNpuModuleMem = csvReader((table, p) => {
  const { moduleMemory, warnings } = parseNpuModuleMem(table);
  return [...warnings, ...setView(p, 'moduleMemory', moduleMemory, 'csv')];
});

export const readOperatorMemory = csvReader((table, p) => {
  const { operatorMemory, warnings } = parseOperatorMemory(table);
  return [...warnings, ...setView(p, 'operatorMemory', operatorMemory, 'csv')];
});

/** op_statistic / api_statistic / l2_cache: one entry each in `ascend.statistics`. */
export const readStatistics = csvReader((table, p, kind) => {
  const { table: stats, warnings } = parseStatistics(kind, table);
  p.ascend.statistics = { ...p.ascend.statistics, [kind]: stats };
  p.ascend.sources.statistics ??= 'csv';
  return warnings;
});

export const readCommunication = jsonReader((json, p) => {
  const { communication, warnings } = parseCommunication(json);
  return [...warnings, ...setView(p, 'communication', communication, 'json')];
});

export const readCommunicationMatrix = jsonReader((json, p) => {
  const { commMatrix, warnings } = parseCommunicationMatrix(json);
  return [...warnings, ...setView(p, 'commMatrix', commMatrix, 'json')];
});

export const readProfilerInfo = jsonReader((json, p) => {
  const { info, warnings } = parseProfilerInfo(json);
  return [...warnings, ...setView(p, 'profilerInfo', info, 'json')];
});

export const readProfilerMetadata = jsonReader((json, p) => {
  const { parallelGroups, warnings } = parseProfilerMetadata(json);
  if (parallelGroups === null) return warnings;
  return [...warnings, ...setView(p, 'parallelGroups', parallelGroups, 'json')];
});

/** Typed readers by file kind (registered in readers/registry.ts). */
export const ASCEND_READERS: Record<string, FileReader> = {
  'kernel_details.csv': readKernelDetails,
  'operator_details.csv': readOperatorDetails,
  'step_trace_time.csv': readStepTraceTime,
  'op_statistic.csv': readStatistics,
  'api_statistic.csv': readStatistics,
  'l2_cache.csv': readStatistics,
  'memory_record.csv': readMemoryRecord,
  'operator_memory.csv': readOperatorMemory,
  'npu_module_mem.csv': readNpuModuleMem,
  'communication.json': readCommunication,
  'communication_matrix.json': readCommunicationMatrix,
  'profiler_info.json': readProfilerInfo,
  'profiler_metadata.json': readProfilerMetadata,
};
