/**
 * The SQL console: read-only SQL over the loaded trace exposed as tables (slice, thread, process,
 * flow, counter, kernel, step, …; times as integer ns) and over the profile's own .db files,
 * attached under aliases. Queries run in a worker and can be cancelled; results land in the same
 * virtualised table as every view, with CSV export; errors are shown inline.
 */
import { t } from '../../i18n/t';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { QueryResult } from '../../import/db/sql-console';
import type { SqlOpenResult } from '../../import/worker-protocol';
import type { TextTable } from '../../model/profile';
import { formatCount } from '../../lib/format';
import { useSession } from '../../session/session-context';
import { selectActiveProfile } from '../../store/selectors';
import { useAppStore } from '../../store/use-app-store';
import { textGridColumns } from '../../tables/text-columns';
import { TableToolbar } from '../common/TableToolbar';
import { useTableView } from '../common/use-table-view';
import { ViewTable } from '../common/ViewTable';
import '../views.css';
import './sql.css';

const LIMIT = 100_000;

type ConsoleState =
  { kind: 'opening' } | { kind: 'ready'; info: SqlOpenResult } | { kind: 'failed'; error: string };

export function SqlView() {
  const profile = useAppStore(selectActiveProfile);
  const controller = useSession();
  const [consoleState, setConsoleState] = useState<ConsoleState>({ kind: 'opening' });
  const [sql, setSql] = useState('');
  const [running, setRunning] = useState<{ cancel: () => void } | null>(null);
  const [result, setResult] = useState<QueryResult | null>(null);
  const profileId = profile?.descriptor.id ?? null;

  const open = useCallback(() => {
    if (profileId === null) return Promise.resolve(null);
    setConsoleState({ kind: 'opening' });
    return controller.sql.open(profileId).then(
      (info) => {
        setConsoleState({ kind: 'ready', info });
        return info;
      },
      (e: unknown) => {
        setConsoleState({ kind: 'failed', error: e instanceof Error ? e.message : String(e) });
        return null;
      },
    );
  }, [controller, profileId]);

  useEffect(() => {
    void open().then((info) => {
      if (info) setSql((cur) => cur || (info.examples[0]?.sql ?? 'SELECT * FROM process'));
    });
  }, [open]);

  const run = useCallback(
    async (text: string) => {
      if (!text.trim() || running) return;
      if (controller.sql.profile !== profileId && !(await open())) return;
      const handle = controller.sql.run(text, LIMIT);
      setRunning(handle);
      try {
        setResult(await handle.promise);
      } catch (e) {
        const cancelled = controller.sql.profile === null;
        setResult({
          ok: false,
          error: cancelled ? t('sql:query_cancelled') : e instanceof Error ? e.message : String(e),
          ms: 0,
        });
      } finally {
        setRunning(null);
      }
    },
    [controller, open, profileId, running],
  );

  if (!profile) return null;
  return (
    <div className="view sql-view" data-testid="sql-view">
      <header className="view-header">
        <h1>SQL</h1>
        <span className="muted">
          {t('sql:read_only_sql_over_this_profile')}
          {consoleState.kind === 'ready' && consoleState.info.attached.length > 0
            ? ` ${t('sql:and')} ${consoleState.info.attached.length} ${t('sql:attached_database')}${consoleState.info.attached.length > 1 ? 's' : ''}`
            : ''}

          {t('sql:times_are_integer_ns_since_the')}
          <code>{t('sql:ts_abs')}</code>
          {t('sql:exact_epoch_ns')}
        </span>
      </header>
      <div className="sql-body">
        <aside className="sql-schema" aria-label={t('sql:tables')}>
          {consoleState.kind === 'ready' && (
            <Schema info={consoleState.info} onPick={(s) => setSql(s)} />
          )}
          {consoleState.kind === 'opening' && <p className="muted">{t('sql:preparing_tables')}</p>}
          {consoleState.kind === 'failed' && (
            <p className="sql-error" role="alert">
              {consoleState.error}
            </p>
          )}
        </aside>
        <section className="sql-main">
          <div className="sql-editor">
            <textarea
              data-testid="sql-input"
              aria-label={t('sql:sql_query')}
              spellCheck={false}
              value={sql}
              onChange={(e) => setSql(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  void run(sql);
                }
              }}
            />
            <div className="sql-actions">
              <button
                type="button"
                className="button"
                data-testid="sql-run"
                disabled={running !== null || consoleState.kind === 'opening'}
                onClick={() => void run(sql)}
              >
                {t('sql:run')} <span className="kbd-hint">{t('sql:ctrl_enter')}</span>
              </button>
              {running && (
                <button
                  type="button"
                  className="button subtle"
                  data-testid="sql-cancel"
                  onClick={() => running.cancel()}
                >
                  {t('sql:cancel')}
                </button>
              )}
              {consoleState.kind === 'ready' && (
                <select
                  className="sql-examples"
                  aria-label={t('sql:example_queries')}
                  data-testid="sql-examples"
                  value=""
                  onChange={(e) => {
                    const q = e.currentTarget.value;
                    if (!q) return;
                    setSql(q);
                    void run(q);
                  }}
                >
                  <option value="">{t('sql:example_queries_2')}</option>
                  {consoleState.info.examples.map((ex) => (
                    <option key={ex.title} value={ex.sql}>
                      {ex.title}
                    </option>
                  ))}
                </select>
              )}
              {consoleState.kind === 'ready' &&
                consoleState.info.problems.map((p) => (
                  <span key={p} className="warning">
                    {p}
                  </span>
                ))}
            </div>
          </div>
          {running && <p className="muted">{t('sql:running')}</p>}
          {result && !result.ok && (
            <pre className="sql-error" role="alert" data-testid="sql-error">
              {result.error}
            </pre>
          )}
          {result?.ok && <ResultTable result={result} />}
        </section>
      </div>
    </div>
  );
}

