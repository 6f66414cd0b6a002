/**
 * Args, pretty-printed as text (trace data is untrusted: never HTML), keys in file order (args
 * arrive with objects as Maps, so `{"b":1,"10":3,"9":4}` stays b, 10, 9). Objects become nested
 * definition lists; multi-line strings such as call stacks ("a;\r\nb;\r\nc" or "a\nb") become
 * numbered lists.
 */
import { t } from '../../i18n/t';
import type { JsonValue, OrderedJson } from '../../lib/json-bytes';
import { shortHash } from '../../lib/format';

/** Args as parsed for display (objects as Maps in file order) or as plain JSON values. */
type ArgValue = OrderedJson | JsonValue;

/** A long id / hash shown short, the full value on hover (title) and copied whole (select all). */
function MaybeHash({ text, className }: { text: string; className: string }) {
  const short = shortHash(text);
  if (!short) return <span className={className}>{text}</span>;
  return (
    <span className={`${className} tl-hash`} title={text} data-full={text} data-testid="short-hash">
      <span aria-hidden="true">{short}</span>
      <span className="tl-hash-full">{text}</span>
    </span>
  );
}

/** Lines of a multi-line string (call stacks), or null for a one-line string. */
export function splitMultiline(s: string): string[] | null {
  if (!s.includes('\n')) return null;
  const lines = s
    .split(/\r?\n/)
    .map((l) => l.replace(/;\s*$/, '').replace(/\r$/, ''))
    .filter((l, i, all) => l.length > 0 || i < all.length - 1);
  return lines.length > 1 ? lines : null;
}

function Scalar({ v }: { v: ArgValue }) {
  if (v === null) return <span className="tl-arg-null">{t('timeline:null')}</span>;
  if (typeof v === 'string') {
    const lines = splitMultiline(v);
    if (lines) {
      return (
        <ol className="tl-arg-lines">
          {lines.map((l, i) => (
            <li key={i}>{l || '\u00a0'}</li>
          ))}
        </ol>
      );
    }
    return <MaybeHash text={v} className="tl-arg-str" />;
  }
  if (typeof v === 'bigint') return <MaybeHash text={v.toString()} className="tl-arg-num" />;
  if (typeof v === 'number') return <MaybeHash text={String(v)} className="tl-arg-num" />;
  if (typeof v === 'boolean') return <span className="tl-arg-num">{String(v)}</span>;
  return <ArgsView value={v} />;
}

/** Entries of an object in order: a Map keeps file order, even for integer-like keys. */
function entriesOf(
  value: Map<string, ArgValue> | { [key: string]: JsonValue },
): [string, ArgValue][] {
  return value instanceof Map ? [...value] : Object.entries(value);
}

export function ArgsView({ value }: { value: ArgValue }) {
  if (value === null || typeof value !== 'object') return <Scalar v={value} />;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="tl-arg-null">[]</span>;
    return (
      <ol className="tl-arg-array" start={0}>
        {value.map((v, i) => (
          <li key={i}>
            <Scalar v={v} />
          </li>
        ))}
      </ol>
    );
  }
  const entries = entriesOf(value);
  if (entries.length === 0) return <span className="tl-arg-null">{'{}'}</span>;
  return (
    <dl className="tl-args">
      {entries.map(([k, v]) => (
        <div className="tl-arg" key={k}>
          <dt>{k}</dt>
          <dd>
            <Scalar v={v} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
