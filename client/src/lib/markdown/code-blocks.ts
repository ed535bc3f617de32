/** What a fence's info string may name: `ts`, `c++`, `objective-c`, `c#`; anything else is not a label. */
const languageName = /^[\w+#.-]{1,24}$/;

/** The language a fence names (`ts` of "ts title=a.ts"), lower-cased; '' when it names none we can show. */
export function codeLanguage(info: string | undefined): string {
  const word = info?.match(/^\S*/)?.[0].toLowerCase() ?? '';
  return languageName.test(word) ? word : '';
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };

/** Code as text in HTML, escaped as highlight.js escapes what it does not colour. */
export function escapeCode(code: string): string {
  return code.replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

/**
 * A fenced code block as HTML: a header naming its language with `copyButton` beside it, then the
 * code (`codeHtml`, escaped or highlighted).
 */
export function codeBlockHtml(language: string, codeHtml: string, copyButton: string): string {
  const codeClass = language ? `hljs language-${language}` : 'hljs';
  return (
    `<div class="code-block"><div class="code-header"><span class="code-language">${language || 'text'}</span>${copyButton}</div>` +
    `<pre><code class="${codeClass}">${codeHtml}</code></pre></div>\n`
  );
}
