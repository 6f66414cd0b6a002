/**
 * Writes a synthetic model (timeline-synth-model.ts) as Chrome trace-event JSON, the way torch_npu does:
 * process/thread metadata, X slices with µs timestamps (3 decimals, exact to the ns), counters,
 * and s/f flow pairs bound to enclosing slices.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { TraceModel } from '../../src/model/trace-model';

function usText(baseNs: bigint, ns: number): string {
  const v = baseNs + BigInt(Math.round(ns));
  const s = v.toString().padStart(4, '0');
  return `${s.slice(0, -3)}.${s.slice(-3)}`;
}

function durText(ns: number): string {
  const us = Math.floor(ns / 1000);
  return `${us}.${String(ns - us * 1000).padStart(3, '0')}`;
}

export function writeTraceJson(t: TraceModel, path: string): number {
  const fd = openSync(path, 'w');
  const base = BigInt(t.baseNs);
  let buf: string[] = [];
  let size = 0;
  let first = true;
  const push = (ev: string) => {
    buf.push(first ? ev : `,\n${ev}`);
    first = false;
    if (buf.length >= 20_000) flush();
  };
  const flush = () => {
    const chunk = buf.join('');
    size += Buffer.byteLength(chunk);
    writeSync(fd, chunk);
    buf = [];
  };
  buf.push('[');
  const q = (s: string) => JSON.stringify(s);
  t.processes.forEach((p) => {
    push(`{"ph":"M","name":"process_name","pid":${p.pid},"args":{"name":${q(p.name ?? '')}}}`);
    push(
      `{"ph":"M","name":"process_labels","pid":${p.pid},"args":{"labels":${q(p.labels.join(','))}}}`,
    );
    push(
      `{"ph":"M","name":"process_sort_index","pid":${p.pid},"args":{"sort_index":${p.sortIndex ?? 0}}}`,
    );
  });
  t.threads.forEach((th) => {
    const pid = t.processes[th.process]!.pid;
    push(
      `{"ph":"M","name":"thread_name","pid":${pid},"tid":${th.tid},"args":{"name":${q(th.name ?? '')}}}`,
    );
  });
  for (const st of t.sliceTracks) {
    const pid = t.processes[st.process]!.pid;
    const tid = t.threads[st.thread]!.tid;
    const s = st.slices;
    for (let i = 0; i < s.length; i++) {
      const cat = t.strings[s.cat[i]!] ?? '';
      push(
        `{"ph":"X","name":${q(t.strings[s.name[i]!] ?? '')},"pid":${pid},"tid":${tid},"ts":${usText(base, s.start[i]!)},"dur":${durText(s.dur[i]!)}${cat ? `,"cat":${q(cat)}` : ''}${i % 10 === 0 ? `,"args":{"Sequence number":${i}}` : ''}}`,
      );
    }
  }
  for (const c of t.counters) {
    const pid = t.processes[c.process]!.pid;
    const series = c.series[0]!;
    for (let i = 0; i < c.ts.length; i++)
      push(
        `{"ph":"C","name":${q(c.name)},"pid":${pid},"ts":${usText(base, c.ts[i]!)},"args":{${q(series.name)}:${series.values[i]}}}`,
      );
  }
  const f = t.flows;
  for (let k = 0; k < f.length; k++) {
    const a = t.sliceTracks[f.fromTrack[k]!]!;
    const b = t.sliceTracks[f.toTrack[k]!]!;
    const cat = q(t.strings[f.cat[k]!] ?? '');
    const name = q(t.strings[f.name[k]!] ?? '');
    push(
      `{"ph":"s","id":${k + 1},"cat":${cat},"name":${name},"pid":${t.processes[a.process]!.pid},"tid":${t.threads[a.thread]!.tid},"ts":${usText(base, f.fromTs[k]!)}}`,
    );
    push(
      `{"ph":"f","bp":"e","id":${k + 1},"cat":${cat},"name":${name},"pid":${t.processes[b.process]!.pid},"tid":${t.threads[b.thread]!.tid},"ts":${usText(base, f.toTs[k]!)}}`,
    );
  }
  buf.push('\n]\n');
  flush();
  closeSync(fd);
  return size;
}
