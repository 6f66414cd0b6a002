import { describe, expect, it } from 'vitest';
import type { Call, WorkerRequest, WorkerResponse } from './worker-protocol';
import { serve, type WorkerPort } from './worker-serve';

interface TestProtocol {
  double: Call<{ n: number }, number, string>;
  wait: Call<undefined, string>;
}

function fakePort() {
  const sent: WorkerResponse[] = [];
  const port: WorkerPort = { onmessage: null, postMessage: (m) => sent.push(m) };
  const send = (req: WorkerRequest) =>
    port.onmessage?.({ data: req } as MessageEvent<WorkerRequest>);
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { port, sent, send, settle };
}

describe('serve', () => {
  it('answers each request with its progress, then its result', async () => {
    const { port, sent, send, settle } = fakePort();
    serve<TestProtocol>(
      {
        double: ({ n }, ctx) => {
          ctx.progress('half way');
          return Promise.resolve(n * 2);
        },
        wait: () => Promise.resolve('done'),
      },
      { port },
    );
    send({ id: 7, type: 'double', payload: { n: 21 } });
    await settle();
    expect(sent).toEqual([
      { id: 7, type: 'progress', progress: 'half way' },
      { id: 7, type: 'result', result: 42 },
    ]);
  });

  it('names an unknown request, and reports a cancelled one as cancelled', async () => {
    const { port, sent, send, settle } = fakePort();
    serve<TestProtocol>(
      {
        double: ({ n }) => Promise.resolve(n),
        wait: (_p, ctx) =>
          new Promise((_resolve, reject) =>
            ctx.signal.addEventListener('abort', () => reject(new Error('stopped'))),
          ),
      },
      { port },
    );
    send({ id: 1, type: 'nope', payload: null });
    send({ id: 2, type: 'wait', payload: undefined });
    send({ id: 0, type: 'cancel', payload: { target: 2 } });
    await settle();
    expect(sent).toEqual([
      { id: 1, type: 'error', error: 'unknown request "nope"', cancelled: false },
      { id: 2, type: 'error', error: 'stopped', cancelled: true },
    ]);
  });

  it('sends a big result in parts when asked to', async () => {
    const { port, sent, send, settle } = fakePort();
    const big = Array.from({ length: 5000 }, (_, i) => i);
    serve<{ big: Call<undefined, number[]> }>(
      { big: () => Promise.resolve(big) },
      { port, results: 'parts' },
    );
    send({ id: 3, type: 'big', payload: undefined });
    await settle();
    expect(sent.filter((m) => m.type === 'part').length).toBeGreaterThan(1);
    expect(sent.at(-1)).toMatchObject({ id: 3, type: 'result' });
  });
});
