import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { mathExtension } from './math.ts';
import { texToHtml } from './typesetter.ts';

// Formulas shown as [I:tex] or [D:tex], so a test reads exactly what reached the typesetter.
const markdown = new Marked({ gfm: true, breaks: true }).use(mathExtension((tex, display) => `[${display ? 'D' : 'I'}:${tex}]`));
const render = (source: string) => markdown.parse(source, { async: false }).trim();

describe('math in a reply', () => {
  it('typesets $…$ inline and $$…$$ as display math, with every backslash of the TeX kept', () => {
    expect(render('Euler: $e^{i\\pi}+1=0$.')).toBe('<p>Euler: [I:e^{i\\pi}+1=0].</p>');
    expect(render('$$\\int_0^1 x\\,dx$$')).toBe('[D:\\int_0^1 x\\,dx]');
    expect(render('Area $$\\int_0^1 x\\,dx$$ in a sentence')).toBe('<p>Area [D:\\int_0^1 x\\,dx] in a sentence</p>');
  });

  it('reads display math written over several lines, even right after a line of text', () => {
    expect(render('$$\n\\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned}\n$$')).toBe('[D:\\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned}]');
    expect(render('The sum:\n$$\n\\sum_{k=1}^n k\n$$\nas said.')).toBe('<p>The sum:</p>\n[D:\\sum_{k=1}^n k]<p>as said.</p>');
  });

  it('reads the \\(…\\) and \\[…\\] forms models also write', () => {
    expect(render('So \\(a_1 + a_2\\) holds.')).toBe('<p>So [I:a_1 + a_2] holds.</p>');
    expect(render('\\[\nx^2\n\\]')).toBe('[D:x^2]');
  });

  it('keeps Markdown out of the TeX: no emphasis from underscores or stars, no escapes', () => {
    expect(render('$a_1 b_2$ and $c*d*e$')).toBe('<p>[I:a_1 b_2] and [I:c*d*e]</p>');
    expect(render('$\\{x\\}$ and $a\\$b$')).toBe('<p>[I:\\{x\\}] and [I:a\\$b]</p>');
  });

  it('leaves prices, escaped dollars and code alone', () => {
    expect(render('It costs $5 and $10 a month.')).toBe('<p>It costs $5 and $10 a month.</p>');
    expect(render('From $ 3 to $ 4')).toBe('<p>From $ 3 to $ 4</p>');
    expect(render('A literal \\$x\\$ here')).toBe('<p>A literal $x$ here</p>');
    expect(render('Code `$x$` stays')).toBe('<p>Code <code>$x$</code> stays</p>');
    expect(render('```sh\necho $HOME $PATH\n```')).toContain('echo $HOME $PATH');
  });

  it('does not let an unclosed dollar swallow the rest of the reply', () => {
    expect(render('Half $x + y\n\nnext *part*')).toBe('<p>Half $x + y</p>\n<p>next <em>part</em></p>');
    expect(render('Half $$x + y')).toBe('<p>Half $$x + y</p>');
  });
});

describe('typesetting a formula', () => {
  it('writes KaTeX markup with the formula, not its source', () => {
    const html = texToHtml('\\int_0^1 x\\,dx', true);
    expect(html).toContain('class="katex-display"');
    expect(html).toContain('<annotation encoding="application/x-tex">\\int_0^1 x\\,dx</annotation>');
  });

  it('shows TeX it cannot read as an error instead of throwing', () => {
    expect(texToHtml('\\frac{1}{', false)).toContain('katex-error');
  });

  it('gives untrusted TeX no links, no HTML of its own and no size beyond the cap', () => {
    expect(texToHtml('\\href{javascript:alert(1)}{x}', false)).not.toMatch(/<a\b|href=/);
    expect(texToHtml('\\htmlStyle{position:fixed}{x}', false)).not.toMatch(/style="[^"]*position/);
    const huge = texToHtml('\\rule{9999em}{9999em}', false);
    expect(huge).toContain('border-right-width:10em');
    expect(huge).not.toMatch(/style="[^"]*9999em/);
  });
});
