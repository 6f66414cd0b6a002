/**
 * A dying import worker, without a browser: the client rejects what was pending with the reason,
 * the controller shows it with a way forward, the next call starts a new worker, and that worker
 * is told about the opened files again before it is asked for a profile.
 */
import { describe, expect, it } from 'vitest';
import { WorkerClient, WorkerCrashedError } from '../../src/session/worker-client';
import { ViewerController } from '../../src/app/viewer-controller';
import { importProfile } from '../../src/import/import-profile';
import { openInputs, type OpenedInputs } from '../../src/import/open-inputs';
import { memoryFile } from '../../src/import/sources/input-file';
import type { WorkerRequest, WorkerResponse } from '../../src/lib/worker-protocol';
import type { ImportProtocol } from '../../src/import/worker-protocol';
import { createAppStore } from '../../src/store/app-store';

const T = 1736412474730000;
const trace = (name: string) => `[{"ph":"X","name":"${name}","pid":1,"tid":1,"ts":${T},"dur":5}]`;

/** A stand-in for the import worker: real open/import handlers, and a crash on request. */
class FakeWorker {
  onmessage: ((e: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  readonly received: string[] = [];
  private opened: OpenedInputs | null = null;

  postMessage(req: WorkerRequest): void {
    this.received.push(req.type);
    void this.handle(req);
  }

  terminate(): void {
    this.terminated = true;
  }

  private reply(m: WorkerResponse): void {
    if (!this.terminated) this.onmessage?.({ data: m } as MessageEvent<WorkerResponse>);
  }

  private async handle({ id, type, payload }: WorkerRequest): Promise<void> {
    await Promise.resolve();
    if (type === 'debug:crash') {
      this.onerror?.({
        message: 'Uncaught Error: debug:crash requested',
        preventDefault() {},
      } as ErrorEvent);
      return;
    }
    if (type === 'open') {
      const files = payload as { path: string; data: string }[];
      this.opened = await openInputs(files.map((f) => memoryFile(f.path, f.data)));
      this.reply({
        id,
        type: 'result',
        result: { profiles: this.opened.discovery.profiles, reports: this.opened.reports },
      });
      return;
    }
    if (type === 'import') {
      if (!this.opened) {
        this.reply({ id, type: 'error', error: 'nothing has been opened', cancelled: false });
        return;
      }
      const d = this.opened.discovery.profiles.find(
        (p) => p.id === (payload as { profileId: string }).profileId,
      )!;
      this.reply({ id, type: 'result', result: await importProfile(d, this.opened.files) });
    }
  }
}

describe('a worker that dies', () => {
  it('is reported, replaced, and told about the opened files again', async () => {
    const workers: FakeWorker[] = [];
    const client = new WorkerClient<ImportProtocol>(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    });
    const store = createAppStore();
    const controller = new ViewerController(store, client);
    await controller.openMemory(
      [
        { path: 'a/trace.json', data: trace('first') },
        { path: 'b/trace.json', data: trace('second') },
      ],
      'two traces',
    );
    expect(store.getState().status).toBe('ready');
    const ids = store.getState().discovered.map((d) => d.id);
    expect(ids).toHaveLength(2);

    // The worker dies while a request is pending: the request fails with the reason.
    const crash = client.call('debug:crash', null).promise;
    await expect(crash).rejects.toThrow(WorkerCrashedError);
    await expect(crash).rejects.toThrow(
      /^the import worker stopped: Uncaught Error: debug:crash requested$/,
    );
    expect(workers[0]!.terminated).toBe(true);

    // Showing the other profile starts a new worker, which is sent the files before the import.
    const p = await controller.importProfile(ids[1]!, true);
    expect(p?.trace?.stats.events).toBe(1);
    expect(workers).toHaveLength(2);
    expect(workers[1]!.received).toEqual(['open', 'import']);
    expect(store.getState().status).toBe('ready');
  });

  it('during an import: the error says what happened and how to retry', async () => {
    let n = 0;
    const client = new WorkerClient<ImportProtocol>(() => {
      const w = new FakeWorker();
      if (n++ === 0) {
        // The first worker dies as soon as it is asked to open.
        w.postMessage = () =>
          void Promise.resolve().then(() =>
            w.onerror?.({ message: '', preventDefault() {} } as ErrorEvent),
          );
      }
      return w as unknown as Worker;
    });
    const store = createAppStore();
    const controller = new ViewerController(store, client);
    await controller.openMemory([{ path: 't/trace.json', data: trace('x') }], 't');
    expect(store.getState().status).toBe('error');
    expect(store.getState().error).toBe(
      'the import worker stopped: out of memory or crashed; open the input again to retry',
    );
    await controller.openMemory([{ path: 't/trace.json', data: trace('x') }], 't');
    expect(store.getState().status).toBe('ready');
    expect(store.getState().error).toBeNull();
  });
});
