/** ARCHITECTURE.md's layer table says what .dependency-cruiser.cjs enforces, word for word. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const config = createRequire(import.meta.url)(resolve(root, '.dependency-cruiser.cjs')) as {
  layers: Record<string, string[]>;
  forbidden: { name: string }[];
};

describe('ARCHITECTURE.md', () => {
  it('lists each layer with what the dependency-cruiser config lets it import', () => {
    const doc = readFileSync(resolve(root, 'ARCHITECTURE.md'), 'utf8');
    const table = doc.slice(doc.indexOf('<!-- layers:start'), doc.indexOf('<!-- layers:end'));
    const rows = [...table.matchAll(/^\| `(\w+)\/` +\| ([^|]+?) *\|$/gm)].map(
      ([, layer, allowed]) => [layer, allowed!.trim().split(', ')] as const,
    );
    expect(Object.fromEntries(rows)).toEqual(config.layers);
    expect(rows.map(([layer]) => layer)).toEqual(Object.keys(config.layers));
  });

  it('has a layer rule for every folder under src/ and a cycle check', () => {
    const names = config.forbidden.map((r) => r.name);
    for (const layer of Object.keys(config.layers)) expect(names).toContain(`layer-${layer}`);
    expect(names).toContain('no-circular');
  });
});
