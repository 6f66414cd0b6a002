import { describe, expect, it } from 'vitest';
import { deflateSync } from 'fflate';
import { initI18n } from '../../i18n';
import { describeFingerprint, fingerprintDiff, fingerprintFiles } from './fingerprint';
import { makeNotesDoc, parseNotesDoc } from './notes-doc';
import { mergeMarkers } from './notes-storage';
import {
  decodeViewState,
  encodeViewState,
  linkTrackLayout,
  sanitizeViewState,
  storeTrackLayout,
  type ViewState,
} from './view-state';
import { DEFAULT_TRACK_LAYOUT } from '../../store/track-layout';
import { VIEW_TABS } from '../../store/ui-slice';

const STATE: ViewState = {
  v: 2,
  tab: 'timeline',
  profile: 'run-42/rank0_ascend_pt',
  win: [1234.5, 987654321.25],
  sel: {
    profile: 'run-42/rank0_ascend_pt',
    track: '1408377|1408377|thread|Thread 1',
    start: 7666209,
    dur: 321,
  },
  range: [100, 200],
  collapse: { d: false, deep: true, o: { 'p|t3': true } },
  pins: ['p|t5'],
  flowsHidden: ['async_npu'],
  search: { q: 'aclnn', re: false, args: true },
  tables: {
    kernels: { sort: { column: 'Duration(us)', dir: 'desc' }, filter: 'mm', groupBy: 'name' },
  },
  ranks: ['a', 'b'],
  offsets: { '1': '-12345678901234567890' },
  src: { url: '../traces/run-42/' },
  markers: [{ id: 'm1', start: 5, end: 9, name: 'slow', color: '#d6455d', note: 'x' }],
  tracks: 'Stream 2',
  cmp: { b: 'run-42/rank0_ascend_pt', t: 'run-42/rank3_ascend_pt', align: 'start', tl: true },
  lay: { m: 'kind', h: ['HCCL', 'Ascend Hardware/Stream 2'], o: ['HBM', 'Python'] },
};

describe('view state in the fragment', () => {
  it('round-trips every field exactly', () => {
    const frag = encodeViewState(STATE);
    expect(frag).toMatch(/^atv1=[A-Za-z0-9_-]+$/);
    expect(decodeViewState(`#${frag}`)).toEqual(STATE);
  });

  it('keeps every view tab, the Advisor included (a link made there reopens there)', () => {
    for (const tab of VIEW_TABS) expect(sanitizeViewState({ v: 2, tab })?.tab, tab).toBe(tab);
  });

  it('drops malformed fields and refuses other versions', () => {
    const bad = sanitizeViewState({
      v: 1,
      tab: 'nope',
      win: [5, 1],
      sel: { profile: 'p', track: 3, start: 1, dur: 1 },
      pins: [1, 'ok'],
      offsets: { '1': '12abc', '2': '42' },
      tables: { k: { sort: { column: 'c', dir: 'sideways' }, filter: 'f' } },
      markers: [{ start: 'x' }, { start: 1, name: 'a', color: 'red; x', note: 2 }],
      src: { fp: { id: 'x' } },
    });
    expect(bad).toEqual({
      v: 1,
      pins: ['ok'],
      offsets: { '2': '42' },
      tables: { k: { filter: 'f' } },
      markers: [{ id: 'm1', start: 1, name: 'a', color: '#e8a33d', note: '' }],
    });
    expect(sanitizeViewState({ v: 3, tab: 'timeline' })).toBeNull();
    expect(decodeViewState('#atv1=!!!')).toBeNull();
    expect(decodeViewState('#other=1')).toBeNull();
  });

  it('refuses a fragment that inflates past the limit', () => {
    const huge = new TextEncoder().encode(JSON.stringify({ v: 1, pad: 'x'.repeat(2 << 20) }));
    const b64 = btoa(String.fromCharCode(...deflateSync(huge)))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    expect(decodeViewState(`#atv1=${b64}`)).toBeNull();
  });
});

describe('notes sidecar', () => {
  it('round-trips and sanitises', () => {
    const doc = makeNotesDoc('run-42', 'abc', STATE.markers!);
    expect(parseNotesDoc(JSON.stringify(doc))).toEqual(doc);
    expect(() => parseNotesDoc('{"format":"atv-notes","version":7}')).toThrow(/version 7/);
    expect(() => parseNotesDoc('[]')).toThrow(/not a notes file/);
    const long = parseNotesDoc(
      JSON.stringify({ ...doc, markers: [{ start: 1, name: 'n'.repeat(500), note: '<b>x</b>' }] }),
    );
    expect(long.markers[0]!.name).toHaveLength(200);
    expect(long.markers[0]!.note).toBe('<b>x</b>');
  });

  it('merges by id, newer wins, sorted by time', () => {
    const a = { id: 'a', start: 5, name: 'a', color: '#e8a33d', note: '' };
    const b = { id: 'b', start: 1, name: 'b', color: '#e8a33d', note: '' };
    expect(mergeMarkers([a], [b, { ...a, name: 'a2' }]).map((m) => m.name)).toEqual(['b', 'a2']);
  });
});

