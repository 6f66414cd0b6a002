/**
 * Reads `communication.json` (per collective/p2p op: time and bandwidth) and
 * `communication_matrix.json` (per op group: rank-to-rank links) into rows. Both nest
 * step → `p2p`/`collective` → `"{op or group}@{group hash}"`. Step keys `"step50"` become
 * step `"50"` (`"step"` alone, written when there are no steps, becomes ''), matching
 * step_trace_time's Step. The `Total Op Info` aggregates and `Size Distribution` are not kept.
 * Units stay as written: ms, MB, GB/s; `Start Timestamp(us)` is a float (sub-µs lost upstream).
 */
import type { CommMatrixRow, CommOpRow } from '../../model/ascend-data';
import type { TraceWarning } from '../../model/trace-model';
import type { JsonValue } from '../../lib/json-bytes';
import { WarningLog } from '../trace/warning-log';
import { detail, MessageError, msg } from '../../lib/message';

export type JsonObject = { [key: string]: JsonValue };

const TOTAL = 'Total Op Info';

/** A JSON object (not an array, not null). */
export function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: JsonValue | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && v.trim() !== 'N/A') {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** `"step50"` → `"50"`, `"step"` → `''`; anything else as written. */
export function stepFromKey(key: string): string {
  return /^step/i.test(key) ? key.slice(4) : key;
}

/** `"hcom_allReduce__271_0_1@11022204950826225271"` → [name, group hash] (split at the last @). */
export function splitOpKey(key: string): [string, string] {
  const at = key.lastIndexOf('@');
  return at < 0 ? [key, ''] : [key.slice(0, at), key.slice(at + 1)];
}

/** Walks step → kind → entry, reporting what does not have that shape. */
function walk(
  file: string,
  root: JsonValue,
  log: WarningLog,
  visit: (step: string, kind: 'collective' | 'p2p', key: string, entry: JsonObject) => void,
): void {
  if (!isObject(root))
    throw new MessageError(
      detail(
        `${file}: expected a JSON object keyed by step`,
        msg('reader:expected_object_by_step', { file }),
      ),
    );
  for (const [stepKey, byKind] of Object.entries(root)) {
    if (!isObject(byKind)) {
      log.add(
        'bad_entry',
        detail(
          `${file}: "${stepKey}" is not an object`,
          msg('reader:not_an_object', { file, key: `"${stepKey}"` }),
        ),
      );
      continue;
    }
    for (const [kind, ops] of Object.entries(byKind)) {
      if (kind !== 'collective' && kind !== 'p2p') {
        log.add(
          'unknown_key',
          detail(
            `${file}: "${stepKey}" has an unknown key "${kind}"; skipped`,
            msg('reader:unknown_key', { file, key: stepKey, unknown: kind }),
          ),
        );
        continue;
      }
      if (!isObject(ops)) {
        log.add(
          'bad_entry',
          detail(
            `${file}: "${stepKey}"."${kind}" is not an object`,
            msg('reader:not_an_object', { file, key: `"${stepKey}"."${kind}"` }),
          ),
        );
        continue;
      }
      for (const [key, entry] of Object.entries(ops)) {
        if (key === TOTAL) continue;
        if (!isObject(entry)) {
          log.add(
            'bad_entry',
            detail(
              `${file}: "${stepKey}"."${kind}"."${key}" is not an object`,
              msg('reader:not_an_object', { file, key: `"${stepKey}"."${kind}"."${key}"` }),
            ),
          );
          continue;
        }
        visit(stepFromKey(stepKey), kind, key, entry);
      }
    }
  }
}

export function parseCommunication(json: JsonValue): {
  communication: CommOpRow[];
  warnings: TraceWarning[];
} {
  const log = new WarningLog();
  const rows: CommOpRow[] = [];
  walk('communication.json', json, log, (step, kind, key, entry) => {
    const [op, group] = splitOpKey(key);
    const time = entry['Communication Time Info'];
    const bw = entry['Communication Bandwidth Info'];
    if (!isObject(time)) {
      log.add(
        'missing_key',
        detail(
          `communication.json: "${key}" has no "Communication Time Info"`,
          msg('reader:missing_key', {
            file: 'communication.json',
            key,
            missing: 'Communication Time Info',
          }),
        ),
      );
    }
    const ti = isObject(time) ? time : {};
    const bandwidth: CommOpRow['bandwidth'] = {};
    if (isObject(bw)) {
      for (const [transport, v] of Object.entries(bw)) {
        if (!isObject(v)) continue;
        bandwidth[transport] = {
          sizeMB: num(v['Transit Size(MB)']),
          timeMs: num(v['Transit Time(ms)']),
          bandwidthGBs: num(v['Bandwidth(GB/s)']),
          largePacketRatio: num(v['Large Packet Ratio']),
        };
      }
    }
    rows.push({
      step,
      kind,
      op,
      group,
      startUs: num(ti['Start Timestamp(us)']),
      elapseMs: num(ti['Elapse Time(ms)']),
      transitMs: num(ti['Transit Time(ms)']),
      waitMs: num(ti['Wait Time(ms)']),
      syncMs: num(ti['Synchronization Time(ms)']),
      idleMs: num(ti['Idle Time(ms)']),
      waitRatio: num(ti['Wait Time Ratio']),
      syncRatio: num(ti['Synchronization Time Ratio']),
      bandwidth,
    });
  });
  return { communication: rows, warnings: log.list() };
}

export function parseCommunicationMatrix(json: JsonValue): {
  commMatrix: CommMatrixRow[];
  warnings: TraceWarning[];
} {
  const log = new WarningLog();
  const rows: CommMatrixRow[] = [];
  walk('communication_matrix.json', json, log, (step, kind, key, links) => {
    const [group, groupHash] = splitOpKey(key);
    for (const [link, v] of Object.entries(links)) {
      const m = /^(\d+)-(\d+)$/.exec(link);
      if (!m || !isObject(v)) {
        log.add(
          'bad_entry',
          detail(
            `communication_matrix.json: "${key}" has a bad link "${link}"`,
            msg('reader:bad_link', { file: 'communication_matrix.json', key, link }),
          ),
        );
        continue;
      }
      const opName = v['Op Name'];
      rows.push({
        step,
        kind,
        group,
        groupHash,
        src: Number(m[1]),
        dst: Number(m[2]),
        transport: typeof v['Transport Type'] === 'string' ? v['Transport Type'] : '',
        sizeMB: num(v['Transit Size(MB)']),
        timeMs: num(v['Transit Time(ms)']),
        bandwidthGBs: num(v['Bandwidth(GB/s)']),
        // 2023 files key links by op name and have no "Op Name".
        op: typeof opName === 'string' ? opName : group,
      });
    }
  });
  return { commMatrix: rows, warnings: log.list() };
}
