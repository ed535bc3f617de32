// Loaded only once a reply shows a formula (see lazy-renderers.ts), with KaTeX's stylesheet and
// fonts, which are bundled and served by us: the CSP loads nothing from elsewhere.
import 'katex/dist/katex.min.css';
import katex from 'katex';

// Untrusted TeX: no \href, \url or \html* (trust off), every size capped so a formula cannot grow
// over the page, and a bounded macro expansion so it cannot stall the tab.
const katexOptions = { throwOnError: false, trust: false, strict: 'ignore', maxSize: 10, maxExpand: 500, output: 'htmlAndMathml' } as const;

/** KaTeX's HTML for a formula; a formula KaTeX cannot read is shown as its source, marked as an error. */
export function texToHtml(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, { ...katexOptions, displayMode });
}
