/**
 * Which tab a freshly opened profile should land on: the Overview when it has profiler tables
 * (kernels, steps, operators, communication, memory), the Timeline for a plain trace.
 */
import type { ProfileModel } from '../model/profile';
import type { ViewTab } from '../store/ui-slice';

export function landingTab(p: ProfileModel): ViewTab {
  const a = p.ascend;
  const tables =
    a.kernels ||
    a.steps ||
    a.operators ||
    a.communication ||
    a.commMatrix ||
    a.memory ||
    a.moduleMemory;
  return tables ? 'overview' : 'timeline';
}
