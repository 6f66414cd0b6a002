/** Opens the built-in demo profile (generated in the browser by the fixture generator). */
import type { ViewerController } from './viewer-controller';

export async function openDemo(controller: ViewerController): Promise<void> {
  const { demoProfileFiles } = await import('../fixtures/demo');
  await controller.openMemory(demoProfileFiles(), 'demo');
}
