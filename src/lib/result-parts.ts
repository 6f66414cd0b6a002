/**
 * Sends a big result from a worker in pieces, so that no single message takes the page long to
 * receive: structured-clone deserialisation runs on the page's main thread, and one message
 * holding 100,000 tracks or a million table rows would block it for seconds.
 *
 *   worker: splitResult(model) → parts (slices of the big arrays) + a skeleton with placeholders
 *   page:   each part arrives as its own message (its own task); joinResult puts them back
 *
 * Arrays of more than MAX_ITEMS elements are cut (typed arrays are moved whole, they are cheap).
 * Placeholders are replaced outermost first, so the items of a joined array may hold
 * placeholders of their own.
 */

/** Elements per part: small enough to deserialise in a few milliseconds. */
export const MAX_ITEMS = 2000;

export interface ResultPart {
  /** Which placeholder this part belongs to. */
  id: number;
  items: unknown[];
}

interface Placeholder {
  __resultParts: number;
}

/** Where a placeholder sits: keys from the root. */
type Path = (string | number)[];

export interface SplitResult {
  /** The result with each big array replaced by a placeholder. */
  skeleton: unknown;
  /** Paths of the placeholders, innermost first. */
  paths: Path[];
  parts: ResultPart[];
}

function isPlain(v: unknown): v is object {
  return (
    v !== null &&
    typeof v === 'object' &&
    !ArrayBuffer.isView(v) &&
    !(v instanceof ArrayBuffer) &&
    !(typeof Blob !== 'undefined' && v instanceof Blob)
  );
}

export function splitResult(value: unknown, maxItems = MAX_ITEMS): SplitResult {
  const paths: Path[] = [];
  const parts: ResultPart[] = [];
  const walk = (v: unknown, path: Path): unknown => {
    if (!isPlain(v)) return v;
    if (Array.isArray(v)) {
      const items = v.map((x: unknown, i) => (isPlain(x) ? walk(x, [...path, i]) : x));
      if (items.length <= maxItems) return items;
      const id = paths.length;
      paths.push(path);
      for (let i = 0; i < items.length; i += maxItems)
        parts.push({ id, items: items.slice(i, i + maxItems) });
      return { __resultParts: id } satisfies Placeholder;
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = isPlain(x) ? walk(x, [...path, k]) : x;
    return out;
  };
  const skeleton = walk(value, []);
  return { skeleton, paths, parts };
}

/**
 * Joins the parts of one result as they arrive (on the page): each part's items are appended to
 * their array when its message is received, so the result message itself only puts the joined
 * arrays into the skeleton — no work per item in the task that delivers the result.
 */
export class PartsJoiner {
  private readonly byId = new Map<number, unknown[]>();

  /** Takes a received part (its items array is kept: it belongs to the received message). */
  add(part: ResultPart): void {
    const list = this.byId.get(part.id);
    if (!list) {
      this.byId.set(part.id, part.items);
      return;
    }
    for (const x of part.items) list.push(x);
  }

  /** The result: the joined arrays put into `skeleton` (a split root array is returned rebuilt). */
  finish(skeleton: unknown, paths: Path[]): unknown {
    let root = skeleton;
    for (let k = paths.length - 1; k >= 0; k--) {
      const path = paths[k]!;
      const items = this.byId.get(k) ?? [];
      if (path.length === 0) {
        root = items;
        continue;
      }
      let parent = root as Record<string | number, unknown>;
      for (let i = 0; i < path.length - 1; i++)
        parent = parent[path[i]!] as Record<string | number, unknown>;
      parent[path[path.length - 1]!] = items;
    }
    return root;
  }
}

/**
 * Puts the parts back into the skeleton (on the page). `parts` in the order they were sent;
 * a split root array is returned rebuilt. The parts are left as they were.
 */
export function joinResult(skeleton: unknown, paths: Path[], parts: ResultPart[]): unknown {
  const joiner = new PartsJoiner();
  for (const p of parts) joiner.add({ id: p.id, items: p.items.slice() });
  return joiner.finish(skeleton, paths);
}
