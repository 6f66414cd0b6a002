import { describe, expect, it } from 'vitest';
import { advisorAscendProfile } from '../../generator/advisor-scenario';
import type { AdvisorReport } from '../../model/advisor/types';
import { memoryCacheStore } from '../cache/profile-cache';
import { openInputs } from '../open-inputs';
import { memoryFile } from '../sources/input-file';
import { createWorkerSession } from '../worker-handlers';

const ctx = () => ({ signal: new AbortController().signal, progress: () => {} });

describe('import worker: advisor:run', () => {
  it('runs the rules on the inputs kept at import (fresh and from the reopen cache), with thresholds', async () => {
    const session = createWorkerSession({ cache: memoryCacheStore(), minCachedBytes: 0 });
    const files = advisorAscendProfile({ gcPause: { step: 1, kernel: 2, us: 3000 } }).files.map(
      (f) => ({ ...memoryFile(f.path, f.data, 1000), rereadable: true }),
    );
    session.opened = await openInputs(files);
    const id = session.opened.discovery.profiles[0]!.id;
    await expect(session.handlers['advisor:run']({ profileId: id }, ctx())).rejects.toThrow(
      /open it again/,
    );
    await session.handlers['import']({ profileId: id }, ctx());
    const run = async (thresholds: object) =>
      await session.handlers['advisor:run']({ profileId: id, thresholds }, ctx());
    const gc = (r: AdvisorReport) => r.findings.find((f) => f.rule === 'gc')!;
    expect(gc(await run({})).count).toBe(1);
    expect(gc(await run({ gcUs: 5000 })).severity).toBe('ok');
    // A reopen served from the cache keeps the advisor working.
    await session.cacheIdle();
    const again = (await session.handlers['import']({ profileId: id }, ctx())) as {
      fromCache?: boolean;
    };
    expect(again.fromCache).toBe(true);
    expect(gc(await run({})).timeNs).toBe(3_000_000);
  });
});
