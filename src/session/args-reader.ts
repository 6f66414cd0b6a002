/**
 * The args reader: decodes the args of a slice or instant on demand (import/trace/args-read.ts),
 * from the profile's arena or from the opened file the args were left in.
 */
import type { OrderedJson } from '../lib/json-bytes';
import { readArgs } from '../import/trace/args-read';
import type { AppStore } from '../store/app-store';

export function readArgsOf(
  store: AppStore,
  fileOf: (path: string) => Blob | undefined,
  profileId: string,
  argsIndex: number,
): Promise<OrderedJson | null> {
  const trace = store.getState().profiles[profileId]?.trace;
  return trace ? readArgs(trace.args, argsIndex, fileOf) : Promise.resolve(null);
}
