/**
 * Details of an instant selected by click: name, category, where it was recorded, its exact time
 * (since trace start and absolute) and its args, read on demand like a slice's.
 */
import { t as tr } from '../../i18n/t';
import { useEffect, useState } from 'react';
import { useSession } from '../../session/session-context';
import type { OrderedJson } from '../../lib/json-bytes';
import { formatDuration, formatNsExact } from '../../lib/format';
import { processTitle, threadTitle } from '../../views/common/track-labels';
import type { SelectedInstant } from '../../store/selection-slice';
import { ArgsView } from './ArgsView';
import { instantTableOf } from '../core/instant-select';
import { absoluteNs, absoluteSecondsText } from '../core/time-scale';
import type { TimelineView } from '../view/timeline-view';

export function InstantDetails({ view, sel }: { view: TimelineView; sel: SelectedInstant }) {
  const controller = useSession();
  const g = view.groups.find((x) => x.profileId === sel.profileId);
  const table = g ? instantTableOf(g.trace, sel) : null;
  const ok = !!table && sel.index >= 0 && sel.index < table.length;
  const argsIndex = ok ? table.args[sel.index]! : -1;
  const [args, setArgs] = useState<{ at: number; value: OrderedJson | null } | null>(null);
  useEffect(() => {
    if (argsIndex < 0) return;
    let live = true;
    setArgs(null);
    controller.readArgs(sel.profileId, argsIndex).then(
      (value) => live && setArgs({ at: argsIndex, value }),
      () => live && setArgs({ at: argsIndex, value: null }),
    );
    return () => {
      live = false;
    };
  }, [controller, sel.profileId, argsIndex]);
  if (!g || !table || !ok)
    return <p className="muted tl-empty">{tr('timeline:the_instant_is_no_longer_shown')}</p>;
  const t = g.trace;
  const ts = table.ts[sel.index]!;
  const abs = absoluteNs(t.baseNs, ts);
  const where =
    sel.scope === 'global'
      ? tr('timeline:whole_trace')
      : sel.scope === 'process'
        ? processTitle(t.processes[sel.owner])
        : `${processTitle(t.processes[t.threads[sel.owner]!.process])} › ${threadTitle(t.threads[sel.owner]!)}`;
  return (
    <div className="tl-slice-details" data-testid="instant-details">
      <h3 className="tl-slice-name" data-testid="details-name">
        {t.strings[table.name[sel.index]!] || tr('timeline:unnamed')}{' '}
        <span className="tl-chip">{tr('timeline:instant')}</span>
      </h3>
      <div className="tl-slice-cols">
        <dl className="facts tl-facts">
          <dt>{tr('timeline:category')}</dt>
          <dd>{t.strings[table.cat[sel.index]!] || '–'}</dd>
          <dt>{tr('timeline:recorded_on')}</dt>
          <dd data-testid="instant-where">{where}</dd>
          <dt>{tr('timeline:time')}</dt>
          <dd data-testid="details-start">
            {formatDuration(ts)}{' '}
            <span className="muted">
              ({formatNsExact(ts)} {tr('timeline:since_trace_start')}
            </span>
          </dd>
          <dt>{tr('timeline:absolute_time')}</dt>
          <dd className="tl-mono">
            {abs} ns <span className="muted">{absoluteSecondsText(abs)}</span>
          </dd>
        </dl>
        <div className="tl-slice-side">
          <h4>{tr('timeline:args')}</h4>
          <div data-testid="details-args" className="tl-args-box">
            {argsIndex < 0 ? (
              <span className="muted">{tr('timeline:no_args')}</span>
            ) : !args || args.at !== argsIndex ? (
              <span className="muted">{tr('timeline:loading')}</span>
            ) : args.value === null ? (
              <span className="muted">{tr('timeline:args_could_not_be_read')}</span>
            ) : (
              <ArgsView value={args.value} />
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
