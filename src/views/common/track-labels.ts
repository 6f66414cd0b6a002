/**
 * Process, thread and track labels in the interface language: the names the model composed
 * ("Process 12", "Thread 7", "Stream 4 (overlapping)") through model/labels.ts's messages; names
 * from the data as written. The model keeps its English names for search, links and the headless
 * outputs, so a link made in one language opens in the other.
 */
import {
  processLabel,
  processLabelMsg,
  threadLabel,
  threadLabelMsg,
  trackNameMsg,
} from '../../model/labels';
import type { ProcessModel, ThreadModel, TraceModel } from '../../model/trace-model';
import { renderMessage } from '../../i18n/message';
import { t } from '../../i18n/t';

export function processTitle(p: Pick<ProcessModel, 'name' | 'pid'> | undefined): string {
  if (!p) return t('timeline:process_unknown');
  const m = processLabelMsg(p);
  return m ? renderMessage(m) : processLabel(p);
}

export function threadTitle(th: Pick<ThreadModel, 'name' | 'tid'>): string {
  const m = threadLabelMsg(th);
  return m ? renderMessage(m) : threadLabel(th);
}

/** A slice track's name ('' for none). */
export function trackTitle(tr: Pick<TraceModel, 'sliceTracks' | 'threads'>, track: number): string {
  const st = tr.sliceTracks[track];
  if (!st) return '';
  const m = trackNameMsg(tr, track);
  if (m) return renderMessage(m);
  if (st.kind === 'thread') {
    const th = tr.threads[st.thread];
    if (th && !th.name) return threadTitle(th);
  }
  return st.name;
}

/** "process › track", as the details panel and the announcements say where a slice is. */
export function trackPath(tr: TraceModel, track: number): string {
  const st = tr.sliceTracks[track];
  if (!st) return '';
  return `${processTitle(tr.processes[st.process])} › ${trackTitle(tr, track)}`;
}
