/**
 * A real nginx for the deploy test: deploy/nginx.conf with its `listen` and `root` rewritten,
 * wrapped in a main config whose pid, logs and temp paths live in a temp folder. Tests skip with
 * NGINX_SKIP_REASON when no nginx binary is found (Debian: apt-get install nginx; .ci/run
 * installs it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const NGINX_PATH =
  process.env.NGINX_PATH ?? ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
export const NGINX_SKIP_REASON =
  'nginx not found (apt-get install nginx, or set NGINX_PATH); the deploy test is skipped';

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => res(port));
    });
  });
}

export interface RunningNginx {
  port: number;
  origin: string;
  stop(): Promise<void>;
  errorLog(): string;
}

/**
 * Starts nginx with deploy/nginx.conf serving `root` on 127.0.0.1 and `port`, else NGINX_PORT,
 * else a free port.
 */
export async function startNginx(
  root: string,
  dir: string,
  /** What the deployer changes in the server block (e.g. origins added to connect-src). */
  edit: (conf: string) => string = (c) => c,
  port?: number,
): Promise<RunningNginx> {
  if (!NGINX_PATH) throw new Error(NGINX_SKIP_REASON);
  port ??= Number(process.env.NGINX_PORT) || (await freePort());
  const server = edit(readFileSync(resolve('deploy/nginx.conf'), 'utf8'))
    .replace(/listen 8080;/, `listen 127.0.0.1:${port};`)
    .replace(/root \/srv\/atv;/, `root ${root};`);
  if (server.includes('/srv/atv;')) throw new Error('deploy/nginx.conf: root not rewritten');
  for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, t));
  const mime = existsSync('/etc/nginx/mime.types')
    ? 'include /etc/nginx/mime.types;'
    : 'types { text/html html; application/javascript js; text/css css; application/json json; }';
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const conf = `${isRoot ? 'user root;' : ''}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  ${mime}
  default_type application/octet-stream;
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${server}
}
`;
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const proc: ChildProcess = spawn(
    NGINX_PATH,
    ['-e', join(dir, 'error.log'), '-p', dir, '-c', join(dir, 'nginx.conf')],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (proc.exitCode !== null)
      throw new Error(`nginx exited (${proc.exitCode}): ${stderr}${readLog(dir)}`);
    try {
      await fetch(`${origin}/`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not start: ${stderr}${readLog(dir)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    port,
    origin,
    errorLog: () => readLog(dir),
    stop: () =>
      new Promise<void>((res) => {
        if (proc.exitCode !== null) return res();
        proc.once('exit', () => res());
        proc.kill('SIGQUIT');
        setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
      }),
  };
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'error.log'), 'utf8');
  } catch {
    return '';
  }
}
