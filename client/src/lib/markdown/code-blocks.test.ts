import { describe, expect, it } from 'vitest';
import { codeBlockHtml } from './code-blocks.ts';

const button = '<button>Copy</button>';

describe('code blocks in a reply', () => {
  it('names the language in a header beside the copy button and highlights the code', () => {
    const html = codeBlockHtml('const square = (n: number) => n * n;', 'ts', button);
    expect(html).toContain(`<div class="code-header"><span class="code-language">ts</span>${button}</div>`);
    expect(html).toContain('<code class="hljs language-ts"><span class="hljs-keyword">const</span>');
  });

  it('shows a language it does not highlight, and code with none, as escaped text', () => {
    expect(codeBlockHtml('<b>&</b>', 'brainfuck', button)).toContain('<code class="hljs language-brainfuck">&lt;b&gt;&amp;&lt;/b&gt;</code>');
    expect(codeBlockHtml('plain', undefined, button)).toContain('<span class="code-language">text</span>');
  });

  it('takes only a plain name from the fence as a label', () => {
    expect(codeBlockHtml('x', 'python title="a.py"', button)).toContain('language-python');
    const html = codeBlockHtml('x', '<img/src=x>', button);
    expect(html).not.toContain('<img');
    expect(html).toContain('<span class="code-language">text</span>');
  });
});
