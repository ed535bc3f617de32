/** A sentence shorter than this many letters or digits ("Sure!", "1.") says too little to compare. */
const shortestSentence = 8;
/** A run without a sentence end this long is cut at a space, so a list or code block still gets judged. */
export const longestSentence = 600;

const segmenter = new Intl.Segmenter('und', { granularity: 'sentence' });
const meaningful = /[\p{L}\p{N}]/gu;

/** The sentences of a text worth comparing, in every script: ICU's sentence rules, each line apart. */
export function sentencesOf(text: string): string[] {
  return split(text).filter(isWorthComparing);
}

/**
 * Cuts a reply into sentences as it streams: `push` returns the sentences it completed (a sentence is
 * complete once the next one has begun), `finish` the rest.
 */
export class SentenceStream {
  #tail = '';

  push(delta: string): string[] {
    this.#tail += delta;
    const pieces = split(this.#tail);
    const last = pieces.pop() ?? '';
    this.#tail = this.#tail.slice(this.#tail.lastIndexOf(last));
    if (this.#tail.length > longestSentence) pieces.push(...this.#cutLongTail());
    return pieces.filter(isWorthComparing);
  }

  finish(): string[] {
    const rest = this.#tail;
    this.#tail = '';
    return split(rest).filter(isWorthComparing);
  }

  #cutLongTail(): string[] {
    const space = this.#tail.lastIndexOf(' ', longestSentence);
    const cut = space > 0 ? space : longestSentence;
    const head = this.#tail.slice(0, cut);
    this.#tail = this.#tail.slice(cut);
    return [head];
  }
}

function split(text: string): string[] {
  return [...segmenter.segment(text)].flatMap((s) => s.segment.split('\n')).map((s) => s.trim()).filter(Boolean);
}

function isWorthComparing(sentence: string): boolean {
  return (sentence.match(meaningful)?.length ?? 0) >= shortestSentence;
}
