/**
 * The postMessage embedding API, for team dashboards and CI pages that show a trace in an
 * <iframe> (or a window they opened):
 *
 *   opener → viewer  { type: 'atv:ping' }                     (repeat until the pong)
 *   viewer → opener  { type: 'atv:pong', version: 1 }
 *   opener → viewer  { type: 'atv:open', buffer?: ArrayBuffer, url?: string,
 *                      fileName?: string, title?: string, state?: string }
 *   viewer → opener  { type: 'atv:opened', ok: boolean, error?: string }
 *
 * `buffer` is the file's bytes (trace JSON, .json.gz or .zip; transfer it); `url` is read like
 * `?url=` (the viewer's origin or its build-time allow-list only); `state` is a link's fragment
 * (`atv1=…`). An `atv:open` is obeyed at once only from the viewer's own origin or an origin in
 * VIEWER_ALLOWED_ORIGINS; from any other origin the user is asked first (once per origin and
 * page), and opaque origins ("null") are refused.
 */
import type { AppStore } from '../../store/app-store';
import { isObject } from '../share/notes-doc';
import type { ShareSession } from '../share/share-session';
import { decodeViewState } from '../share/view-state';
import { isTrustedOrigin } from '../url-open/origin-policy';
import type { ViewerController } from '../viewer-controller';

export const EMBED_VERSION = 1;
/** Largest buffer accepted by message (bigger traces: put them next to the viewer, send a url). */
const MAX_BUFFER = 4 * 2 ** 30;

export interface OpenMessage {
  type: 'atv:open';
  buffer?: ArrayBuffer | Uint8Array;
  url?: string;
  fileName?: string;
  title?: string;
  state?: string;
}

type Reply = (msg: unknown) => void;

export class EmbedHost {
  private confirmed = new Set<string>();
  private waiting: { origin: string; msg: OpenMessage; reply: Reply } | null = null;

  constructor(
    readonly store: AppStore,
    readonly controller: ViewerController,
    readonly share: ShareSession,
    readonly allowed: readonly string[],
  ) {}

  start(): () => void {
    window.addEventListener('message', this.onMessage);
    return () => window.removeEventListener('message', this.onMessage);
  }

  private onMessage = (e: MessageEvent) => {
    const d: unknown = e.data;
    if (!isObject(d) || typeof d['type'] !== 'string' || !d['type'].startsWith('atv:')) return;
    const source = e.source as Window | null;
    if (!source || typeof source.postMessage !== 'function') return;
    const origin = e.origin;
    const reply: Reply = (msg) => source.postMessage(msg, origin === 'null' ? '*' : origin);
    if (d['type'] === 'atv:ping') {
      reply({ type: 'atv:pong', version: EMBED_VERSION });
      return;
    }
    if (d['type'] !== 'atv:open') return;
    const msg = d as unknown as OpenMessage;
    if (origin === 'null') {
      reply({ type: 'atv:opened', ok: false, error: 'opaque origins ("null") are refused' });
      return;
    }
    if (
      isTrustedOrigin(origin, window.location.origin, this.allowed) ||
      this.confirmed.has(origin)
    ) {
      void this.open(msg, reply);
      return;
    }
    // Ask the user; a newer request replaces an unanswered one.
    this.waiting?.reply({ type: 'atv:opened', ok: false, error: 'superseded' });
    this.waiting = { origin, msg, reply };
    this.store.getState().setEmbedRequest({ origin });
  };

  /** The user's answer to the pending request. */
  answer(allow: boolean): void {
    const w = this.waiting;
    this.waiting = null;
    this.store.getState().setEmbedRequest(null);
    if (!w) return;
    if (!allow) {
      w.reply({ type: 'atv:opened', ok: false, error: 'refused by the user' });
      return;
    }
    this.confirmed.add(w.origin);
    void this.open(w.msg, w.reply);
  }

  private async open(msg: OpenMessage, reply: Reply): Promise<void> {
    const state = typeof msg.state === 'string' ? decodeViewState(msg.state) : null;
    const fileName = typeof msg.fileName === 'string' && msg.fileName ? msg.fileName : 'trace.json';
    const title = typeof msg.title === 'string' && msg.title ? msg.title.slice(0, 200) : fileName;
    try {
      if (msg.buffer instanceof ArrayBuffer || msg.buffer instanceof Uint8Array) {
        if (msg.buffer.byteLength > MAX_BUFFER) throw new Error('buffer too large');
        const name = fileName.replace(/^.*[\\/]/, '');
        const file = new File([msg.buffer as BlobPart], name);
        await this.controller.openPicked([{ path: name, file }], title);
        if (state) await this.share.apply(state);
      } else if (typeof msg.url === 'string') {
        await this.share.openFromUrl(msg.url, state);
      } else throw new Error('the message has neither a buffer nor a url');
      const st = this.store.getState();
      if (st.status === 'ready') document.title = `${title} — Ascend Trace Viewer`;
      reply({
        type: 'atv:opened',
        ok: st.status === 'ready',
        ...(st.status === 'ready' ? {} : { error: st.error ?? 'not opened' }),
      });
    } catch (e) {
      reply({ type: 'atv:opened', ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  }
}
