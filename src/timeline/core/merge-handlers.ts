/**
 * The merge worker's handlers (merge.worker.ts serves them; tests run them in-process): member
 * tables arrive one request each, then `build` merges them (model/merge-streams.ts) and attaches
 * what the page's first draw of the merged row would otherwise build (pyramid, lane index).
 */
import type { Handlers } from '../../lib/worker-protocol';
import { laneIndex } from '../../model/lane-index';
import { lodPyramid } from '../../model/lod-pyramid';
import { buildMerged, type MemberColumns } from '../../model/merge-streams';
import type { MergeProtocol } from './merge-runner';

export function mergeHandlers(): Handlers<MergeProtocol> {
  const jobs = new Map<number, MemberColumns[]>();
  return {
    member: ({ job, j, cols }) => {
      let m = jobs.get(job);
      if (!m) jobs.set(job, (m = []));
      m[j] = cols;
      return Promise.resolve(true);
    },
    build: ({ job, members, process, name, instants }) => {
      const tables = jobs.get(job) ?? [];
      jobs.delete(job);
      const m = buildMerged(tables, members, process, name, instants);
      laneIndex(m.track.slices, lodPyramid(m.track.slices));
      return Promise.resolve(m);
    },
  };
}
