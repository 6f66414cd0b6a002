/**
 * The page's session: the sessions of src/session/ composed into the one object components reach
 * through the session context (import, cluster, SQL, advisor, args), with what they need from the
 * app and the timeline handed in here.
 */
import type { ImportProtocol } from '../import/worker-protocol';
import { readArgsOf } from '../session/args-reader';
import { runAdvisor } from '../session/advisor-session';
import { ClusterSession } from '../session/cluster-session';
import { ImportSession } from '../session/import-session';
import type { ViewerSession } from '../session/session-context';
import { SqlSession } from '../session/sql-session';
import type { WorkerClient } from '../session/worker-client';
import type { AppStore } from '../store/app-store';
import { navigateToSlices } from '../timeline/core/navigation';
import { NOTES_SUFFIX } from './url-open/manifest';

export class ViewerController extends ImportSession implements ViewerSession {
  readonly cluster: ClusterSession;
  readonly sql: SqlSession;

  constructor(store: AppStore, client: WorkerClient<ImportProtocol>) {
    let cluster: ClusterSession | null = null;
    super(store, client, {
      onOpen: () => cluster?.stop(),
      onCluster: () => void cluster?.clusterOverview(),
      isSidecar: (path) => path.toLowerCase().endsWith(NOTES_SUFFIX),
    });
    this.cluster = cluster = new ClusterSession(this, navigateToSlices);
    this.sql = new SqlSession(
      (id) => this.store.getState().profiles[id],
      (path) => this.fileOf(path),
    );
  }

  advise(profileId: string): Promise<void> {
    return runAdvisor(this.store, this.client, profileId);
  }

  readArgs(profileId: string, argsIndex: number) {
    return readArgsOf(this.store, (path) => this.fileOf(path), profileId, argsIndex);
  }

  clusterOverview: ClusterSession['clusterOverview'] = () => this.cluster.clusterOverview();
  openRanks: ClusterSession['openRanks'] = (ids, opts) => this.cluster.openRanks(ids, opts);
  highlightCollective: ClusterSession['highlightCollective'] = (c, focus) =>
    this.cluster.highlightCollective(c, focus);
  frameStep: ClusterSession['frameStep'] = (step) => this.cluster.frameStep(step);
  closeRank: ClusterSession['closeRank'] = (id) => this.cluster.closeRank(id);
  closeAllRanks: ClusterSession['closeAllRanks'] = () => this.cluster.closeAllRanks();
  realign: ClusterSession['realign'] = () => this.cluster.realign();
}
