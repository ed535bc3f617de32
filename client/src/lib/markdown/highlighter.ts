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
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import swift from 'highlight.js/lib/languages/swift';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

// Loaded only once a reply shows a code block with a language (see lazy-renderers.ts).
// The languages people ask a chat about most; each brings its aliases (ts, py, sh, html, yml…).
// The rest stay plain text rather than ship highlight.js's 190 grammars to every tab.
const languages = { bash, c, cpp, csharp, css, diff, go, java, javascript, json, kotlin, markdown, php, python, ruby, rust, shell, sql, swift, typescript, xml, yaml };

/**
 * One registration a language: registering runs its grammar's definition, and all 22 at once
 * took a long task (see lazy-renderers.ts, which spreads them over idle moments).
 */
export const registrations: ReadonlyArray<() => void> = Object.entries(languages).map(([name, language]) => () => hljs.registerLanguage(name, language));

/** Whether `language` is one we highlight whose grammar is not compiled yet: compiling one takes up to 50 ms. */
export function needsCompiling(language: string): boolean {
  const grammar = hljs.getLanguage(language);
  return grammar !== undefined && !grammar.isCompiled;
}

/** Compiles the grammar of `language`, if it is one we highlight (highlight.js does so on its first use). */
export function compileGrammar(language: string): void {
  if (needsCompiling(language)) hljs.highlight('', { language, ignoreIllegals: true });
}

/**
 * `code` highlighted as `language` (a name or an alias), or undefined for a language not loaded.
 * highlight.js writes class names only (the colours are in app.css) and escapes the code; guessing
 * a language is left out, as it is slow.
 */
export function highlightCode(code: string, language: string): string | undefined {
  if (hljs.getLanguage(language) === undefined) return undefined;
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}
