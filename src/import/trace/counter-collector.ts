/**
 * The collect phase's counters (C events): one track per (pid, name, id), with one dense value
 * column per series (args key), NaN where a sample lacks that key.
 */
import { f64, u16, type Column } from '../../lib/columns';
import type { ByteInterner } from '../json/byte-interner';
import { parseJsonBytes, type JsonValue } from '../../lib/json-bytes';
import { scanNumericArgs } from '../json/numeric-args';
import type { RawEvent } from '../json/raw-event';
import { toNumber } from './arg-values';
import type { RawCounter } from './raw-parts';
import type { WarningLog } from './warning-log';
import { detail, msg } from '../../lib/message';

/** Most series one counter track keeps (real traces have 1 or 2). */
export const MAX_COUNTER_SERIES = 64;

interface CounterBuilder {
  pid: number;
  name: number;
  id: number;
  tsUs: Column<Float64Array>;
  tsFrac: Column<Uint16Array>;
  /** Series by interned key name. */
  series: Map<number, Column<Float64Array>>;
}

export class CounterCollector {
  private readonly counters: CounterBuilder[] = [];
  private readonly counterIndex = new Map<string, number>();
  private readonly counterByPidName = new Map<number, number>();
  /** Scratch (key id, value) pairs of the counter being read. */
  private readonly pairs: number[] = [];

  constructor(
    private readonly strings: ByteInterner,
    private readonly log: WarningLog,
    private readonly emptyId: number,
  ) {}

  /** Adds a C event (with a usable ts) of process `pid`; its args are in `buf`. */
  add(ev: RawEvent, pid: number, buf: Uint8Array, bufBase: number): void {
    const pairs = this.pairs;
    pairs.length = 0;
    const s = ev.argsStart - bufBase;
    const e = ev.argsEnd - bufBase;
    // Fast path: flat `{"key": number, ...}` args (every Ascend counter) without building objects.
    if (ev.argsStart < 0 || !scanNumericArgs(buf, s, e, this.strings, pairs)) {
      pairs.length = 0;
      let args: JsonValue = null;
      try {
        if (ev.argsStart >= 0) args = parseJsonBytes(buf, s, e);
      } catch {
        args = null;
      }
      if (args && typeof args === 'object' && !Array.isArray(args)) {
        for (const [k, v] of Object.entries(args)) {
          const value = toNumber(v);
          if (value !== null) pairs.push(this.strings.intern(k), value);
        }
      } else {
        this.log.add(
          'counter_without_args',
          detail(
            `C "${this.strings.strings[ev.name] ?? ''}" at byte ${ev.offset} has no args; dropped`,
            msg('reader:counter_without_args', {
              name: this.strings.strings[ev.name] ?? '',
              at: String(ev.offset),
            }),
          ),
        );
        return;
      }
    }
    const name = ev.name < 0 ? this.emptyId : ev.name;
    const c = this.counter(pid, name, ev.id);
    const row = c.tsUs.n;
    c.tsUs.push(ev.ts.us);
    c.tsFrac.push(ev.ts.fracNs);
    let filled = 0;
    for (let k = 0; k < pairs.length; k += 2) {
      const key = pairs[k]!;
      let col = c.series.get(key);
      if (!col) {
        // Series are dense (one value per sample), so their number is capped: a key per event
        // would otherwise cost samples × keys.
        if (c.series.size >= MAX_COUNTER_SERIES) {
          this.log.add(
            'counter_series_limit',
            detail(
              `C "${this.strings.strings[name]}" at byte ${ev.offset} has more than ${MAX_COUNTER_SERIES} series; the values of "${this.strings.strings[key]}" and any further series are dropped`,
              msg('reader:counter_series_limit', {
                name: this.strings.strings[name] ?? '',
                at: String(ev.offset),
                max: String(MAX_COUNTER_SERIES),
                series: this.strings.strings[key] ?? '',
              }),
            ),
          );
          continue;
        }
        col = f64(row + 16);
        col.a.fill(NaN, 0, row);
        col.n = row;
        c.series.set(key, col);
      }
      if (col.n === row) {
        col.push(pairs[k + 1]!);
        filled++;
      }
    }
    if (filled !== c.series.size) {
      for (const col of c.series.values()) if (col.n === row) col.push(NaN);
    }
    if (pairs.length === 0) {
      this.log.add(
        'counter_not_numeric',
        detail(
          `C "${this.strings.strings[name]}" at byte ${ev.offset} has no numeric value`,
          msg('reader:counter_not_numeric', {
            name: this.strings.strings[name] ?? '',
            at: String(ev.offset),
          }),
        ),
      );
    }
  }

  private counter(pid: number, name: number, id: number): CounterBuilder {
    let idx: number | undefined;
    const numKey = pid * 67108864 + name;
    if (id < 0) idx = this.counterByPidName.get(numKey);
    else idx = this.counterIndex.get(`${pid}|${name}|${id}`);
    if (idx === undefined) {
      idx = this.counters.length;
      this.counters.push({ pid, name, id, tsUs: f64(), tsFrac: u16(), series: new Map() });
      if (id < 0) this.counterByPidName.set(numKey, idx);
      else this.counterIndex.set(`${pid}|${name}|${id}`, idx);
    }
    return this.counters[idx]!;
  }

  /** The counter tracks in order of first appearance. */
  finish(): RawCounter[] {
    return this.counters.map((c): RawCounter => ({
      pid: c.pid,
      name: c.name,
      id: c.id,
      tsUs: c.tsUs.take(),
      tsFrac: c.tsFrac.take(),
      series: [...c.series].map(([key, col]) => ({
        name: this.strings.strings[key] ?? '',
        values: col.take(),
      })),
    }));
  }
}
