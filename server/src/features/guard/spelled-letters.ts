/** The NATO alphabet, as a reply spelling the prompt "Yankee Oscar Uniform" writes it. */
const nato: Readonly<Record<string, string>> = {
  alfa: 'a', alpha: 'a', bravo: 'b', charlie: 'c', delta: 'd', echo: 'e', foxtrot: 'f', golf: 'g', hotel: 'h', india: 'i',
  juliett: 'j', juliet: 'j', kilo: 'k', lima: 'l', mike: 'm', november: 'n', oscar: 'o', papa: 'p', quebec: 'q', romeo: 'r',
  sierra: 's', tango: 't', uniform: 'u', victor: 'v', whiskey: 'w', whisky: 'w', xray: 'x', yankee: 'y', zulu: 'z',
};

const morse: Readonly<Record<string, string>> = {
  '.-': 'a', '-...': 'b', '-.-.': 'c', '-..': 'd', '.': 'e', '..-.': 'f', '--.': 'g', '....': 'h', '..': 'i', '.---': 'j',
  '-.-': 'k', '.-..': 'l', '--': 'm', '-.': 'n', '---': 'o', '.--.': 'p', '--.-': 'q', '.-.': 'r', '...': 's', '-': 't',
  '..-': 'u', '...-': 'v', '.--': 'w', '-..-': 'x', '-.--': 'y', '--..': 'z', '-----': '0', '.----': '1', '..---': '2',
  '...--': '3', '....-': '4', '.....': '5', '-....': '6', '--...': '7', '---..': '8', '----.': '9',
};

const morseChunk = /^[.\-·•–—_]+$/u;
const letterOrDigitRun = /[\p{L}\p{N}]+/gu;
/** A chunk between spaces longer than this spells nothing (a word, a blob): it is passed over. */
const longestChunk = 64;

/**
 * The letters a reply spells out one at a time, whatever separates them or numbers them ("1. Y
 * 2. o 3. u", "Y-o-u", "Y, then o"): single letters, NATO words and Morse code (chunks of dots and
 * dashes between spaces) become letters, and every other token (a number, an ordinary word) is
 * passed over, so the letter checks (letter-runs.ts) can follow the spelling as they follow
 * spaced-out text. Prose spells almost nothing ("a", "I"), so its letters never line up with the
 * prompt's.
 */
export class SpelledLetters {
  #partial = '';

  /** The letters this delta completes. */
  push(delta: string): string {
    const text = this.#partial + delta;
    const cut = text.search(/\s\S*$/u) + 1;
    if (cut === 0) {
      this.#partial = text.length > longestChunk ? '' : text;
      return '';
    }
    this.#partial = text.slice(cut);
    return lettersOf(text.slice(0, cut));
  }

  flush(): string {
    const rest = lettersOf(this.#partial);
    this.#partial = '';
    return rest;
  }
}

function lettersOf(text: string): string {
  let letters = '';
  for (const chunk of text.split(/\s+/u)) {
    if (chunk.length > longestChunk) continue;
    if (morseChunk.test(chunk)) {
      letters += morse[chunk.replace(/[·•]/gu, '.').replace(/[–—_]/gu, '-')] ?? '';
      continue;
    }
    for (const [token] of chunk.matchAll(letterOrDigitRun)) {
      const lower = token.toLowerCase();
      letters += /^\p{L}$/u.test(token) ? lower : (nato[lower] ?? '');
    }
  }
  return letters;
}
