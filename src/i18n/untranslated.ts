/**
 * Finds user-visible string literals in component files that are not messages: JSX text, string
 * values of the attributes a person reads (title, aria-label, placeholder, alt, label…), string
 * literals rendered as JSX children (also through `?:` and `&&`), and `label`/`title`/`header`
 * properties of object literals. Used by untranslated.test.ts; Node only (TypeScript compiler API).
 *
 * Not reported: text with no letters ("·", "×", "–", "%"), units and symbols on their own, and a
 * line (or the line above it) carrying the comment `i18n-ignore` (data-derived or fixed names).
 */
import ts from 'typescript';

export interface Untranslated {
  file: string;
  line: number;
  text: string;
}

const ATTRS = new Set([
  'title',
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'placeholder',
  'alt',
  'label',
  'emptyText',
  'empty',
  'caption',
  'summary',
  'tooltip',
  'hint',
  'heading',
]);
const PROPS = new Set([
  'label',
  'title',
  'header',
  'tooltip',
  'description',
  'placeholder',
  'hint',
]);
/** Props a component renders as text: `ariaLabel`, `linkLabel`, `filterPlaceholder`, `emptyText`… */
const TEXT_NAME = /(?:Label|Title|Placeholder|Text|Hint|Caption|Heading|Tooltip|Noun|Message)$/;
const isTextAttr = (name: string) => ATTRS.has(name) || TEXT_NAME.test(name);
const isTextProp = (name: string) => PROPS.has(name) || TEXT_NAME.test(name);

/** Words that read the same in every language: units, symbols, fixed names. */
const FIXED = new Set(
  'ns µs us ms B KB MB GB TB GB/s MB/s MHz Δ x y SQL CSV JSON ID AI CPU NPU GPU HCCL'.split(' '),
);
/** Letters, and not only units / symbols / fixed names ("(µs)", "Δ", "ms"). */
export function isUserText(raw: string): boolean {
  const words = raw.split(/[^\p{L}/]+/u).filter((w) => /\p{L}/u.test(w));
  return words.some((w) => !FIXED.has(w));
}

function ignored(sf: ts.SourceFile, node: ts.Node, lines: string[]): boolean {
  const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
  return /i18n-ignore/.test(lines[line] ?? '') || /i18n-ignore/.test(lines[line - 1] ?? '');
}

function stringOf(e: ts.Expression): ts.StringLiteralLike | null {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e;
  return null;
}

/** String literals an expression may evaluate to when rendered (through ?:, &&, ||, ??, ()). */
function renderedStrings(e: ts.Expression): ts.Node[] {
  const s = stringOf(e);
  if (s) return [s];
  if (ts.isTemplateExpression(e)) return [e.head, ...e.templateSpans.map((x) => x.literal)];
  if (ts.isParenthesizedExpression(e)) return renderedStrings(e.expression);
  if (ts.isConditionalExpression(e))
    return [...renderedStrings(e.whenTrue), ...renderedStrings(e.whenFalse)];
  if (ts.isBinaryExpression(e)) {
    const k = e.operatorToken.kind;
    if (k === ts.SyntaxKind.AmpersandAmpersandToken) return renderedStrings(e.right);
    if (k === ts.SyntaxKind.BarBarToken || k === ts.SyntaxKind.QuestionQuestionToken)
      return [...renderedStrings(e.left), ...renderedStrings(e.right)];
    if (k === ts.SyntaxKind.PlusToken)
      return [...renderedStrings(e.left), ...renderedStrings(e.right)];
  }
  return [];
}

function textOf(n: ts.Node, sf: ts.SourceFile): string {
  if (ts.isStringLiteralLike(n)) return n.text;
  if (ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) return n.text;
  if (ts.isJsxText(n)) return n.text;
  return n.getText(sf);
}

export function findUntranslated(file: string, source: string): Untranslated[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const lines = source.split('\n');
  const out: Untranslated[] = [];
  const report = (n: ts.Node) => {
    const text = textOf(n, sf);
    if (!isUserText(text) || ignored(sf, n, lines)) return;
    const line = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    out.push({ file, line, text: text.replace(/\s+/g, ' ').trim() });
  };
  const visit = (n: ts.Node): void => {
    if (ts.isJsxText(n)) report(n);
    else if (ts.isJsxAttribute(n) && n.initializer) {
      const name = n.name.getText(sf);
      if (isTextAttr(name)) {
        const init = n.initializer;
        if (ts.isStringLiteral(init)) report(init);
        else if (ts.isJsxExpression(init) && init.expression)
          renderedStrings(init.expression).forEach(report);
      }
    } else if (ts.isJsxExpression(n) && n.expression && !ts.isJsxAttribute(n.parent))
      renderedStrings(n.expression).forEach(report);
    else if (
      ts.isPropertyAssignment(n) &&
      isTextProp(n.name.getText(sf).replace(/['"]/g, '')) &&
      !ts.isJsxAttribute(n.parent)
    )
      renderedStrings(n.initializer).forEach(report);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
