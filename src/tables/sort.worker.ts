/** Sorts row ids by numeric keys off the main thread (see query.ts). */
import { sortOrder } from './query';
import type { SortRequest, SortResponse } from './sort-runner';

self.onmessage = (e: MessageEvent<SortRequest>) => {
  const { id, keys, dir } = e.data;
  const order = sortOrder(keys, dir);
  const res: SortResponse = { id, order };
  (self as unknown as Worker).postMessage(res, [order.buffer]);
};
