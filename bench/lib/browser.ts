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

/** Resident memory (bytes) of all Chromium renderer processes: the page and its workers. */
export function rendererRss(): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer')) continue;
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
