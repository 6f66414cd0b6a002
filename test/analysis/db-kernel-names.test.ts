// Defect 7: in a db-only folder the task that carries a communication op on its stream (task type
// AI_CORE, no COMPUTE_TASK_INFO row) was drawn as "AI_CORE"; the text export names it after the
// op. It is found through TASK.connectionId = COMMUNICATION_OP.connectionId, and is not compute
// in the analysis: communication is the op's own span on the HCCL lane (§3.1; the carrier task
// runs a few µs longer, TRUST audit), the carrier is other busy time. Operators come from the
// db's PYTORCH_API.
import { beforeAll, describe, expect, it } from 'vitest';
import { readProfilerDb } from '../../src/import/db/db-readers';
import { loadSqlJs, type SqlJsStatic } from '../../src/import/db/sql-loader';
import { locateSqlJsInNode } from '../../src/import/db/sql-loader-node';
import { HOST_PID, makeDb, ns, schema100 } from '../../src/import/db/test-dbs';
import { readDb } from '../../src/import/db/test-helpers';
import { analyzeProfile } from '../../src/model/analysis/analyze';
import { DeviceKind } from '../../src/model/analysis/device-events';

let sql: SqlJsStatic;
beforeAll(async () => {
  locateSqlJsInNode();
  sql = await loadSqlJs();
});

const OP_TASK = `
INSERT INTO STRING_IDS VALUES (30, 'AI_CORE');
INSERT INTO TASK VALUES (${ns(500100)}, ${ns(519000)}, 0, 800, 22, ${HOST_PID}, 30, 0, 4, 14, 4294967295);
`;

describe('db timeline names', () => {
  it('names a communication op task after the op, and keeps its notify tasks by type', async () => {
    const { profile } = await readDb(
      readProfilerDb,
      'ascend_pytorch_profiler_0.db',
      makeDb(sql, schema100(OP_TASK)),
    );
    const t = profile.trace!;
    const hw = t.processes.findIndex((p) => p.name === 'Ascend Hardware');
    const names: string[] = [];
    for (const ti of t.processes[hw]!.threads) {
      for (const tr of [t.threads[ti]!.track, t.threads[ti]!.overflowTrack]) {
        const s = t.sliceTracks[tr]?.slices;
        if (s) for (let i = 0; i < s.length; i++) names.push(t.strings[s.name[i]!]!);
      }
    }
    expect(names).toContain('hcom_allReduce__1_0_1');
    expect(names).not.toContain('AI_CORE');
    expect(names).toContain('Notify Wait');
    const a = analyzeProfile(profile);
    const dev = a.trace!.device;
    const hwTracks = new Set(
      t.processes[hw]!.threads.flatMap((ti) => [
        t.threads[ti]!.track,
        t.threads[ti]!.overflowTrack,
      ]),
    );
    let ops = 0;
    for (let e = 0; e < dev.length; e++) {
      const s = t.sliceTracks[dev.track[e]!]!.slices;
      if (t.strings[s.name[dev.index[e]!]!] !== 'hcom_allReduce__1_0_1') continue;
      if (hwTracks.has(dev.track[e]!)) expect(dev.kind[e]).toBe(DeviceKind.Other);
      else {
        expect(dev.kind[e]).toBe(DeviceKind.Communication);
        ops++;
      }
    }
    expect(ops).toBe(1);
    expect(a.operators?.source).toBe('db');
    expect(a.operators!.table.length).toBeGreaterThan(0);
  });
});
