/** Small generated traces for the command-line tests (a Kineto-shaped GPU trace). */

/** A PyTorch profiler (Kineto) trace: CPU ops launching two GPU kernels, linked by ac2g flows. */
export function kinetoTrace(): string {
  const ev = (e: Record<string, unknown>) => JSON.stringify(e);
  const events = [
    ev({ ph: 'M', name: 'process_name', pid: 100, tid: 0, args: { name: 'python3' } }),
    ev({ ph: 'M', name: 'process_name', pid: 0, tid: 0, args: { name: 'GPU 0' } }),
    ev({ ph: 'X', cat: 'cpu_op', name: 'aten::linear', pid: 100, tid: 100, ts: 1000.5, dur: 60 }),
    ev({
      ph: 'X',
      cat: 'cuda_runtime',
      name: 'cudaLaunchKernel',
      pid: 100,
      tid: 100,
      ts: 1010,
      dur: 5,
      args: { correlation: 11 },
    }),
    ev({
      ph: 'X',
      cat: 'cuda_runtime',
      name: 'cudaLaunchKernel',
      pid: 100,
      tid: 100,
      ts: 1030,
      dur: 5,
      args: { correlation: 12 },
    }),
    ev({
      ph: 'X',
      cat: 'kernel',
      name: 'volta_sgemm_128x64_nn',
      pid: 0,
      tid: 7,
      ts: 1020,
      dur: 20,
      args: { correlation: 11, stream: 7 },
    }),
    ev({
      ph: 'X',
      cat: 'kernel',
      name: 'vectorized_elementwise_kernel',
      pid: 0,
      tid: 7,
      ts: 1045,
      dur: 4,
      args: { correlation: 12, stream: 7 },
    }),
    ev({ ph: 's', id: 11, pid: 100, tid: 100, ts: 1010, cat: 'ac2g', name: 'ac2g' }),
    ev({ ph: 'f', id: 11, pid: 0, tid: 7, ts: 1020, cat: 'ac2g', name: 'ac2g', bp: 'e' }),
    ev({ ph: 's', id: 12, pid: 100, tid: 100, ts: 1030, cat: 'ac2g', name: 'ac2g' }),
    ev({ ph: 'f', id: 12, pid: 0, tid: 7, ts: 1045, cat: 'ac2g', name: 'ac2g', bp: 'e' }),
  ];
  return (
    `{"schemaVersion": 1, "deviceProperties": [{"id": 0, "name": "NVIDIA A100"}],\n` +
    `"traceEvents": [\n${events.join(',\n')}\n],\n"traceName": "worker0.pt.trace.json"}\n`
  );
}
