/** Shared bench plumbing: serve dist/ with vite preview, launch the system Chromium. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../../test/chromium';

const ROOT = resolve(import.meta.dirname, '../..');

export async function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/** `vite preview` of dist/ (or of `outDir`, e.g. a bench's own build) on 127.0.0.1:`port`. */
export async function serveDist(
  port: number,
  outDir?: string,
): Promise<{ url: string; stop: () => void }> {
  const args = ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'];
  if (outDir) args.push('--outDir', outDir);
  const child: ChildProcess = spawn(
    'npx',
    args,
    // Its own process group, so stop() ends vite too (not only the npx wrapper around it).
    { cwd: ROOT, stdio: 'ignore', detached: true },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(url);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill();
    }
  };
  return { url, stop };
}

/** Parent pid of a process (field 4 of /proc/<pid>/stat), or 0. */
function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: read after its ')'.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

const ours = new Map<number, boolean>();
/** Whether a process descends from this one (other jobs' browsers on the machine do not count). */
function isOurs(pid: number): boolean {
  const known = ours.get(pid);
  if (known !== undefined) return known;
  let p = pid;
  for (let hops = 0; hops < 16 && p > 1; hops++) {
    if (p === process.pid) break;
    p = parentOf(p);
  }
  const mine = p === process.pid;
  ours.set(pid, mine);
  return mine;
}

/**
 * Resident memory (bytes) of the Chromium renderer processes this bench started: the page and
 * its workers (renderers of other jobs on the machine are left out).
 */
export function rendererRss(): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer') || !isOurs(Number(pid))) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const m = /VmRSS:\s+(\d+) kB/.exec(status);
      if (m) total += Number(m[1]) * 1024;
    } catch {
      /* process went away */
    }
  }
  return total;
}

/** Samples rendererRss every `ms` until stopped; returns the peak. */
export function samplePeak(ms = Number(process.env.PEAK_MS ?? 50)): { stop: () => number } {
  let peak = rendererRss();
  const t = setInterval(() => (peak = Math.max(peak, rendererRss())), ms);
  return {
    stop: () => {
      clearInterval(t);
      return Math.max(peak, rendererRss());
    },
  };
}

/** Samples rendererRss every `ms` (epoch ms, bytes) until stopped; returns every sample. */
export function sampleSeries(ms = Number(process.env.PEAK_MS ?? 50)): {
  stop: () => { t: number; rss: number }[];
} {
  const out: { t: number; rss: number }[] = [];
  const take = () =>
    out.push({ t: performance.timeOrigin + performance.now(), rss: rendererRss() });
  take();
  const t = setInterval(take, ms);
  return {
    stop: () => {
      clearInterval(t);
      take();
      return out;
    },
  };
}

/**
 * The peak of each stage, in MB above `base`, and its duration (ms): `ends` lists each stage with the epoch ms at which
 * it ends, in order; the first begins at `start`. A sample counts in the first stage whose end
 * is at or after it; samples before `start` under `before`, after the last end under `after`.
 */
export function peaksByStage(
  samples: { t: number; rss: number }[],
  start: number,
  ends: [string, number][],
  base: number,
): [string, number, number][] {
  // In time order: work after the hand-over runs beside the page's first frame.
  const known = ends.filter(([, t]) => Number.isFinite(t)).sort((a, b) => a[1] - b[1]);
  const peaks = new Map<string, number>();
  for (const { t, rss } of samples) {
    const stage = t < start ? 'before' : (known.find(([, end]) => t <= end)?.[0] ?? 'after');
    peaks.set(stage, Math.max(peaks.get(stage) ?? -Infinity, (rss - base) / 2 ** 20));
  }
  // Each stage's duration (ms) from the end of the one before.
  const dur = new Map(known.map(([k, end], i) => [k, end - (i > 0 ? known[i - 1]![1] : start)]));
  const order = ['before', ...known.map(([k]) => k), 'after'];
  return order
    .filter((k) => peaks.has(k) || dur.has(k))
    .map((k) => [k, peaks.get(k) ?? NaN, dur.get(k) ?? NaN]);
}
