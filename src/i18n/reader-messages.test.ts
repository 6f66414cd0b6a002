/**
 * The readers' detail sentences (warning examples, failure reasons) reach the interface as
 * messages: on generated inputs full of problems, every warning and every failure carries one,
 * its English rendering is the English the headless summary prints, and in Chinese it reads as
 * Chinese with the data (names, offsets, paths) as written. Extends model-messages.test.ts, which
 * checks the catalogs statically.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { csv, importFiles, T } from '../import/ascend/test-csv';
import { importTraceJson } from '../import/trace/import-trace-json';
import { memoryFile } from '../import/sources/input-file';
import { nothingFound } from '../import/discover';
import { traceJsonCases } from '../generator/trace-json-cases';
import { msg, type Message } from '../lib/message';
import type { TraceWarning } from '../model/trace-model';
import { summarizeProfile } from '../model/summarize-profile';
import { initI18n } from './index';
import { advisorAscendProfile } from '../generator/advisor-scenario';
import { importProfile } from '../import/import-profile';
import { openInputs } from '../import/open-inputs';
import { checkInvariants } from '../model/analysis/invariants';
import { renderMessage } from './message';

const CJK = /[\u4e00-\u9fff]/;

function render(m: Message, lang: 'en' | 'zh-CN'): string {
  initI18n({ lang });
  return renderMessage(m);
}

/** English as the headless output prints it; Chinese with no placeholder left. */
function expectBoth(what: string, english: string, m: Message | undefined): string {
  expect(m, `${what}: no message for "${english}"`).toBeDefined();
  expect(render(m!, 'en'), what).toBe(english);
  const zh = render(m!, 'zh-CN');
  expect(zh, `${what}: ${m!.id}`).not.toMatch(/\{\{|\}\}/);
  expect(zh, `${what}: ${m!.id} is not Chinese: ${zh}`).toMatch(CJK);
  return zh;
}

function expectWarnings(where: string, ws: readonly TraceWarning[]): string[] {
  return ws.map((w) => expectBoth(`${where} ${w.code}`, w.example, w.exampleMsg));
}

const O = 'r_ascend_pt/ASCEND_PROFILER_OUTPUT';

/** A folder whose every file has something wrong with it. */
const BROKEN = {
  [`${O}/trace_view.json`]: JSON.stringify([
    { ph: 'B', name: 'open', pid: 1, tid: 1, ts: 10 },
    { ph: 'E', name: 'stray', pid: 1, tid: 2, ts: 12 },
    { ph: 'X', name: 'a', pid: 1, tid: 3, ts: 20, dur: 10 },
    { ph: 'X', name: 'b', pid: 1, tid: 3, ts: 25, dur: 10 },
    { name: 'no phase', pid: 1, tid: 1, ts: 30 },
    { ph: 'X', name: 'neg', pid: 1, tid: 1, ts: 31, dur: -1 },
    { ph: 'C', name: 'ctr', pid: 1, ts: 40 },
    { ph: 's', name: 'flow', pid: 1, tid: 1, ts: 40 },
  ]),
  [`${O}/kernel_details.csv`]: csv([
    'Step Id,Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),Block Dim',
    `1,K1,T,AI_CORE,1736405443881410.320${T},oops,0,1`,
    `1,K2,T,AI_CORE,not-a-time,5,0`,
    `1,K3,T,AI_CORE,1.7364E+15,5,0,1`,
  ]),
  [`${O}/step_trace_time.csv`]: csv(['Step,Computing', '1,"unterminated']),
  [`${O}/op_statistic.csv`]: '',
  [`${O}/communication.json`]: JSON.stringify({ step1: { odd: {}, collective: 3 }, step2: 1 }),
  [`${O}/profiler_info.json`]: '[1, 2',
};

describe('reader detail messages', () => {
  afterAll(() => initI18n({ lang: 'en' }));

  it('every warning and failure of a broken folder has a message in both languages', async () => {
    const p = await importFiles(BROKEN);
    const codes = new Set<string>();
    let failures = 0;
    for (const i of p.inputs) {
      for (const w of i.warnings ?? []) codes.add(w.code);
      expectWarnings(i.path, i.warnings ?? []);
      if (i.status === 'failed') {
        failures++;
        expectBoth(`${i.path} failed`, i.reason!, i.reasonMsg);
      }
    }
    for (const c of [
      'unmatched_end',
      'unclosed_begin',
      'overlapping_slices',
      'missing_phase',
      'negative_dur',
      'counter_without_args',
      'flow_without_id',
      'bad_number',
      'bad_time',
      'short_row',
      'time_lost_precision',
      'csv_parse',
      'unknown_key',
      'bad_entry',
    ])
      expect([...codes], c).toContain(c);
    expect(failures).toBeGreaterThanOrEqual(2); // the empty CSV and the broken JSON
    // The data stays as written inside the Chinese sentence.
    const unmatched = p.inputs
      .flatMap((i) => i.warnings ?? [])
      .find((w) => w.code === 'unmatched_end')!;
    const zh = render(unmatched.exampleMsg!, 'zh-CN');
    expect(zh).toContain('"stray"');
    expect(zh).toContain('已丢弃');
    // The headless summary has no message keys, and its English is unchanged.
    initI18n({ lang: 'zh-CN' });
    const json = JSON.stringify(summarizeProfile(p));
    expect(json).not.toContain('exampleMsg');
    expect(json).not.toContain('reasonMsg');
    expect(json).toContain('matches no open B; dropped');
  });

  it('every trace JSON edge case’s warnings have messages (scanner and builder)', async () => {
    const seen = new Set<string>();
    for (const c of traceJsonCases()) {
      const m = await importTraceJson(memoryFile(c.file, c.bytes)).catch((e: unknown) => e);
      if (m instanceof Error) continue; // a file that is not a trace: covered by the failure test
      for (const w of (m as { warnings: TraceWarning[] }).warnings) seen.add(w.code);
      expectWarnings(c.name, (m as { warnings: TraceWarning[] }).warnings);
    }
    expect(seen.size).toBeGreaterThan(10);
  });

  it('the banner’s “nothing found” line, from a failed input’s reason', () => {
    const d = nothingFound('x', [
      {
        path: 'a.zip',
        kind: 'zip',
        bytes: 3,
        status: 'failed',
        reason: 'cannot inflate the archive (bad)',
        reasonMsg: msg('reader:zip_inflate', { why: 'bad' }),
      },
    ]);
    expectBoth('nothing found', d.text, d.msg);
    const none = nothingFound('', []);
    expect(expectBoth('nothing found', none.text, none.msg)).toContain('ASCEND_PROFILER_OUTPUT');
  });
  it('the cross-view checks’ examples have messages in both languages', async () => {
    const files = advisorAscendProfile().files.map((f) => memoryFile(f.path, f.data));
    const o = await openInputs(files);
    const p = await importProfile(o.discovery.profiles[0]!, o.files, {});
    // A timeline cut to a third of its length: its slices no longer fit in it.
    p.trace!.endNs = Math.floor(p.trace!.endNs / 3);
    const fails = checkInvariants(p);
    const codes = fails.map((w) => w.code);
    expect(codes).toContain('check_extent');
    const zh = expectWarnings('checks', fails);
    expect(zh.join('\n')).toContain('超出时间线范围');
  });
});
