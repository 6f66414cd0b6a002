/**
 * Runs opened beside the first one ("Compare with…") in a link: their fingerprints travel with
 * the first run's (`src.also`), and a link that names them asks for them on reopen, one after
 * the other, opens each beside what is open, checks it, says what differs, and applies the view
 * again once the last is in (its compare pair names their profiles).
 */
import type { AppStore } from '../../store/app-store';
import { describePicked, type PickedFile } from '../../session/read-dropped-items';
import type { ViewerController } from '../viewer-controller';
import {
  describeFingerprint,
  fingerprintDiff,
  fingerprintFiles,
  type Fingerprint,
} from './fingerprint';
import type { ViewState } from './view-state';

type Entry = ViewerController['alongside'][number];

export class AlongsideRuns {
  /** Fingerprints of the runs opened alongside, in the order they were opened. */
  fps: Fingerprint[] = [];
  private hashed: Entry[] = [];
  private queue: Promise<void> = Promise.resolve();
  /** A link's runs still to open (from `next`), and its view to apply once they are. */
  private want: { list: Fingerprint[]; next: number; state: ViewState } | null = null;

  constructor(
    readonly store: AppStore,
    readonly controller: ViewerController,
    private readonly apply: (v: ViewState) => Promise<void>,
  ) {}

  /** Fingerprints what was opened alongside since the last call (after each open). */
  sync(): Promise<void> {
    this.queue = this.queue.then(() => this.hashNew());
    return this.queue;
  }

  private async hashNew(): Promise<void> {
    const list = this.controller.alongside;
    if (list.length < this.hashed.length || this.hashed.some((e, i) => list[i] !== e)) {
      // Something else was opened meanwhile.
      this.hashed = [];
      this.fps = [];
    }
    for (let i = this.hashed.length; i < list.length; i++) {
      const e = list[i]!;
      const fp = await fingerprintFiles(e.name, e.files);
      if (this.controller.alongside[i] !== e) return;
      this.hashed.push(e);
      this.fps.push(fp);
    }
  }

  /** After a link's first run is open: asks for the runs it compares with, if any. */
  expect(state: ViewState): void {
    const list = state.src?.also ?? [];
    this.want = list.length > 0 ? { list, next: 0, state } : null;
    this.prompt();
  }

  private prompt(): void {
    const w = this.want;
    const fp = w ? w.list[w.next] : undefined;
    this.store
      .getState()
      .setPendingLink(
        fp ? { prompt: describeFingerprint(fp), mismatch: null, alongside: true } : null,
      );
  }

  /** The user skipped the runs still asked for: the view stays as applied. */
  skip(): void {
    this.want = null;
    this.prompt();
  }

  /** Opens the files the prompt asked for beside what is open, checks them, applies the view. */
  async open(files: PickedFile[]): Promise<void> {
    const w = this.want;
    const want = w?.list[w.next];
    if (!w || !want || files.length === 0) return;
    this.store.getState().setPendingLink(null);
    await this.controller.openAlongside(files, describePicked(files));
    await this.sync();
    const got = this.fps[this.fps.length - 1];
    const diff = got ? fingerprintDiff(want, got) : 'they could not be read.';
    this.store
      .getState()
      .setShareMessage(
        diff
          ? `The compared run ${want.name}: ${diff}`
          : `The compared run ${want.name} matches the link: view restored.`,
      );
    w.next++;
    if (w.next < w.list.length) {
      this.prompt();
      return;
    }
    this.want = null;
    await this.apply(w.state);
  }
}
