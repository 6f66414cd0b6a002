/** Opens the built-in demo profile (generated in the browser by the fixture generator). */
import type { ViewerSession } from '../session/session-context';

export async function openDemo(controller: ViewerSession): Promise<void> {
  const { demoProfileFiles } = await import('../generator/demo');
  await controller.openMemory(demoProfileFiles(), 'demo');
}
