import { createContext, useContext } from 'react';
import type { ViewerController } from './viewer-controller';

export const ControllerContext = createContext<ViewerController | null>(null);

export function useController(): ViewerController {
  const c = useContext(ControllerContext);
  if (!c) throw new Error('ControllerContext is missing');
  return c;
}
