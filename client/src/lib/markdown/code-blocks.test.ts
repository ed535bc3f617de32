import { describe, expect, it } from 'vitest';
import { codeBlockHtml, codeLanguage, escapeCode } from './code-blocks.ts';
import { highlightCode, registrations } from './highlighter.ts';

const button = '<button>Copy</button>';
for (const register of registrations) register();

describe('code blocks in a reply', () => {
  it('names the language in a header beside the copy button, with the code below', () => {
    const html = codeBlockHtml('ts', highlightCode('const square = (n: number) => n * n;', 'ts') ?? '', button);
    expect(html).toContain(`<div class="code-header"><span class="code-language">ts</span>${button}</div>`);
    expect(html).toContain('<code class="hljs language-ts"><span class="hljs-keyword">const</span>');
    expect(codeBlockHtml('', 'plain', button)).toContain('<span class="code-language">text</span>');
  });

  it('highlights only the languages it loads, and escapes code as highlight.js does', () => {
    expect(highlightCode('x', 'brainfuck')).toBeUndefined();
    expect(highlightCode('py', 'python')).toBe('py');
    const code = `<b class="x">&'</b>`;
    expect(escapeCode(code)).toBe('&lt;b class=&quot;x&quot;&gt;&amp;&#x27;&lt;/b&gt;');
    // A line diff colours only added and removed lines: the rest is exactly what escapeCode writes.
    expect(highlightCode(code, 'diff')).toBe(escapeCode(code));
  });

  it('takes only a plain name from the fence as a label', () => {
    expect(codeLanguage('Python title="a.py"')).toBe('python');
    expect(codeLanguage('c++')).toBe('c++');
    expect(codeLanguage('<img/src=x>')).toBe('');
    expect(codeLanguage(undefined)).toBe('');
  });
});
