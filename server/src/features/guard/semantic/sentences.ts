/** A sentence shorter than this many letters or digits ("Sure!", "1.") says too little to compare. */
const shortestSentence = 8;
/** A run without a sentence end this long is cut at a space, so a list or code block still gets judged. */
export const longestSentence = 600;

const segmenter = new Intl.Segmenter('und', { granularity: 'sentence' });
const meaningful = /[\p{L}\p{N}]/gu;

/** A sentence of a streamed reply, trimmed, with where it starts and ends in the reply. */
export interface PlacedSentence {
  text: string;
  start: number;
  end: number;
}

/** The sentences of a text worth comparing, in every script: ICU's sentence rules, each line apart. */
export function sentencesOf(text: string): string[] {
  return placed(text, 0).filter(isWorthComparing).map((s) => s.text);
}

/**
 * Cuts a reply into sentences as it streams: `push` returns the sentences it completed (a sentence is
 * complete once the next one has begun), `finish` the rest. `completeUpTo` is where the unfinished
 * sentence begins: every character before it belongs to a sentence returned already (or to one too
 * short to compare), so a judgement of those sentences covers the reply up to there.
 */
export class SentenceStream {
  #tail = '';
  #tailStart = 0;

  push(delta: string): PlacedSentence[] {
    this.#tail += delta;
    const pieces = placed(this.#tail, this.#tailStart);
    const last = pieces.pop();
    this.#moveTailTo(last ? last.start : this.#tailStart + this.#tail.length);
    if (this.#tail.length > longestSentence) pieces.push(this.#cutLongTail());
    return pieces.filter(isWorthComparing);
  }

  finish(): PlacedSentence[] {
    const rest = placed(this.#tail, this.#tailStart);
    this.#moveTailTo(this.#tailStart + this.#tail.length);
    return rest.filter(isWorthComparing);
  }

  get completeUpTo(): number {
    return this.#tailStart;
  }

  #moveTailTo(start: number): void {
    this.#tail = this.#tail.slice(start - this.#tailStart);
    this.#tailStart = start;
  }

  #cutLongTail(): PlacedSentence {
    const space = this.#tail.lastIndexOf(' ', longestSentence);
    const cut = space > 0 ? space : longestSentence;
    const head = { text: this.#tail.slice(0, cut), start: this.#tailStart, end: this.#tailStart + cut };
    this.#moveTailTo(this.#tailStart + cut);
    return head;
  }
}

/** ICU's sentences, each line apart, trimmed, placed in the text that begins at `offset`. */
function placed(text: string, offset: number): PlacedSentence[] {
  const out: PlacedSentence[] = [];
  for (const { segment, index } of segmenter.segment(text)) {
    let at = index;
    for (const line of segment.split('\n')) {
      const trimmed = line.trim();
      if (trimmed) {
        const start = offset + at + line.length - line.trimStart().length;
        out.push({ text: trimmed, start, end: start + trimmed.length });
      }
      at += line.length + 1;
    }
  }
  return out;
}

function isWorthComparing(sentence: PlacedSentence): boolean {
  return (sentence.text.match(meaningful)?.length ?? 0) >= shortestSentence;
}
