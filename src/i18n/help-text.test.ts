import { describe, expect, it } from 'vitest';
import { HELP_ROWS } from '../timeline/input/keymap';
import { helpText } from '../timeline/panels/help-text';
import { initI18n } from './index';

describe('timeline help in the interface language', () => {
  it('has a message for every section, key and action of the help overlay', () => {
    initI18n({ lang: 'zh-CN' });
    const texts = HELP_ROWS.flatMap((s) => [s.section, ...s.rows.flat()]);
    // Symbols and bare keys ("?", "F", "W / S") read the same in every language.
    const keyNames = /\b(?:Shift|Enter|Ctrl|Alt|Home|Esc|Escape|Tab)\b/g;
    const missing = texts.filter(
      (x) => /[a-z]{2}/.test(x.replace(keyNames, '')) && helpText(x) === x,
    );
    initI18n({ lang: 'en' });
    expect(missing, 'add these to src/timeline/help-text.ts and both timeline.json').toEqual([]);
  });
});
