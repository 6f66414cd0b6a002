/**
 * One import of a file into the built app in a fresh headless Chromium: file chosen → `ready` →
 * the timeline's first complete frame (every visible row drawn). Returns times, the longest
 * main-thread task in that window (from the Long Tasks API: tasks of 50 ms or more; 0 = none),
 * peak renderer memory above the page's baseline, and the import worker's stage timings.
 * With `profilePath`, records a CPU profile of the page's main thread over the same window.
 */
import { writeFileSync } from 'node:fs';
import { launch, peaksByStage, rendererRss, sampleSeries } from './browser';

export interface AppRun {
  events: number;
  readyMs: number;
  /** File chosen → first complete frame. */
  frameMs: number;
  longTaskMs: number;
  peakAboveMB: number;
  /** Peak above baseline (MB) and duration (ms) per stage: page and import-worker stage marks, then the cache write. */
  stagePeaks: [string, number, number][];
  /** File chosen → the reopen-cache write finished (s). */
  cacheIdleMs: number;
  timings: Record<string, unknown> | null;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The functions with the most self time in a CDP CPU profile, as lines. */
function topSelf(profile: Profile, n = 15): string[] {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const key = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`;
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(
      ([k, us]) =>
        `${(us / 1000).toFixed(0).padStart(6)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`,
    );
}

export async function measureApp(
  url: string,
  path: string,
  profilePath: string | null,
): Promise<AppRun> {
  const browser = await launch(['--js-flags=--max-old-space-size=8192']);
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.addInitScript(() => {
      const w = window as unknown as {
        __longTasks: { start: number; dur: number }[];
        __chosenAt: number;
      };
      w.__longTasks = [];
      w.__chosenAt = NaN;
      document.addEventListener('change', () => (w.__chosenAt = performance.now()), true);
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__longTasks.push({ start: e.startTime, dur: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${url}?demo=0`);
    await page.waitForSelector('[data-testid=app-status]', { state: 'attached' });
    await page.waitForTimeout(1000); // workers warmed, page settled: the baseline
    const cdp = profilePath ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    await page.evaluate(() => {
      const w = window as unknown as {
        __readyAt: number;
        __viewer: { store: { subscribe(f: (s: { status: string }) => void): () => void } };
      };
      w.__readyAt = NaN;
      const unsub = w.__viewer.store.subscribe((s) => {
        if (s.status !== 'ready') return;
        w.__readyAt = performance.now();
        unsub();
      });
    });
    const base = rendererRss();
    const series = sampleSeries();
    await page.getByTestId('open-files').setInputFiles(path);
    await page.waitForSelector(
      '[data-testid=app-status][data-state=ready], [data-testid=app-status][data-state=error]',
      { state: 'attached', timeout: 900_000 },
    );
    const state = await page.getByTestId('app-status').getAttribute('data-state');
    if (state !== 'ready') {
      const err = await page.evaluate(
        () =>
          (
            window as unknown as { __viewer: { store: { getState(): { error: unknown } } } }
          ).__viewer.store.getState().error,
      );
      throw new Error(`import failed: ${String(err)}`);
    }
    await page.waitForFunction(
      () =>
        (
          window as unknown as {
            __viewer: { timeline?: { stats: { firstTraceFrameAt: number | null } } };
          }
        ).__viewer.timeline?.stats.firstTraceFrameAt != null,
      undefined,
      { timeout: 120_000 },
    );
    await page.evaluate(() => new Promise((r) => setTimeout(r, 200))); // let long-task entries land
    // The reopen-cache write runs after the handover: wait for it, sampling on.
    const cacheIdleAt = await page.evaluate(async () => {
      const w = window as unknown as {
        __viewer: { controller: { cacheUsage(): Promise<unknown> } };
      };
      await w.__viewer.controller.cacheUsage();
      return performance.timeOrigin + performance.now();
    });
    await new Promise((r) => setTimeout(r, 300));
    const samples = series.stop();
    const peakAboveMB = Math.max(...samples.map((x) => x.rss - base)) / 2 ** 20;
    if (cdp && profilePath) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
      writeFileSync(profilePath, JSON.stringify(profile));
      process.stderr.write(
        `  main-thread profile → ${profilePath}; top self time:\n    ${topSelf(profile).join('\n    ')}\n`,
      );
    }
    const info = await page.evaluate(() => {
      const w = window as unknown as {
        __longTasks: { start: number; dur: number }[];
        __chosenAt: number;
        __readyAt: number;
        __viewer: {
          timeline: { stats: { firstTraceFrameAt: number } };
          store: {
            getState(): {
              profiles: Record<
                string,
                {
                  trace: {
                    stats: { events: number };
                    importTimings?: { marks?: Record<string, number> } & Record<string, unknown>;
                  } | null;
                }
              >;
            };
          };
        };
      };
      const frameAt = w.__viewer.timeline.stats.firstTraceFrameAt;
      const p = Object.values(w.__viewer.store.getState().profiles)[0];
      const inWindow = w.__longTasks.filter((t) => t.start >= w.__chosenAt && t.start <= frameAt);
      const t0 = performance.timeOrigin;
      return {
        chosenEpoch: t0 + w.__chosenAt,
        readyEpoch: t0 + w.__readyAt,
        frameEpoch: t0 + frameAt,
        events: p?.trace?.stats.events ?? 0,
        timings: p?.trace?.importTimings ?? null,
        readyMs: w.__readyAt - w.__chosenAt,
        frameMs: frameAt - w.__chosenAt,
        longTaskMs: Math.max(0, ...inWindow.map((t) => t.dur)),
      };
    });
    const { chosenEpoch, readyEpoch, frameEpoch, ...rest } = info;
    const m = info.timings?.marks ?? {};
    // Each stage by the mark that ends it (marks a run lacks, e.g. no cache write, drop out).
    const stagePeaks = peaksByStage(
      samples,
      chosenEpoch,
      [
        ['open', m['scanStart'] ?? NaN],
        ['scan', m['scanned'] ?? NaN],
        ['merge', m['merged'] ?? NaN],
        ['finalize', m['finalized'] ?? NaN],
        ['correlate', m['correlated'] ?? NaN],
        // The side files, then (builds before the checks moved after the hand-over) the
        // cross-view checks and the Kernels join.
        ['imported', m['imported'] ?? NaN],
        ['lod', m['lod'] ?? NaN],
        // Builds before the direct cache write copied the columns here, before the advisor.
        ['cache snapshot', m['snapshot'] ?? NaN],
        ['advisor', m['advisor'] ?? NaN],
        ['cache write', m['cached'] ?? NaN],
        // Since the checks follow the hand-over: the worker's copy of the profile, then (after
        // the hand-over, beside the page's work) checks + join, the advisor's inputs, and the
        // cache entry written from the copy (its end is the cache finish).
        ['copy', m['copied'] ?? NaN],
        ['handover', readyEpoch],
        ['first frame', frameEpoch],
        ['checks+join (after)', m['checked'] ?? NaN],
        ['advisor (after)', m['advised'] ?? NaN],
        ['cache finish', cacheIdleAt],
      ],
      base,
    );
    return { ...rest, peakAboveMB, stagePeaks, cacheIdleMs: cacheIdleAt - chosenEpoch };
  } finally {
    await browser.close();
  }
}
