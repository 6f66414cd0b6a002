/**
 * Process and thread naming for the timeline built from a database, mirroring torch_npu's text
 * export so both exports of one run look alike: the same process names, labels and sort indices,
 * and the same pid encoding for device-side processes, `(hostPid << 10) | (sort << 5) | device`
 * (so "Ascend Hardware" of host pid 3178231, device 0 is pid 3254508960 in both).
 * The Python process uses the real host pid; threads are "Thread {tid}", "Stream {id}", …
 */
import type { TraceBuilder } from '../trace/trace-builder';

/** process_sort_index values of the text export (2025 samples), plus later additions. */
export const PROCESS_SORT: Record<string, number> = {
  Python: 0,
  'Python GC': 1,
  CANN: 7,
  'Ascend Hardware': 13,
  'AI Core Freq': 14,
  HCCL: 15,
  DDR: 16,
  HBM: 17,
  LLC: 18,
  'NPU MEM': 19,
  'Stars Soc Info': 20,
  'Acc PMU': 21,
  QoS: 22,
  'Overlap Analysis': 23,
  MsprofTx: 24,
  'OS Runtime API': 25,
};

/** Processes on the host side (labelled CPU). */
const HOST_PROCESSES = new Set(['Python', 'Python GC', 'CANN', 'MsprofTx', 'OS Runtime API']);

type Lane = { pid: string; tid: string };

export class DbLanes {
  private readonly processes = new Set<string>();
  private readonly threads = new Set<string>();
  private readonly groupIndex = new Map<string, number>();
  /** Memoised lane lookups (called once per row). */
  private readonly cache = new Map<string, string>();
  private readonly laneCache = new Map<string, { pid: string; tid: string }>();
  private readonly hostCache = new Map<
    string,
    Map<bigint | number, Map<number, { pid: string; tid: string }>>
  >();
  private readonly groupCount = new Map<number, number>();

  constructor(
    private readonly b: TraceBuilder,
    /** Host pid of the profiled process (TASK.globalPid or the API threads' pid). */
    readonly hostPid: bigint,
    /** The rank's device (RANK_DEVICE_MAP, else the busiest TASK.deviceId). */
    readonly device: number,
  ) {}

  /**
   * The pid of a named process on `device` (host processes use the rank's device, as in the
   * text export). Emits its metadata the first time.
   */
  process(name: string, device = this.device, host: bigint | number = this.hostPid): string {
    const key = `${name}|${device}|${host}`;
    const known = this.cache.get(key);
    if (known !== undefined) return known;
    const hostPid = BigInt(host);
    const sort = PROCESS_SORT[name];
    const onHost = HOST_PROCESSES.has(name);
    let pid: string;
    if (name === 'Python') pid = hostPid.toString();
    else if (sort !== undefined && device >= 0 && device < 32 && hostPid >= 0n) {
      pid = ((hostPid << 10n) | (BigInt(sort) << 5n) | BigInt(device)).toString();
    } else pid = `${hostPid}:${name}:${device}`;
    if (!this.processes.has(pid)) {
      this.processes.add(pid);
      this.b.processName(pid, name);
      this.b.processLabels(pid, onHost ? 'CPU' : device >= 0 ? `NPU ${device}` : 'NPU');
      this.b.processSortIndex(pid, sort ?? 30);
    }
    this.cache.set(key, pid);
    return pid;
  }

  /** A named thread of `pid`; emits thread_name / thread_sort_index the first time. */
  thread(pid: string, tid: string, name: string, sortIndex: number): string {
    const key = `${pid}|${tid}`;
    if (!this.threads.has(key)) {
      this.threads.add(key);
      this.b.threadName(pid, tid, name);
      this.b.threadSortIndex(pid, tid, sortIndex);
    }
    return tid;
  }

  /** The "Ascend Hardware" lane of one stream. */
  stream(device: number, streamId: number): { pid: string; tid: string } {
    const key = `S|${device}|${streamId}`;
    let lane = this.laneCache.get(key);
    if (!lane) {
      const pid = this.process('Ascend Hardware', device);
      lane = { pid, tid: this.thread(pid, String(streamId), `Stream ${streamId}`, streamId) };
      this.laneCache.set(key, lane);
    }
    return lane;
  }

  /** A host thread ("Thread {tid}") of a host-side process. */
  hostThread(name: string, hostPid: bigint | number, tid: number): { pid: string; tid: string } {
    let byPid = this.hostCache.get(name);
    if (!byPid) this.hostCache.set(name, (byPid = new Map<bigint | number, Map<number, Lane>>()));
    let byTid = byPid.get(hostPid);
    if (!byTid) byPid.set(hostPid, (byTid = new Map<number, Lane>()));
    let lane = byTid.get(tid);
    if (!lane) {
      const pid = this.process(name, this.device, hostPid);
      lane = { pid, tid: this.thread(pid, String(tid), `Thread ${tid}`, tid) };
      byTid.set(tid, lane);
    }
    return lane;
  }

  /** Index of a communication group on a device, in order of first appearance. */
  private group(device: number, group: string): number {
    const key = `${device}|${group}`;
    let g = this.groupIndex.get(key);
    if (g === undefined) {
      g = this.groupCount.get(device) ?? 0;
      this.groupCount.set(device, g + 1);
      this.groupIndex.set(key, g);
    }
    return g;
  }

  /**
   * The "HCCL" lane of a communication group's ops: group g is thread g*1000, its planes follow
   * (g*1000 + 1 + planeId), so a single group gets the text export's tids 0, 1, 2, ….
   */
  commGroup(device: number, group: string): { pid: string; tid: string } {
    const pid = this.process('HCCL', device);
    const g = this.group(device, group);
    return { pid, tid: this.thread(pid, String(g * 1000), `Group ${g} Communication`, g * 1000) };
  }

  /** The "Plane {p}" lane of a group's small communication tasks. */
  commPlane(device: number, group: string, plane: number): { pid: string; tid: string } {
    const pid = this.process('HCCL', device);
    const g = this.group(device, group);
    const t = g * 1000 + 1 + plane;
    const name = g === 0 ? `Plane ${plane}` : `Group ${g} Plane ${plane}`;
    return { pid, tid: this.thread(pid, String(t), name, t) };
  }
}
