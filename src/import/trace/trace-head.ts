/**
 * Reads `distributedInfo` from the head of a trace file without importing it, so that discovery
 * can give a folder of Kineto rank traces their ranks (Kineto writes its top-level keys, with
 * `distributedInfo`, before `traceEvents`). Only the first HEAD_BYTES decoded bytes are read; a
 * key found after `"traceEvents"` (inside an event) is ignored.
 */
import { concatBytes } from '../../lib/bytes';
import { parseJsonBytes, skipValue, skipWs, type JsonValue } from '../../lib/json-bytes';
import { decodeStream } from '../sources/decode-stream';
import type { InputFile } from '../sources/input-file';
import { distributedFacts, type DistributedFacts } from '../../model/trace-facts';

export const HEAD_BYTES = 1 << 20;

const enc = new TextEncoder();
const KEY = enc.encode('"distributedInfo"');
const EVENTS = enc.encode('"traceEvents"');

export async function readHeadDistributedInfo(file: InputFile): Promise<DistributedFacts | null> {
  const chunks: Uint8Array[] = [];
  let n = 0;
  try {
    for await (const chunk of decodeStream(file.stream(1 << 16))) {
      chunks.push(chunk);
      n += chunk.length;
      if (n >= HEAD_BYTES) break;
    }
  } catch {
    return null; // unreadable here: the import reports it
  }
  return distributedInfoIn(concatBytes(chunks));
}

/** `distributedInfo` of a trace's head bytes (before `"traceEvents"`), or null. */
export function distributedInfoIn(head: Uint8Array): DistributedFacts | null {
  const at = indexOf(head, KEY);
  if (at < 0) return null;
  const events = indexOf(head, EVENTS);
  if (events >= 0 && events < at) return null;
  let i = skipWs(head, at + KEY.length, head.length);
  if (head[i] !== 58) return null;
  i = skipWs(head, i + 1, head.length);
  const end = skipValue(head, i, head.length);
  if (end < 0) return null;
  let v: JsonValue;
  try {
    v = parseJsonBytes(head, i, end);
  } catch {
    return null;
  }
  return distributedFacts({ distributedInfo: v });
}

function indexOf(hay: Uint8Array, needle: Uint8Array): number {
  let from = 0;
  for (;;) {
    const i = hay.indexOf(needle[0]!, from);
    if (i < 0 || i + needle.length > hay.length) return -1;
    let k = 1;
    while (k < needle.length && hay[i + k] === needle[k]) k++;
    if (k === needle.length) return i;
    from = i + 1;
  }
}