function Schema({ info, onPick }: { info: SqlOpenResult; onPick: (sql: string) => void }) {
  return (
    <>
      <h2>{t('sql:trace_tables')}</h2>
      {info.tables.map((t) => (
        <SchemaEntry
          key={t.name}
          name={t.name}
          doc={t.doc}
          onQuery={() => onPick(`SELECT * FROM ${t.name} LIMIT 100`)}
        >
          {t.columns.map((c) => (
            <li key={c.name}>
              <code>{c.name}</code> <span className="muted">{c.type}</span>
              {c.doc ? <span className="muted"> · {c.doc}</span> : null}
            </li>
          ))}
        </SchemaEntry>
      ))}
      {info.attached.map((db) => (
        <div key={db.alias}>
          <h2>
            <code>{db.alias}</code>{' '}
            <span className="muted">{db.path.slice(db.path.lastIndexOf('/') + 1)}</span>
          </h2>
          {db.tables.map((t) => (
            <SchemaEntry
              key={t.name}
              name={t.name}
              onQuery={() => onPick(`SELECT * FROM ${db.alias}.${t.name} LIMIT 100`)}
            >
              {t.columns.map((c) => (
                <li key={c}>
                  <code>{c}</code>
                </li>
              ))}
            </SchemaEntry>
          ))}
        </div>
      ))}
    </>
  );
}

/**
 * One table of the schema: a disclosure button for its columns beside the button that queries
 * it (two controls side by side; a button inside a <summary> is a control inside a control).
 */
function SchemaEntry(props: {
  name: string;
  doc?: string;
  onQuery: () => void;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div className="sql-table-doc">
      <button
        type="button"
        className="disclosure"
        aria-expanded={open}
        aria-label={t('sql:columns_of', { name: props.name })}
        onClick={() => setOpen(!open)}
      >
        {open ? '▾' : '▸'}
      </button>
      <button type="button" className="link" onClick={props.onQuery}>
        {props.name}
      </button>
      {props.doc ? <span className="muted"> {props.doc}</span> : null}
      {open && <ul>{props.children}</ul>}
    </div>
  );
}

function cellText(v: string | number | null): string {
  return v === null ? '' : typeof v === 'string' ? v : String(v);
}

function ResultTable({ result }: { result: Extract<QueryResult, { ok: true }> }) {
  const grid: TextTable = useMemo(
    () => ({
      path: 'query',
      header: result.columns,
      rows: result.rows.map((r) => r.map(cellText)),
    }),
    [result],
  );
  const columns = useMemo(() => textGridColumns(grid), [grid]);
  const view = useTableView({ id: 'sql:result', data: grid, columns, rowCount: grid.rows.length });
  return (
    <>
      <TableToolbar
        view={view}
        noun="rows"
        exportName="query"
        noRangeReason="query results are not placed on the timeline"
        countText={`${formatCount(grid.rows.length)} ${t('sql:rows')}${result.truncated ? ` ${t('sql:first_n', { n: formatCount(LIMIT) })}` : ''} · ${Math.round(result.ms)} ms`}
      />
      <ViewTable
        ariaLabel={t('sql:query_result')}
        testId="sql-result"
        view={view}
        emptyText={t('sql:the_query_returned_no_rows')}
      />
    </>
  );
}
