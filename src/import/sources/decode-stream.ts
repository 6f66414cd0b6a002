/**
 * Turns a file's raw bytes into a UTF-8 byte stream: gunzips (streaming fflate, so multi-member
 * gzip works), transcodes UTF-16 with a BOM, and refuses zstd with a clear message.
 * Reports how many raw bytes were read so progress can be shown against the file size.
 */
import { Gunzip } from 'fflate';
import { detail, MessageError, msg } from '../../lib/message';

export type Encoding = 'utf-8' | 'gzip' | 'utf-16le' | 'utf-16be';

export class UnsupportedEncodingError extends MessageError {}

export function sniffEncoding(head: Uint8Array): Encoding | 'zstd' {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** Limits that stop decompression bombs: output size and output/input ratio. */
export interface InflateLimits {
  maxBytes: number;
  maxRatio: number;
}

export const DEFAULT_INFLATE_LIMITS: InflateLimits = { maxBytes: 16 * 2 ** 30, maxRatio: 1000 };

export class DecompressionBombError extends MessageError {}

/**
 * The compressed data is damaged or cut short. Everything yielded before it is good: readers
 * keep it and report this as a warning.
 */
export class CorruptStreamError extends MessageError {}

export async function* decodeStream(
  raw: AsyncIterable<Uint8Array>,
  onRawBytes: (n: number) => void = () => {},
  limits: InflateLimits = DEFAULT_INFLATE_LIMITS,
): AsyncGenerator<Uint8Array> {
  const it = raw[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  let head = first.value;
  while (head.length < 4) {
    // The magic bytes may arrive split over tiny chunks.
    const r = await it.next();
    if (r.done) break;
    const joined = new Uint8Array(head.length + r.value.length);
    joined.set(head);
    joined.set(r.value, head.length);
    head = joined;
  }
  const enc = sniffEncoding(head);
  if (enc === 'zstd')
    throw new UnsupportedEncodingError(
      detail(
        'zstd-compressed input is not supported; decompress it first (zstd -d)',
        msg('reader:zstd_unsupported'),
      ),
    );
  async function* rest(): AsyncGenerator<Uint8Array> {
    onRawBytes(head.length);
    yield head;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      onRawBytes(r.value.length);
      yield r.value;
    }
  }
  if (enc === 'utf-8') {
    yield* rest();
    return;
  }
  if (enc === 'gzip') {
    let out: Uint8Array[] = [];
    let inBytes = 0;
    let outBytes = 0;
    const gz = new Gunzip((chunk) => {
      out.push(chunk);
      outBytes += chunk.length;
    });
    const inflate = (c: Uint8Array, final: boolean) => {
      try {
        gz.push(c, final);
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        throw new CorruptStreamError(
          detail(
            `gzip data is corrupt or cut short (${why}) within its first ${inBytes} bytes; the ${outBytes} bytes inflated before that are read`,
            msg('reader:gzip_corrupt', {
              why,
              inBytes: String(inBytes),
              outBytes: String(outBytes),
            }),
          ),
          { cause: e },
        );
      }
    };
    for await (const c of rest()) {
      inBytes += c.length;
      inflate(c, false);
      if (
        outBytes > limits.maxBytes ||
        (outBytes > 64 << 20 && outBytes > inBytes * limits.maxRatio)
      ) {
        throw new DecompressionBombError(
          detail(
            `gzip expands beyond the limit (${outBytes} bytes from ${inBytes}); refusing to inflate further`,
            msg('reader:gzip_bomb', {
              outBytes: String(outBytes),
              inBytes: String(inBytes),
            }),
          ),
        );
      }
      const ready = out;
      out = [];
      yield* ready;
    }
    const ready = out;
    out = [];
    yield* ready;
    inflate(new Uint8Array(0), true);
    yield* out;
    return;
  }
  const decoder = new TextDecoder(enc);
  const encoder = new TextEncoder();
  for await (const c of rest()) {
    const text = decoder.decode(c, { stream: true });
    if (text) yield encoder.encode(text);
  }
  const tail = decoder.decode();
  if (tail) yield encoder.encode(tail);
}
