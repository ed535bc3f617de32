import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import plaintext from 'highlight.js/lib/languages/plaintext';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import swift from 'highlight.js/lib/languages/swift';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

// The languages people ask a chat about most; each brings its aliases (ts, py, sh, html, yml…).
// The rest stay plain text rather than ship highlight.js's 190 grammars to every tab.
const languages = { bash, c, cpp, csharp, css, diff, go, java, javascript, json, kotlin, markdown, php, plaintext, python, ruby, rust, shell, sql, swift, typescript, xml, yaml };
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);

/** The languages highlighted, by their main names. */
export const highlightedLanguages: readonly string[] = Object.keys(languages);

/** What a fence's info string may name: `ts`, `c++`, `objective-c`, `c#`; anything else is not a label. */
const languageName = /^[\w+#.-]{1,24}$/;

/**
 * A fenced code block as HTML: a header naming its language with `copyButton` beside it, then the
 * code, highlighted when its language is one we load. highlight.js writes class names only (the
 * colours are in app.css), and escapes the code; guessing a language is left out, as it is slow.
 */
export function codeBlockHtml(code: string, info: string | undefined, copyButton: string): string {
  const word = info?.match(/^\S*/)?.[0].toLowerCase() ?? '';
  const label = languageName.test(word) ? word : '';
  const known = label !== '' && hljs.getLanguage(label) !== undefined;
  const highlighted = hljs.highlight(code, { language: known ? label : 'plaintext', ignoreIllegals: true }).value;
  const codeClass = label ? `hljs language-${label}` : 'hljs';
  return (
    `<div class="code-block"><div class="code-header"><span class="code-language">${label || 'text'}</span>${copyButton}</div>` +
    `<pre><code class="${codeClass}">${highlighted}</code></pre></div>\n`
  );
}
