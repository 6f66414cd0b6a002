/**
 * A whole translated sentence with React elements in its placeholders: `messageNodes("app:some_key",
 * { files: <strong>…</strong> })` for `"This link shows a view of {{files}}. Open …"`. The
 * translator sees one sentence and may move the placeholder anywhere (Chinese word order differs),
 * instead of two fragments glued around the element.
 */
import { Fragment, type ReactNode } from 'react';
import { t } from '../i18n/t';

const MARK = '\u0000';

export function messageNodes(key: string, nodes: Record<string, ReactNode>): ReactNode[] {
  const marks = Object.fromEntries(Object.keys(nodes).map((k) => [k, `${MARK}${k}${MARK}`]));
  const parts = t(key, marks).split(MARK);
  // Even parts are text, odd parts are placeholder names.
  return parts.map((part, i) =>
    i % 2 === 0 ? part : <Fragment key={`${part}-${i}`}>{nodes[part]}</Fragment>,
  );
}
