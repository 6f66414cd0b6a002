/** The page's ShareSession (links, markers, sidecars), for the shell's components. */
import { createContext, useContext } from 'react';
import type { ShareSession } from './share-session';

export const ShareContext = createContext<ShareSession | null>(null);

export function useShare(): ShareSession {
  const s = useContext(ShareContext);
  if (!s) throw new Error('ShareContext missing');
  return s;
}
