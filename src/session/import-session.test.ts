/**
 * The page's side of the hand-over (issue 18): the model arrives in parts, each its own message
 * (task); the message that completes it does not also update the store and render the app — that
 * runs in a later task.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ImportProtocol } from '../import/worker-protocol';
import { openInputs } from '../import/open-inputs';
import { importProfile } from '../import/import-profile';
import { memoryFile } from '../import/sources/input-file';
import { splitResult } from '../lib/result-parts';
import type { WorkerRequest, WorkerResponse } from '../lib/worker-protocol';
import type { ProfileModel } from '../model/profile';
import { createAppStore } from '../store/app-store';
import { ImportSession } from './import-session';
import { WorkerClient } from './worker-client';

const TRACE = JSON.stringify({
  traceEvents: Array.from({ length: 40 }, (_, i) => ({
    ph: 'X',
    name: `op${i}`,
    pid: 1,
    tid: 1 + (i % 3),
    ts: i * 10,
    dur: 5,
  })),
});

async function tinyProfile(): Promise<{ profile: ProfileModel; open: OpenResultLike }> {
  const opened = await openInputs([memoryFile('trace.json', TRACE)]);
  const d = opened.discovery.profiles[0]!;
  return {
    profile: await importProfile(d, opened.files, {}),
    open: { profiles: opened.discovery.profiles, reports: opened.reports },
  };
}
type OpenResultLike = { profiles: unknown[]; reports: unknown[] };

/** A stand-in for the import worker: each response is its own message, delivered in its own task. */
class FakeWorker {
  onmessage: ((e: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror = null;
  onmessageerror = null;
  /** What the page saw right after the message that completed the import (same task, microtasks drained). */
  afterResult: Promise<{ profiles: number; status: string }> | null = null;

  constructor(
    private readonly answers: { open: OpenResultLike; profile: ProfileModel },
    private readonly store: ReturnType<typeof createAppStore>,
  ) {}

  private deliver(m: WorkerResponse): void {
    this.onmessage?.({ data: m } as MessageEvent<WorkerResponse>);
  }

  postMessage(req: WorkerRequest): void {
    if (req.type === 'open')
      setTimeout(() => this.deliver({ id: req.id, type: 'result', result: this.answers.open }));
    if (req.type !== 'import') return;
    const { skeleton, paths, parts } = splitResult(this.answers.profile, 8);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) setTimeout(() => this.deliver({ id: req.id, type: 'part', part }));
    setTimeout(() => {
      this.deliver({ id: req.id, type: 'result', result: skeleton, paths });
      // Still inside the task that delivered the result: let its microtasks run, then look.
      this.afterResult = (async () => {
        for (let i = 0; i < 50; i++) await Promise.resolve();
        const s = this.store.getState();
        return { profiles: Object.keys(s.profiles).length, status: s.status };
      })();
    });
  }

  terminate(): void {}
}

describe('import session: the hand-over on the page', () => {
  it('the store takes the profile in a task after the one that delivered it', async () => {
    const { profile, open } = await tinyProfile();
    const store = createAppStore();
    const fake = new FakeWorker({ open, profile }, store);
    const client = new WorkerClient<ImportProtocol>(() => fake as unknown as Worker);
    const session = new ImportSession(store, client, {
      onOpen: () => undefined,
      onCluster: () => undefined,
      isSidecar: () => false,
    });
    const done = session.openMemory([{ path: 'trace.json', data: TRACE }], 'trace.json');
    await vi.waitFor(() => expect(fake.afterResult).not.toBeNull());
    // Nothing reached the store in the result's task: no render of the app in it either.
    expect(await fake.afterResult).toEqual({ profiles: 0, status: 'loading' });
    await done;
    const s = store.getState();
    expect(s.status).toBe('ready');
    const got = s.profiles[profile.descriptor.id]!;
    // Joined from its parts: the same model.
    expect(got.trace?.strings).toEqual(profile.trace?.strings);
    expect(got.trace?.sliceTracks.length).toBe(profile.trace?.sliceTracks.length);
    expect(s.activeProfileId).toBe(profile.descriptor.id);
  });
});
