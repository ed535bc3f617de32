import { renderMarkdown } from './render-markdown.ts';
import { lastSafeBoundary } from './settle-point.ts';

/**
 * Renders a streaming reply without re-parsing all of it each frame: text up to the last blank
 * line outside a code fence or display math is "settled" into blocks parsed once (highlighted and
 * typeset then); only the tail is parsed again.
 * While streaming, a list split by a blank line may show as two lists; the finished reply is
 * rendered whole, exactly.
 */
export class IncrementalMarkdown {
  #settledSource = '';
  #blocks: string[] = [];

  /** HTML of the settled blocks, in order; grows as the reply does. */
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
      this.#blocks = [...this.#blocks, renderMarkdown(chunk)];
      this.#settledSource += chunk;
    }
    return renderMarkdown(text.slice(this.#settledSource.length));
  }
}
