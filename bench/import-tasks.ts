/**
 * The page's main-thread tasks of one import, from a Chromium performance trace:
 * `npx tsx bench/import-tasks.ts --file <trace.json> [--dist <build dir>] [--port N] [--top N]
 * [--out <trace file>]` (serves dist/ by default: build it with `VIEWER_TEST_HOOKS=1`, unminified
 * for readable names: `npx vite build --minify false`).
 *
 * From the file input's `change` event to the timeline's first complete frame, prints the longest
 * tasks by wall time and by CPU time (the trace's thread time: on a loaded machine a task's wall
 * time also counts the time its thread waited for a core, which the Long Tasks API reports as
 * part of the task), each with what ran in it (trace events and the functions sampled most).
 * Figures only: nothing here fails on time.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { launch, serveDist } from './lib/browser';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      type?: string;
      functionName?: string;
      startTime?: number;
      cpuProfile?: {
        nodes?: { id: number; parent?: number; callFrame: { functionName: string; url: string } }[];
        samples?: number[];
      };
      timeDeltas?: number[];
    };
  };
}

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

async function record(file: string): Promise<TraceEvent[]> {
  const server = await serveDist(Number(opt('port') ?? 4191), resolve(opt('dist') ?? 'dist'));
  const browser = await launch(['--js-flags=--max-old-space-size=8192']);
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${server.url}?demo=0`);
    await page.waitForSelector('[data-testid=app-status]', { state: 'attached' });
    await page.waitForTimeout(1000);
    await browser.startTracing(page, {
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'disabled-by-default-v8.cpu_profiler',
        'v8.execute',
        'toplevel',
      ],
    });
    await page.getByTestId('open-files').setInputFiles(file);
    await page.waitForSelector('[data-testid=app-status][data-state=ready]', {
      state: 'attached',
      timeout: 1_800_000,
    });
    await page.waitForFunction(
      () =>
        (
          window as unknown as {
            __viewer: { timeline?: { stats: { firstTraceFrameAt: unknown } } };
          }
        ).__viewer.timeline?.stats.firstTraceFrameAt != null,
      undefined,
      { timeout: 300_000 },
    );
    const buf = await browser.stopTracing();
    const out = opt('out');
    if (out) writeFileSync(out, buf);
    const parsed = JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
    return Array.isArray(parsed) ? parsed : parsed.traceEvents;
  } finally {
    await browser.close();
    server.stop();
  }
}

/** Sampled stacks of the main thread: [time, leaf-to-root function names]. */
function samplesOf(ev: TraceEvent[], isMain: (e: TraceEvent) => boolean): [number, string[]][] {
  const mainProfiles = new Set(
    ev.filter((e) => e.name === 'Profile' && isMain(e)).map((e) => e.id),
  );
  const start = new Map<string, number>();
  for (const e of ev)
    if (e.name === 'Profile' && e.id) start.set(e.id, e.args?.data?.startTime ?? e.ts);
  const nodes = new Map<string, { name: string; parent?: string }>();
  const out: [number, string[]][] = [];
  for (const e of ev) {
    if (e.name !== 'ProfileChunk' || !e.id || !mainProfiles.has(e.id)) continue;
    const d = e.args?.data;
    for (const n of d?.cpuProfile?.nodes ?? [])
      nodes.set(`${e.id}/${n.id}`, {
        name: n.callFrame.functionName || '(anonymous)',
        parent: n.parent === undefined ? undefined : `${e.id}/${n.parent}`,
      });
    let t = start.get(e.id) ?? 0;
    const ss = d?.cpuProfile?.samples ?? [];
    for (let i = 0; i < ss.length; i++) {
      t += d?.timeDeltas?.[i] ?? 0;
      const stack: string[] = [];
      for (let k: string | undefined = `${e.id}/${ss[i]}`; k; k = nodes.get(k)?.parent) {
        const n = nodes.get(k);
        if (n) stack.push(n.name);
      }
      out.push([t, stack]);
    }
    start.set(e.id, t);
  }
  return out;
}

async function main() {
  const file = opt('file');
  if (!file) throw new Error('usage: --file <trace.json> [--dist dir] [--port N] [--top N]');
  const load0 = loadavg()[0]!;
  const ev = await record(resolve(file));
  const thread = ev.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!thread) throw new Error('no renderer main thread in the trace');
  const isMain = (e: TraceEvent) => e.pid === thread.pid && e.tid === thread.tid;
  const onMain = ev.filter((e) => isMain(e) && e.ph === 'X');
  const chosen = onMain.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'change');
  const from = chosen?.ts ?? 0;
  const tasks = onMain.filter((e) => e.name === 'RunTask' && e.ts + (e.dur ?? 0) >= from);
  const samples = samplesOf(ev, isMain);
  const skip = new Set(['(root)', '(program)', '(idle)', '(anonymous)']);
  const describe = (t: TraceEvent) => {
    const end = t.ts + (t.dur ?? 0);
    const inner = onMain
      .filter((e) => e !== t && e.ts >= t.ts && e.ts <= end && (e.dur ?? 0) >= 2000)
      .filter((e) => e.name !== 'ThreadControllerImpl::RunTask' && !e.name.startsWith('V8.'))
      .slice(0, 8)
      .map(
        (e) =>
          `${e.name}${e.args?.data?.type ? `[${e.args.data.type}]` : ''} ${((e.dur ?? 0) / 1000).toFixed(1)}`,
      );
    const self = new Map<string, number>();
    for (const [ts, stack] of samples) {
      if (ts < t.ts || ts > end) continue;
      for (const name of new Set(stack))
        if (!skip.has(name)) self.set(name, (self.get(name) ?? 0) + 1);
    }
    const fns = [...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([n, c]) => `${n} ×${c}`);
    return `    events: ${inner.join(' | ') || '–'}\n    functions (samples, inclusive): ${fns.join(', ') || '–'}`;
  };
  const top = Number(opt('top') ?? 5);
  const ms = (us = 0) => (us / 1000).toFixed(1);
  const at = (t: TraceEvent) => `@${ms(t.ts - from)} ms`;
  for (const [title, key] of [
    ['by wall time', (t: TraceEvent) => t.dur ?? 0],
    ['by CPU time (thread time)', (t: TraceEvent) => t.tdur ?? 0],
  ] as const) {
    console.log(`\nlongest main-thread tasks ${title}, file chosen → first complete frame:`);
    for (const t of [...tasks].sort((a, b) => key(b) - key(a)).slice(0, top))
      console.log(`  ${at(t)}: wall ${ms(t.dur)} ms, CPU ${ms(t.tdur)} ms\n${describe(t)}`);
  }
  const longest = (k: 'dur' | 'tdur') => Math.max(0, ...tasks.map((t) => t[k] ?? 0));
  console.log(
    `\nlongest task: wall ${ms(longest('dur'))} ms, CPU ${ms(longest('tdur'))} ms (${tasks.length} tasks; load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)})`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
