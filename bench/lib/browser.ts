/** Shared bench plumbing: serve dist/ with vite preview, launch the system Chromium. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string | undefined {
  return (
    process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)
  );
}

export async function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

export async function serveDist(port: number): Promise<{ url: string; stop: () => void }> {
  const child: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    // Its own process group, so stop() ends vite too (not only the npx wrapper around it).
    { stdio: 'ignore', detached: true },
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
