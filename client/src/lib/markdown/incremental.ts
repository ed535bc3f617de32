import { rendererGeneration } from './lazy-renderers.ts';
import { renderMarkdown, type RenderedMarkdown } from './render-markdown.ts';
import { lastSafeBoundary } from './settle-point.ts';

/** `[label]: url` anywhere defines links for the text before it too, across any boundary. */
const linkDefinition = /^ {0,3}\[[^\]\n]+\]:/m;

interface SettledBlock extends RenderedMarkdown {
  source: string;
  /** rendererGeneration() when it was rendered. */
  generation: number;
}

function settle(source: string): SettledBlock {
  return { source, generation: rendererGeneration(), ...renderMarkdown(source) };
}

/** Rendered before a library its code or math waited for had come. */
function isStale(block: SettledBlock): boolean {
  return block.provisional && block.generation < rendererGeneration();
}

/**
 * Renders a streaming reply without re-parsing all of it each frame: text up to a boundary where
 * a new block surely begins (see lastSafeBoundary) is "settled" into blocks parsed, highlighted and
 * typeset once; only the tail is parsed again. Settled blocks render as the whole reply would, so
 * a finished reply keeps them and only its tail is rendered once more.
 */
export class IncrementalMarkdown {
  #settledSource = '';
  #settled: SettledBlock[] = [];
  #blocks: string[] = [];
  #tailProvisional = false;

  /** HTML of the settled blocks, in order; a new array whenever one is added, changed or they start over. */
  get blocks(): readonly string[] {
    return this.#blocks;
  }

  /** Whether code or math in the blocks or the tail waits for its library (see renderMarkdown). */
  get provisional(): boolean {
    return this.#tailProvisional || this.#settled.some((block) => block.provisional);
  }

  /** Whether a settled block can now be rendered better than it was: each update renders one of them again. */
  get stale(): boolean {
    return this.#settled.some(isStale);
  }

  /** Takes the reply so far; returns the HTML of its unsettled tail. */
  update(text: string): string {
    if (!text.startsWith(this.#settledSource)) {
      this.#settledSource = '';
      this.#settled = [];
      this.#blocks = [];
    }
    // One at a time: rendering every block that waited for KaTeX at once took a long task.
    this.#renderAgain(this.#settled.findIndex(isStale));
    const rest = text.slice(this.#settledSource.length);
    const cut = lastSafeBoundary(rest);
    if (cut > 0) {
      const block = settle(rest.slice(0, cut));
      if (block.html) {
        this.#settled = [...this.#settled, block];
        this.#blocks = [...this.#blocks, block.html];
      }
      this.#settledSource += block.source;
    }
    const tail = renderMarkdown(text.slice(this.#settledSource.length));
    this.#tailProvisional = tail.provisional;
    return tail.html;
  }

  /** Whether blocks and tail together show `text` exactly as rendering it whole would. */
  isExactFor(text: string): boolean {
    return !linkDefinition.test(text);
  }

  #renderAgain(index: number): void {
    const block = this.#settled[index];
    if (!block) return;
    const again = settle(block.source);
    this.#settled = this.#settled.map((old, i) => (i === index ? again : old));
    this.#blocks = this.#blocks.map((html, i) => (i === index ? again.html : html));
  }
}
