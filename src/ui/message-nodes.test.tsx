import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { messageNodes } from './message-nodes';
import { initI18n } from '../i18n';

describe('messageNodes', () => {
  it('puts the element where each language places the placeholder', () => {
    initI18n({ lang: 'en' });
    const en = renderToStaticMarkup(
      <p>{messageNodes('app:link_prompt_view', { files: <strong>run-42</strong> })}</p>,
    );
    expect(en).toMatch(/^<p>This link shows a view of <strong>run-42<\/strong>\. Open those files/);
    initI18n({ lang: 'zh-CN' });
    const zh = renderToStaticMarkup(
      <p>{messageNodes('app:link_prompt_pair', { files: <strong>run-43</strong> })}</p>,
    );
    expect(zh).toContain('<strong>run-43</strong>');
    expect(zh).not.toMatch(/This link/);
    initI18n({ lang: 'en' });
  });
});
