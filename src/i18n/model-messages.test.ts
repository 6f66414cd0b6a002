/**
 * Text the model and the import code produce reaches the interface as messages (lib/message.ts):
 * every `msg('<ns>:<key>', { params })` names a key of both languages whose placeholders are the
 * call's parameters, and what the rules, the comparison and the import report emit renders in
 * Chinese as Chinese (no English left, no placeholder left open).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { advisorAscendProfile, advisorKinetoTrace } from '../generator/advisor-scenario';
import { adviseGenerated } from '../import/advisor/test-advise';
import type { Message } from '../lib/message';
import { RULES } from '../model/advisor/engine';
import { compareProfiles } from '../model/compare/compare';
import type { Finding } from '../model/advisor/types';
import { i18n, initI18n, RESOURCES } from './index';
import { renderMessage } from './message';

const PLURAL = /_(zero|one|two|few|many|other)$/;
type Dict = Record<string, string>;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.tsx?$/.test(e) && !/\.test\.tsx?$|\/test-[^/]+\.ts$/.test(p)) out.push(p);
  }
  return out;
}

/** The forms of a key in one language: the key itself, or its plural forms. */
function forms(lang: string, id: string): string[] {
  const [ns, key] = id.split(':') as [string, string];
  const d = (RESOURCES[lang]?.[ns] ?? {}) as Dict;
  if (key in d) return [d[key]!];
  return Object.keys(d)
    .filter((k) => PLURAL.test(k) && k.replace(PLURAL, '') === key)
    .map((k) => d[k]!);
}
const holes = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);

interface Call {
  where: string;
  id: string;
  /** Parameter names, or null when the object is not a literal (spread, variable). */
  params: string[] | null;
}

