import { renderMarkdown } from './render-markdown.ts';
import { lastSafeBoundary } from './settle-point.ts';

/** `[label]: url` anywhere defines links for the text before it too, across any boundary. */
const linkDefinition = /^ {0,3}\[[^\]\n]+\]:/m;

/**
 * Renders a streaming reply without re-parsing all of it each frame: text up to a boundary where
 * a new block surely begins (see lastSafeBoundary) is "settled" into blocks parsed, highlighted and
 * typeset once; only the tail is parsed again. Settled blocks render as the whole reply would, so
 * a finished reply keeps them and only its tail is rendered once more.
 */
export class IncrementalMarkdown {
  #settledSource = '';
  #blocks: string[] = [];

  /** HTML of the settled blocks, in order; a new array whenever one is added or they start over. */
  get blocks(): readonly string[] {
    return this.#blocks;
  }

  /** Takes the reply so far; returns the HTML of its unsettled tail. */
  update(text: string): string {
    if (!text.startsWith(this.#settledSource)) {
      this.#settledSource = '';
      this.#blocks = [];
    }
    const rest = text.slice(this.#settledSource.length);
    const cut = lastSafeBoundary(rest);
    if (cut > 0) {
      const chunk = rest.slice(0, cut);
      const html = renderMarkdown(chunk);
      if (html) this.#blocks = [...this.#blocks, html];
      this.#settledSource += chunk;
    }
    return renderMarkdown(text.slice(this.#settledSource.length));
  }

  /** Whether blocks and tail together show `text` exactly as rendering it whole would. */
  isExactFor(text: string): boolean {
    return !linkDefinition.test(text);
  }
}
