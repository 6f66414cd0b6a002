/**
 * The one way components reach the session layer: `useSession()` returns what the page can do
 * (open, import, cluster, SQL, advisor, args), and nothing below the app needs to know who
 * implements it (app/viewer-controller.ts composes the sessions of this folder).
 */
import { createContext, useContext } from 'react';
import type { OrderedJson } from '../lib/json-bytes';
import type { ClusterSession } from './cluster-session';
import type { ImportSession } from './import-session';
import type { SqlSession } from './sql-session';

type PublicOf<T> = { [K in keyof T]: T[K] };

export interface ViewerSession
  extends PublicOf<ImportSession>, Omit<PublicOf<ClusterSession>, 'stop'> {
  /** The SQL console (its own worker, so a query can be cancelled). */
  readonly sql: SqlSession;
  /** Runs the advisor on a profile in the import worker and stores the report. */
  advise(profileId: string): Promise<void>;
  /** Decodes the args of a slice/instant on demand. */
  readArgs(profileId: string, argsIndex: number): Promise<OrderedJson | null>;
}

export const SessionContext = createContext<ViewerSession | null>(null);

export function useSession(): ViewerSession {
  const s = useContext(SessionContext);
  if (!s) throw new Error('SessionContext is missing');
  return s;
}