/** Every msg('<ns>:<key>', {…}) call of the model, import and lib code. */
function msgCalls(): Call[] {
  const out: Call[] = [];
  for (const f of ['src/model', 'src/import', 'src/lib'].flatMap((d) => sourceFiles(d))) {
    const text = readFileSync(f, 'utf8');
    if (!text.includes('msg(')) continue;
    const sf = ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      if (
        ts.isCallExpression(n) &&
        ts.isIdentifier(n.expression) &&
        n.expression.text === 'msg' &&
        n.arguments[0] &&
        ts.isStringLiteral(n.arguments[0])
      ) {
        const arg = n.arguments[1];
        let params: string[] | null = [];
        if (arg && ts.isObjectLiteralExpression(arg)) {
          for (const p of arg.properties) {
            if (ts.isSpreadAssignment(p)) {
              params = null;
              break;
            }
            params.push(p.name.getText(sf));
          }
        } else if (arg) params = null;
        const line = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
        out.push({ where: `${f}:${line}`, id: n.arguments[0].text, params });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

const CJK = /[\u4e00-\u9fff]/;

/** A message rendered in zh-CN, with its nested messages; fails on English left or a hole. */
function expectChinese(m: Message, what: string): string {
  const text = renderMessage(m);
  expect(text, `${what}: ${m.id} left a placeholder`).not.toMatch(/\{\{|\}\}/);
  // A message the same in both languages ("Python GC", "{{name}} {{time}}") reads as it is.
  const neutral = forms('zh-CN', m.id).every((z) => forms('en', m.id).includes(z));
  if (!neutral) expect(text, `${what}: ${m.id} is not Chinese: ${text}`).toMatch(CJK);
  expect(text, `${what}: ${m.id} is the key, not a message`).not.toContain(m.id.split(':')[1]!);
  return text;
}

/** Every message of a finding: title, fix, needs, evidence labels and details. */
function findingMessages(f: Finding): [string, Message][] {
  const out: [string, Message][] = [[`${f.rule} title`, f.titleMsg]];
  if (f.fix !== '') {
    expect(f.fixMsg, `${f.rule}: a fix without a message`).toBeDefined();
    out.push([`${f.rule} fix`, f.fixMsg!]);
  }
  if (f.needs !== undefined) {
    expect(f.needsMsg, `${f.rule}: needs without a message`).toBeDefined();
    out.push([`${f.rule} needs`, f.needsMsg!]);
  }
  for (const r of f.evidence.slice(0, 20)) {
    if (r.labelMsg) out.push([`${f.rule} evidence label`, r.labelMsg]);
    if (r.detailMsg) out.push([`${f.rule} evidence detail`, r.detailMsg]);
  }
  return out;
}

/**
 * The warning codes the import and the cross-checks emit: a code given to a warning log
 * (`log.add('code', …)`, `warn('code', …)`, also as `cond ? 'a' : 'b'` or a default parameter)
 * or written as `code: 'code'`.
 */
function warningCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  const CODE = `'([a-z][a-z0-9]*(?:_[a-z0-9]+)+|empty|truncated)'`;
  const patterns = [
    new RegExp(`\\b(?:add|warn)\\(\\s*${CODE}`, 'g'),
    new RegExp(`\\b(?:add|warn)\\(\\s*[^,()]*\\? ${CODE} : ${CODE}`, 'g'),
    new RegExp(`\\bcode(?::| =)\\s*${CODE}`, 'g'),
    new RegExp(`'(check_[a-z_]+)'`, 'g'),
  ];
  for (const f of ['src/model', 'src/import'].flatMap((d) => sourceFiles(d))) {
    const text = readFileSync(f, 'utf8');
    for (const re of patterns)
      for (const m of text.matchAll(re))
        for (const c of m.slice(1)) if (c && !codes.has(c)) codes.set(c, f);
  }
  return codes;
}

/**
 * Warning examples the import code writes as a bare string (`log.add('code', \`…\`)`,
 * `warn('code', '…')`, or an object literal's `example: '…'` without an `exampleMsg` beside it):
 * each should be a `detail(english, msg(…))` so the interface can say it in its language.
 */
function bareExamples(): string[] {
  const out: string[] = [];
  const isText = (e: ts.Node | undefined) =>
    !!e &&
    (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e));
  for (const f of sourceFiles('src/import')) {
    const text = readFileSync(f, 'utf8');
    const sf = ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true);
    const where = (n: ts.Node) =>
      `${f}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        const callee = n.expression;
        const name = ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : ts.isIdentifier(callee)
            ? callee.text
            : '';
        const [code, example] = n.arguments;
        const codeLike =
          !!code && (isText(code) || ts.isConditionalExpression(code) || ts.isIdentifier(code));
        if ((name === 'add' || name === 'warn') && codeLike && isText(example))
          out.push(`${where(n)}: ${n.getText(sf).slice(0, 80)}`);
      }
      if (ts.isObjectLiteralExpression(n)) {
        const props = n.properties.filter(ts.isPropertyAssignment);
        const ex = props.find((p) => p.name.getText(sf) === 'example');
        if (ex && isText(ex.initializer) && !props.some((p) => p.name.getText(sf) === 'exampleMsg'))
          out.push(`${where(ex)}: ${ex.getText(sf).slice(0, 80)}`);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

describe('model messages', () => {
  afterAll(() => initI18n({ lang: 'en' }));

  it('names keys of both languages, with the call’s parameters as their placeholders', () => {
    const calls = msgCalls();
    expect(calls.length).toBeGreaterThan(100);
    const bad: string[] = [];
    for (const c of calls) {
      const en = forms('en', c.id);
      const zh = forms('zh-CN', c.id);
      if (en.length === 0 || zh.length === 0) {
        bad.push(`${c.where}: ${c.id} missing in ${en.length === 0 ? 'en' : 'zh-CN'}`);
        continue;
      }
      if (c.params === null) continue;
      const given = new Set(c.params);
      for (const s of [...en, ...zh])
        for (const h of holes(s))
          if (!given.has(h)) bad.push(`${c.where}: ${c.id} has {{${h}}} but no parameter ${h}`);
      const used = new Set([...en, ...zh].flatMap(holes));
      for (const p of given)
        if (p !== 'count' && !used.has(p)) bad.push(`${c.where}: ${c.id} ignores parameter ${p}`);
    }
    expect(bad).toEqual([]);
  });

  it('every reader warning example carries a message (detail(english, msg(…)))', () => {
    // Set.add / Map-like adds take one argument or a non-text second one, so they are not caught.
    expect(bareExamples()).toEqual([]);
    // The check sees a bare example when there is one.
    expect(msgCalls().filter((c) => c.id.startsWith('reader:')).length).toBeGreaterThan(100);
  });

  it('gives every import warning code a message in both languages, and no other', () => {
    const codes = warningCodes();
    expect(codes.size).toBeGreaterThan(50);
    const en = Object.keys(RESOURCES['en']!['warnings'] as Dict).sort();
    const zh = Object.keys(RESOURCES['zh-CN']!['warnings'] as Dict).sort();
    expect(zh).toEqual(en);
    const missing = [...codes].filter(([c]) => !en.includes(c)).map(([c, f]) => `${f}: ${c}`);
    expect(missing, 'warning codes without a message in locales/*/warnings.json').toEqual([]);
    expect(
      en.filter((c) => !codes.has(c)),
      'messages of codes nothing emits',
    ).toEqual([]);
  });

  it('every advisor rule’s findings render in Chinese (title, fix, needs, evidence words)', async () => {
    const reports = await Promise.all([
      adviseGenerated(advisorAscendProfile({}).files),
      adviseGenerated(
        advisorAscendProfile({
          lateLaunch: { step: 1, kernel: 2, us: 400 },
          gcPause: { step: 1, kernel: 2, us: 3000 },
          dataloaderStall: { step: 2, us: 20_000 },
          syncAfterLaunch: true,
          aicpu: { kernel: 1, us: 80 },
          smallPackets: true,
          launchBlocking: true,
          compileCalls: 30,
          freeCallUs: 20_000,
          atenOps: ['pow', 'mean', 'add', 'rsqrt', 'mul', 'mul'],
          optimizer: 'AdamW',
          hcclTaskBytes: [1000, 4096],
          freqDrop: { step: 1, kernel: 1, mhz: 1000 },
          infoJson: { aiCoreNum: 7, aivNum: 0 },
        }).files,
      ),
      adviseGenerated(advisorKinetoTrace({ gcPause: { step: 1, kernel: 2, us: 3000 } }).files),
    ]);
    initI18n({ lang: 'zh-CN' });
    const seen = new Set<string>();
    for (const { report } of reports)
      for (const f of report.findings) {
        seen.add(`${f.rule}:${f.severity}`);
        for (const [what, m] of findingMessages(f)) expectChinese(m, what);
        expect(renderMessage(f.titleMsg)).not.toBe(f.title);
      }
    // Each rule was seen, and most fired at least once (so their found() messages were rendered).
    for (const r of RULES)
      expect(
        [...seen].some((s) => s.startsWith(`${r.id}:`)),
        r.id,
      ).toBe(true);
    const fired = RULES.filter((r) =>
      ['high', 'medium', 'low'].some((s) => seen.has(`${r.id}:${s}`)),
    );
    expect(fired.length, [...seen].join(' ')).toBeGreaterThanOrEqual(12);
    expect(i18n.language).toBe('zh-CN');

    // The comparison's summary rows, on the same two profiles.
    const cmp = compareProfiles(reports[0].profile, reports[1].profile);
    expect(cmp.summary.length).toBeGreaterThan(5);
    for (const r of cmp.summary) {
      expect(expectChinese(r.labelMsg, `compare ${r.id}`)).not.toBe(r.label);
      if (r.title !== undefined) expectChinese(r.titleMsg!, `compare ${r.id} title`);
    }
  });
});
