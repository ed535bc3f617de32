import DOMPurify from 'dompurify';
import { LRUCache } from 'lru-cache';
import { Marked } from 'marked';
import { randomUuid } from '../random-uuid.ts';
import { codeBlockHtml, codeLanguage, escapeCode } from './code-blocks.ts';
import { copyCodeLabel } from './copy-code.ts';
import { highlighterFor, loadedTypesetter } from './lazy-renderers.ts';
import { mathExtension } from './math.ts';

/** A reply's HTML; `provisional` when code or math in it waits for its library (see lazy-renderers.ts). */
export interface RenderedMarkdown {
  html: string;
  provisional: boolean;
}

/**
 * HTML of our own (KaTeX's formulas, the copy button) that the reply's sanitiser would strip: the
 * parser leaves a placeholder, named by a nonce no reply can know, and the placeholder is swapped
 * for the HTML once the reply around it is sanitised.
 */
const slotNonce = randomUuid();
const slotPattern = new RegExp(`<span data-slot="${slotNonce}-(\\d+)"></span>`, 'g');
let slots: string[] = [];
/** Whether the reply being rendered showed code or a formula without its library. */
let provisional = false;

function slot(html: string): string {
  slots.push(html);
  return `<span data-slot="${slotNonce}-${slots.length - 1}"></span>`;
}

const copyButton = `<button type="button" class="code-copy" data-message-tool aria-label="${copyCodeLabel}">Copy</button>`;

// A reply is untrusted text. An image in it would make the browser fetch a URL the model chose (a known
// way to leak a conversation), so images become plain links and raw <img>, media and forms are dropped.
const markdown = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    image(image) {
      return this.link({ ...image, type: 'link' });
    },
    code({ text, lang }) {
      const language = codeLanguage(lang);
      return codeBlockHtml(language, codeHtml(text, language), slot(copyButton));
    },
  },
}).use(mathExtension((tex, displayMode, source) => slot(formulaHtml(tex, displayMode) ?? pendingFormulaHtml(source, displayMode))));

/** Names that mean "no language": no reason to fetch the highlighter for them. */
const plainText = new Set(['', 'text', 'txt', 'plain', 'plaintext']);

function codeHtml(code: string, language: string): string {
  if (plainText.has(language)) return escapeCode(code);
  const highlighter = highlighterFor(language);
  if (!highlighter) provisional = true;
  return highlighter?.highlightCode(code, language) ?? escapeCode(code);
}

/** A formula as it was written, until KaTeX has come. */
function pendingFormulaHtml(source: string, displayMode: boolean): string {
  provisional = true;
  return `<span class="math-source${displayMode ? ' display' : ''}">${escapeCode(source)}</span>`;
}

const purifier = createPurifier();

// Classes our renderer writes: a code block's parts, its language, highlight.js's token kinds
// (`hljs-title function_`). Any other could borrow the app's scoped styles (`bubble svelte-…` makes a
// reply look like the user's own message).
const ownClass = /^(?:language-[\w+#.-]+|hljs(?:-[\w-]+)?|[a-z]+_+|code-(?:block|header|language))$/;

function createPurifier() {
  // Our own instance, so its hook cannot leak into other users of DOMPurify.
  const instance = DOMPurify(window);
  instance.addHook('afterSanitizeAttributes', (node) => {
    const kept = [...node.classList].filter((name) => ownClass.test(name));
    if (kept.length > 0) node.setAttribute('class', kept.join(' '));
    else node.removeAttribute('class');
    // Links leave the app in a new tab, so a click does not end a streaming reply.
    if (node.tagName !== 'A') return;
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  });
  return instance;
}

// A reply shares the page with the app and must stay inside its bubble: an open <dialog> is laid out
// over the page (it covered the composer), and ids, label targets, roles or ARIA would let it take the
// name of the app's own controls (<a id="composer-message"> unlabelled the message box) or pose as one.
const sanitizeOptions = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['img', 'picture', 'source', 'video', 'audio', 'track', 'style', 'form', 'input', 'button', 'textarea', 'select', 'dialog'],
  FORBID_ATTR: ['style', 'srcset', 'id', 'name', 'for', 'role', 'tabindex'],
  ALLOW_ARIA_ATTR: false,
};

// KaTeX positions glyphs with style attributes (the CSP allows those, not style elements) and writes
// MathML and SVG; it is sanitised by itself, with those allowed, and the untrusted TeX cannot add more.
const formulaPurifier = DOMPurify(window);
const formulaOptions = { USE_PROFILES: { html: true, mathMl: true, svg: true }, ADD_TAGS: ['semantics', 'annotation'], FORBID_ATTR: ['id', 'name', 'for', 'role', 'tabindex', 'href', 'xlink:href'] };

// A streaming tail is parsed again every frame: its formulas are rendered once, not each time.
const formulaCache = new LRUCache<string, string>({ max: 500 });

/** KaTeX's HTML for a formula, or undefined until KaTeX has come (asking fetches it). */
function formulaHtml(tex: string, displayMode: boolean): string | undefined {
  const key = `${displayMode ? 'D' : 'I'}${tex}`;
  let html = formulaCache.get(key);
  if (html !== undefined) return html;
  const typesetter = loadedTypesetter();
  if (!typesetter) return undefined;
  html = formulaPurifier.sanitize(typesetter.texToHtml(tex, displayMode), formulaOptions);
  formulaCache.set(key, html);
  return html;
}

/** Markdown to HTML that is safe to insert into the page. */
export function renderMarkdown(source: string): RenderedMarkdown {
  slots = [];
  provisional = false;
  const html = purifier.sanitize(markdown.parse(source, { async: false }), sanitizeOptions);
  const filled = html.replace(slotPattern, (_, index: string) => slots[Number(index)] ?? '');
  slots = [];
  return { html: filled, provisional };
}
