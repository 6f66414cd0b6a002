/**
 * "This view has no data" with the reason: which file is missing and which profiler setting
 * writes it (PRODUCED_BY), in the context of the profile's own settings when known.
 */
import { t } from '../../i18n/t';
import { PRODUCED_BY } from '../../model/produced-by';
import type { ProfileModel } from '../../model/profile';

export interface MissingDataProps {
  profile: ProfileModel;
  /** The files this view reads, first = the main one. */
  files: readonly string[];
  /** What the view would show, e.g. "Communication". */
  what: string;
  /** Extra sentence (e.g. "A plain trace has no kernel table."). */
  hint?: string;
  /** For a plain trace: why the trace itself has nothing for this view (one line). */
  traceReason?: string;
}

/** One sentence: "communication.json is written at Level1 and above when the job communicates". */
export function producedBySentence(file: string): string {
  const how = PRODUCED_BY[file];
  return how ? `${file} is ${how}.` : `${file} was not found in this folder.`;
}

export function MissingData({ profile, files, what, hint, traceReason }: MissingDataProps) {
  const d = profile.descriptor;
  const info = profile.ascend.profilerInfo;
  const level = info?.level ?? d.level;
  const plain = d.kind === 'trace-file';
  let context = '';
  if (!plain && level) {
    context = `This profile was captured at ${level}`;
    if (info?.exportType.length) context += ` (export ${info.exportType.join(', ')})`;
    context += '.';
  }
  if (plain && traceReason) {
    return (
      <div className="missing" role="note" data-testid="missing-data">
        <p>
          {t('common:no')} {what} {t('common:data_in_this_trace')} {traceReason}.
        </p>
      </div>
    );
  }
  return (
    <div className="missing" role="note" data-testid="missing-data">
      <h2>
        {t('common:no')} {what} {t('common:data')}
      </h2>
      {plain && (
        <p>
          {t('common:this_is_a_plain_trace_file')} {what}{' '}
          {t('common:view_reads_an_ascend_profiler_folder')}
          <code>{t('common:ascend_pt_ascend_profiler_output')}</code>
          {t('common:open_the_whole_folder_to_see')}
        </p>
      )}
      <p hidden={plain}>
        {t('common:this_folder_has_no')} <code>{files[0]}</code>
        {files.length > 1 && (
          <>
            {' '}
            {t('common:nor')}{' '}
            {files.slice(1).map((f, i) => (
              <span key={f}>
                {i > 0 && ', '}
                <code>{f}</code>
              </span>
            ))}
            )
          </>
        )}
        .
      </p>
      <ul>
        {files.map((f) => (
          <li key={f}>{producedBySentence(f)}</li>
        ))}
      </ul>
      {context && <p className="muted">{context}</p>}
      {hint && <p className="muted">{hint}</p>}
    </div>
  );
}