describe('fingerprint of local files', () => {
  const files = (sizes: number[], fill = 1) =>
    sizes.map((n, i) => ({
      path: `run-42/f${i}.json`,
      file: new Blob([new Uint8Array(n).fill(fill)]),
    }));

  it('is stable, and says what differs', async () => {
    const a = await fingerprintFiles('run-42', files([10, 200_000]));
    expect(a.id).toBe((await fingerprintFiles('run-42', files([10, 200_000]))).id);
    expect(a.n).toBe(2);
    expect(a.bytes).toBe(200_010);
    expect(fingerprintDiff(a, a)).toBeNull();
    const bigger = await fingerprintFiles('run-42', files([10, 200_001]));
    expect(fingerprintDiff(a, bigger)).toContain(
      'run-42/f1.json is 200001 bytes here, 200000 bytes in the link',
    );
    const changed = await fingerprintFiles('run-42', files([10, 200_000], 2));
    expect(fingerprintDiff(a, changed)).toContain('same size but different contents');
    const fewer = await fingerprintFiles('run-42', files([200_000]));
    expect(fingerprintDiff(a, fewer)).toMatch(/missing|1 files opened/);
  });

  it('says it in Chinese when the interface is Chinese', async () => {
    const a = await fingerprintFiles('run-42', files([10, 200_000]));
    const changed = await fingerprintFiles('run-42', files([10, 200_000], 2));
    initI18n({ lang: 'zh-CN' });
    try {
      expect(fingerprintDiff(a, changed)).toBe(
        '这些不是链接对应的文件：run-42/f1.json 大小相同但内容不同；run-42/f0.json 大小相同但内容不同。仍已应用该视图。',
      );
      expect(describeFingerprint(a)).toBe('run-42（2 个文件，195.3 KB：f1.json、f0.json）');
    } finally {
      initI18n({ lang: 'en' });
    }
  });
});

describe('compare pair and hidden tracks in a link', () => {
  it('keeps a well-formed pair and the track filter, drops the rest', () => {
    const ok = sanitizeViewState({
      v: 1,
      tab: 'compare',
      tracks: 'HCCL',
      cmp: { b: 'a', t: null, align: 'sideways', tl: 'yes' },
    });
    expect(ok).toEqual({ v: 1, tab: 'compare', tracks: 'HCCL', cmp: { b: 'a', t: null } });
    expect(sanitizeViewState({ v: 1, cmp: { b: 5, t: {} } })).toEqual({ v: 1 });
    expect(sanitizeViewState({ v: 1, tracks: 'x'.repeat(5000) })).toEqual({ v: 1 });
  });
});

describe('track layout and runs opened alongside in a link (version 2)', () => {
  it('reads a link of version 1 as it was (no layout, even if one is there)', () => {
    // Made by version 1: tab, window, track filter, language.
    const v1 =
      '#atv1=q1YqU7Iy1FEqSUxSslIqycxNzcnMS1XSUSrPzFOyijYyAAMdMwitZxoLVFqUmJxdDFQdXFKUmpgLVJuTmJcO5KfmKdUCAA';
    expect(decodeViewState(v1)).toEqual({
      v: 1,
      tab: 'timeline',
      win: [2000000, 6000000.5],
      tracks: 'Stream',
      lang: 'en',
    });
    expect(sanitizeViewState({ v: 1, lay: { h: ['HBM'] } })).toEqual({ v: 1 });
  });

  it('carries the layout compactly and only when it is not the default', () => {
    expect(linkTrackLayout(DEFAULT_TRACK_LAYOUT)).toBeUndefined();
    const l = { mode: 'kind' as const, hidden: ['HCCL', 'HBM/x'], order: ['Python'] };
    expect(linkTrackLayout(l)).toEqual({ m: 'kind', h: ['HCCL', 'HBM/x'], o: ['Python'] });
    expect(storeTrackLayout(linkTrackLayout(l))).toEqual(l);
    expect(storeTrackLayout(undefined)).toEqual(DEFAULT_TRACK_LAYOUT);
    expect(
      sanitizeViewState({ v: 2, lay: { m: 'sideways', h: ['a', 3, 'b'], o: 'HBM', x: 1 } }),
    ).toEqual({ v: 2, lay: { h: ['a', 'b'] } });
  });

  it('keeps the fingerprints of runs opened alongside, well-formed ones only', () => {
    const fp = { id: 'abc', name: 'run-43', n: 2, bytes: 10, files: [{ p: 'a', s: 1, h: 'ff' }] };
    const s = sanitizeViewState({
      v: 2,
      src: { fp: { ...fp, name: 'run-42' }, also: [fp, { id: 'x' }, 'y'] },
    });
    expect(s?.src).toEqual({ fp: { ...fp, name: 'run-42' }, also: [fp] });
    expect(decodeViewState(`#${encodeViewState(s!)}`)).toEqual(s);
    expect(sanitizeViewState({ v: 2, src: { url: 'u', also: [fp] } })?.src).toEqual({
      url: 'u',
      also: [fp],
    });
  });
});
