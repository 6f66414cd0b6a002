/**
 * The links the analysis follows from the host to device tasks: the trace's flows, plus the
 * links found through correlation args when the trace has no launch flows
 * (TraceModel.correlations). Row r < trace.flows.length is flow r of the trace.
 */
import type { FlowTable, TraceModel } from '../trace-model';

const cache = new WeakMap<TraceModel, FlowTable>();

export function launchLinks(trace: TraceModel): FlowTable {
  const c = trace.correlations;
  if (!c || c.length === 0) return trace.flows;
  let t = cache.get(trace);
  if (t) return t;
  const f = trace.flows;
  const cat = <T extends Int32Array | Float64Array | Uint32Array>(a: T, b: T): T => {
    const out = new (a.constructor as { new (n: number): T })(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
  };
  t = {
    length: f.length + c.length,
    fromTrack: cat(f.fromTrack, c.fromTrack),
    fromSlice: cat(f.fromSlice, c.fromSlice),
    toTrack: cat(f.toTrack, c.toTrack),
    toSlice: cat(f.toSlice, c.toSlice),
    fromTs: cat(f.fromTs, c.fromTs),
    toTs: cat(f.toTs, c.toTs),
    cat: cat(f.cat, c.cat),
    name: cat(f.name, c.name),
    id: cat(f.id, c.id),
  };
  cache.set(trace, t);
  return t;
}
