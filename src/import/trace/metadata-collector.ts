/**
 * The collect phase's M events: process_name, process_labels, process_sort_index, thread_name
 * and thread_sort_index, last write wins. Any other M kind is only counted.
 */
import type { ByteInterner } from '../json/byte-interner';
import { parseJsonBytes, type JsonValue } from '../../lib/json-bytes';
import type { RawEvent } from '../json/raw-event';
import { stringArg, toNumber } from './arg-values';
import type { RawTraceParts } from './raw-parts';
import type { WarningLog } from './warning-log';
import { detail, msg } from '../../lib/message';

type ProcessMeta = RawTraceParts['processMeta'][number];
type ThreadMeta = RawTraceParts['threadMeta'][number];

export class MetadataCollector {
  private readonly processMeta = new Map<number, ProcessMeta>();
  private readonly threadMeta = new Map<number, ThreadMeta>();

  constructor(
    private readonly strings: ByteInterner,
    private readonly log: WarningLog,
    private readonly emptyId: number,
  ) {}

  /**
   * Reads an M event of process `pid`; its args are in `buf`. Returns whether it described the
   * process or one of its threads (the process then counts as seen).
   */
  add(ev: RawEvent, pid: number, buf: Uint8Array, bufBase: number): boolean {
    const kind = this.strings.strings[ev.name] ?? '';
    let args: JsonValue = null;
    if (ev.argsStart >= 0) {
      try {
        args = parseJsonBytes(buf, ev.argsStart - bufBase, ev.argsEnd - bufBase);
      } catch {
        this.log.add(
          'bad_metadata_args',
          detail(
            `M "${kind}" at byte ${ev.offset} has malformed args`,
            msg('reader:bad_metadata_args', { kind, at: String(ev.offset) }),
          ),
        );
        return false;
      }
    }
    const obj = args && typeof args === 'object' && !Array.isArray(args) ? args : {};
    switch (kind) {
      case 'process_name':
      case 'process_labels':
      case 'process_sort_index': {
        const m = this.processMeta.get(pid) ?? { pid };
        if (kind === 'process_name') m.name = stringArg(obj['name']);
        else if (kind === 'process_labels') m.labels = stringArg(obj['labels']);
        else m.sortIndex = toNumber(obj['sort_index'] ?? null) ?? undefined;
        this.processMeta.set(pid, m);
        return true;
      }
      case 'thread_name':
      case 'thread_sort_index': {
        const tid = ev.tid < 0 ? this.emptyId : ev.tid;
        const key = pid * 67108864 + tid;
        const m = this.threadMeta.get(key) ?? { pid, tid };
        if (kind === 'thread_name') m.name = stringArg(obj['name']);
        else m.sortIndex = toNumber(obj['sort_index'] ?? null) ?? undefined;
        this.threadMeta.set(key, m);
        return true;
      }
      default:
        this.log.add(
          'metadata_other',
          detail(
            `M "${kind}" is kept as a count only`,
            msg('reader:metadata_count_only', { kind }),
          ),
        );
        return false;
    }
  }

  finish(): Pick<RawTraceParts, 'processMeta' | 'threadMeta'> {
    return {
      processMeta: [...this.processMeta.values()],
      threadMeta: [...this.threadMeta.values()],
    };
  }
}
