import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { cliMain } from '../src/node/cli/main';

// The command line's `query` and the browser's SQL view hold the same tables: the same queries
// on the same generated profile (fixtures/ascend/level2-rank0, written by the repo's generator)
// give the same cells — the browser's through its SQL view and CSV export, the command line's
// through the code `ascend-trace-viewer query` runs.

const PROFILE = 'fixtures/ascend/level2-rank0';

/** Every query has columns of its own, so the page shows its result by its header. */
const QUERIES = [
  // The schema itself: every table and column, generated ones included (the CLI adds `profile`).
  "SELECT m.name AS tbl, c.name AS col, c.type AS coltype FROM sqlite_master m JOIN pragma_table_xinfo(m.name) c WHERE m.type = 'table' AND m.name <> 'profile' ORDER BY m.name, c.cid",
  'SELECT (SELECT count(*) FROM slice) AS n_slice, (SELECT count(*) FROM flow) AS n_flow, (SELECT count(*) FROM counter) AS n_counter, (SELECT count(*) FROM instant) AS n_instant, (SELECT count(*) FROM kernel) AS n_kernel, (SELECT count(*) FROM step) AS n_step, (SELECT count(*) FROM track) AS n_track',
  'SELECT id AS process_id, pid, name AS process_name, labels, sort_index FROM process ORDER BY id',
  'SELECT id AS thread_id, process AS thread_process, tid, name AS thread_name FROM thread ORDER BY id',
  'SELECT name AS kernel_name, count(*) AS calls, sum(dur) AS total_ns, max(ts_abs) AS last_abs FROM kernel GROUP BY name ORDER BY total_ns DESC, name LIMIT 10',
  'SELECT * FROM step ORDER BY step',
  'SELECT id AS slice_id, track, ts AS slice_ts, ts_abs AS slice_ts_abs, dur AS slice_dur, depth, name AS slice_name, category, parent FROM slice ORDER BY id LIMIT 300',
  'SELECT f.id AS flow_row, f.from_slice, f.to_slice, f.flow_id, f.from_ts, f.to_ts_abs, a.name AS op, b.name AS launched FROM flow f JOIN slice a ON a.id = f.from_slice JOIN slice b ON b.id = f.to_slice ORDER BY f.id',
  "SELECT name AS step_slice, dur AS step_dur FROM slice WHERE name LIKE 'ProfilerStep#%' ORDER BY dur DESC LIMIT 1",
  'SELECT name AS counter_name, series, count(*) AS samples, sum(value) AS value_sum, min(ts_abs) AS first_abs FROM counter GROUP BY name, series ORDER BY name, series',
  'SELECT key AS meta_key, value AS meta_value FROM meta ORDER BY key',
];

async function cliRows(sql: string): Promise<string[][]> {
  let out = '';
  let err = '';
  const code = await cliMain(['query', PROFILE, sql], {
    out: (s) => (out += s),
    err: (s) => (err += s),
    progress: false,
  });
  expect(err).toBe('');
  expect(code).toBe(0);
  return Papa.parse<string[]>(out.replace(/\n$/, '')).data;
}

/** Runs a query in the SQL view and returns its CSV export as rows (formula quotes undone). */
async function browserRows(page: Page, sql: string, header: string[], n: number) {
  await page.getByTestId('sql-input').fill(sql);
  await page.getByTestId('sql-run').click();
  for (const col of header) await expect(page.getByTestId(`sort-${col}`)).toBeVisible();
  await expect(page.getByTestId('row-count')).toContainText(`${n.toLocaleString('en-US')} rows`);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const text = await readFile(await (await download).path(), 'utf8');
  const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, '').replace(/\r\n$/, ''), {
    newline: '\r\n',
  }).data;
  return rows.map((r) => r.map((c) => (/^'[=+\-@\t\r]/.test(c) ? c.slice(1) : c)));
}

test('the SQL view and the command line give the same results', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles(PROFILE);
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('tab-sql').click();
  await expect(page.getByTestId('sql-run')).toBeEnabled();
  for (const sql of QUERIES) {
    const expected = await cliRows(sql);
    expect(expected.length, sql).toBeGreaterThan(1);
    const got = await browserRows(page, sql, expected[0]!, expected.length - 1);
    expect(got, sql).toEqual(expected);
  }
});
