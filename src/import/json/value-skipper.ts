/**
 * Skips one JSON value fed in chunks without keeping its bytes: what the trace scanner does with
 * a value too large to buffer (a top-level `systemTraceEvents` string of hundreds of MB, an event
 * that never closes). It only tracks string/escape state and bracket depth, so it is lenient: a
 * malformed value ends at its matching bracket, or at the end of the input.
 */
export class ValueSkipper {
  private depth = 0;
  private inString = false;
  private escape = false;
  /** Bytes consumed so far. */
  bytes = 0;

  /**
   * Consumes buf[i, end). Returns the index just after the value, or -1 when the value goes on
   * past `end` (feed the next chunk).
   */
  feed(buf: Uint8Array, i: number, end: number): number {
    const from = i;
    for (; i < end; i++) {
      const c = buf[i]!;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 92 /* \ */) this.escape = true;
        else if (c === 34 /* " */) {
          this.inString = false;
          if (this.depth === 0) return this.done(from, i + 1);
        }
        continue;
      }
      if (c === 34) this.inString = true;
      else if (c === 123 || c === 91) this.depth++;
      else if (c === 125 || c === 93) {
        this.depth--;
        if (this.depth <= 0) return this.done(from, i + 1);
      } else if (this.depth === 0 && (c === 44 || c === 32 || c === 10 || c === 13 || c === 9)) {
        return this.done(from, i); // end of a scalar
      }
    }
    this.bytes += end - from;
    return -1;
  }

  private done(from: number, at: number): number {
    this.bytes += at - from;
    return at;
  }
}
