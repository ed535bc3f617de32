import type { MarkedExtension, Tokens } from 'marked';

/** Renders TeX to HTML; `displayMode` for a formula on its own line; `source` is the formula as written, delimiters and all. */
export type TexRenderer = (tex: string, displayMode: boolean, source: string) => string;

interface MathToken extends Tokens.Generic {
  type: 'math';
  text: string;
  displayMode: boolean;
}

// Tried in order at a `$` or a backslash. `$…$` follows Pandoc: no space just inside either
// dollar and no digit right after the closing one, so "$5 and $10" stays prices. Display math
// may span lines; inline math may not, so a stray dollar cannot swallow a paragraph.
const inlineForms: ReadonlyArray<{ pattern: RegExp; displayMode: boolean }> = [
  { pattern: /^\$\$(?!\$)((?:\\[\s\S]|[^\\])+?)\$\$/, displayMode: true },
  { pattern: /^\\\[((?:\\[\s\S]|[^\\])+?)\\\]/, displayMode: true },
  { pattern: /^\\\(((?:\\.|[^\\\n])+?)\\\)/, displayMode: false },
  { pattern: /^\$(?!\s)((?:\\.|[^\\$\n])+?)\$(?!\d)/, displayMode: false },
];

/** A formula that is a whole block: `$$…$$` or `\[…\]` starting a line, nothing after it on its last line. */
const blockForm = /^ {0,3}(\$\$|\\\[)((?:\\[\s\S]|[^\\])+?)(\$\$|\\\])[ \t]*(?:\n+|$)/;
const closerOf: Record<string, string> = { $$: '$$', '\\[': '\\]' };

function inlineMath(src: string): MathToken | undefined {
  for (const { pattern, displayMode } of inlineForms) {
    const match = pattern.exec(src);
    const tex = match?.[1];
    if (!match || tex === undefined || !tex.trim()) continue;
    if (!displayMode && src.startsWith('$') && /\s$/.test(tex)) return undefined;
    return { type: 'math', raw: match[0], text: tex.trim(), displayMode };
  }
  return undefined;
}

function blockMath(src: string): MathToken | undefined {
  const match = blockForm.exec(src);
  const [raw, opener, tex, closer] = match ?? [];
  if (!raw || !opener || !tex?.trim() || closer !== closerOf[opener]) return undefined;
  return { type: 'math', raw, text: tex.trim(), displayMode: true };
}

/**
 * `$…$`, `\(…\)` inline and `$$…$$`, `\[…\]` display math as a Marked extension. Its tokenizers run
 * before Marked's own, so Markdown escapes and emphasis never touch the TeX (`\,` stays `\,`).
 */
export function mathExtension(render: TexRenderer): MarkedExtension {
  const renderer = (token: Tokens.Generic) => {
    const math = token as MathToken;
    return render(math.text, math.displayMode, math.raw.trim());
  };
  return {
    extensions: [
      {
        name: 'mathBlock',
        level: 'block',
        start: (src) => src.match(/^ {0,3}(?:\$\$|\\\[)/m)?.index,
        tokenizer: blockMath,
        renderer,
      },
      {
        name: 'math',
        level: 'inline',
        start: (src) => src.match(/\$|\\[([]/)?.index,
        tokenizer: inlineMath,
        renderer,
      },
    ],
  };
}
