/**
 * Runs the advisor on a profile in the import worker (which kept the profile's advisor inputs at
 * import) with the store's thresholds, and stores the report (loading → ready | error).
 */
import type { ImportProtocol } from '../import/worker-protocol';
import type { AppStore } from '../store/app-store';
import type { WorkerClient } from './worker-client';

export async function runAdvisor(
  store: AppStore,
  client: WorkerClient<ImportProtocol>,
  profileId: string,
): Promise<void> {
  const st = store.getState();
  const trace = st.profiles[profileId]?.trace ?? null;
  const asked = st.advisorThresholds;
  st.setAdvice(profileId, { status: 'loading', trace, asked });
  try {
    const report = await client.call('advisor:run', { profileId, thresholds: asked }).promise;
    store.getState().setAdvice(profileId, { status: 'ready', trace, asked, report });
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    store.getState().setAdvice(profileId, { status: 'error', trace, asked, error });
  }
}
