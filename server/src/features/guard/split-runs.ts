/**
 * How the digits of one encoding are told apart from prose in a line: what a token holds once its
 * prefixes and punctuation are stripped (null: not this encoding), and whether a line's worth of
 * them could only be encoded text.
 */
interface Encoding {
  clean(token: string): string | null;
  startsBlock(digits: string, tokens: readonly string[]): boolean;
  /** A line that could begin a block: prose words before one ("Here it is") must not shift its groups. */
  mayBegin(tokens: readonly string[], digits: string): boolean;
}

/** A base64 token: alphabet, then at most two "=". Prose words are alphabet too, so a block starts only on a line that looks encoded. */
const base64Token = /^[A-Za-z0-9+/_-]+={0,2}$/u;
/** Inside one token, as words rarely are: lowercase then uppercase ("bG8g"), letters next to digits, or + and /. */
const encodedLook = /[a-z][A-Z]|[A-Za-z][0-9]|[0-9][A-Za-z]|[+/]/u;
const hexToken = /^[0-9a-fA-F]+$/u;

export const base64Lines: Encoding = {
  clean: (token) => (base64Token.test(token) ? token : null),
  startsBlock: (digits, tokens) => digits.length >= 12 && tokens.filter((t) => t.length >= 4 && encodedLook.test(t)).length * 2 >= tokens.length,
  mayBegin: (tokens) => tokens.some((t) => encodedLook.test(t)),
};

export const hexLines: Encoding = {
  clean: (token) => {
    const digits = token.replace(/0x|\\x|%|[,;:]/giu, '');
    return digits !== '' && hexToken.test(digits) ? digits : null;
  },
  // Text in hex is 6x and 7x bytes mostly: a line of it has letters a-f, a line of numbers has none.
  startsBlock: (digits) => digits.length >= 16 && /[a-f]/iu.test(digits),
  mayBegin: (_tokens, digits) => /[a-f]/iu.test(digits) && /\d/u.test(digits),
};

/**
 * What decorates a line of a split encoded run: list and quote markers, numbering ("1.", "(2)",
 * "Line 3:", "Part 4 -"), then quotes, backticks or brackets around the run, and a joining "+",
 * "," or "\" at its end.
 */
const leadingDecoration = /^\s*(?:(?:[>*•|#]|-(?=\s))+\s*|\(?\d{1,3}[.):\]]\s+|(?:line|part|chunk|segment|row|block|piece)\s*\d{1,3}\s*(?:of\s*\d{1,3}\s*)?[:.)\]-]?\s*)*/iu;
/** A longer line is prose or one unbroken run, which base64-runs.ts and hex-runs.ts read already. */
const maxLine = 4_000;
const wrapping = /^[\s"'`“”‘’([{]+|[\s"'`“”‘’)\]},;+\\]+$/gu;

/**
 * Joins an encoded run that a reply split across lines or into spaced chunks, whatever the line
 * width ("aGVsbG8gd2\n9ybGQ="), with list markers, numbers or quotes around each piece, into one
 * unbroken run for the run decoders (base64-runs.ts, hex-runs.ts). A block starts on a line that
 * could only be encoded (Encoding.startsBlock) and goes on while each line holds nothing but the
 * encoding's digits; every other line ends it (a line break in the output). Lines are read as they
 * complete, so the cost per delta is the length of the delta.
 */
export class SplitRunJoiner {
  readonly #encoding: Encoding;
  #line = '';
  #inBlock = false;
  /** Lines of the encoding's digits read before a block could start, that may begin it. */
  #candidate: Array<{ text: string; tokens: string[] }> = [];

  constructor(encoding: Encoding) {
    this.#encoding = encoding;
  }

  /** The joined digits of the lines this delta completed, often empty. */
  push(delta: string): string {
    // Only the delta is searched: a long line without breaks costs nothing more per delta.
    if (!delta.includes('\n')) {
      this.#line = this.#line.length > maxLine ? '' : this.#line + delta;
      return '';
    }
    this.#line += delta;
    const end = this.#line.lastIndexOf('\n');
    const complete = this.#line.slice(0, end).split('\n');
    this.#line = this.#line.slice(end + 1);
    return complete.map((line) => this.#read(line)).join('');
  }

  flush(): string {
    const rest = this.#read(this.#line);
    this.#line = '';
    return rest + (this.#inBlock ? '\n' : '');
  }

  #read(line: string): string {
    const digits = this.#digitsOf(line);
    // A blank line inside a block (between paragraphs of chunks) neither adds nor ends it.
    if (digits !== null && digits.text === '') return '';
    if (digits === null) {
      const ended = this.#inBlock;
      this.#inBlock = false;
      this.#candidate = [];
      return ended ? '\n' : '';
    }
    if (this.#inBlock) return digits.text;
    // Narrow lines may each be too short to tell from a word: a block starts once the lines so far say so together.
    if (this.#candidate.length === 0 && !this.#encoding.mayBegin(digits.tokens, digits.text)) return '';
    this.#candidate.push(digits);
    const text = this.#candidate.map((c) => c.text).join('');
    if (!this.#encoding.startsBlock(text, this.#candidate.flatMap((c) => c.tokens))) {
      if (text.length > 64) this.#candidate = [];
      return '';
    }
    this.#inBlock = true;
    this.#candidate = [];
    return text;
  }

  #digitsOf(line: string): { text: string; tokens: string[] } | null {
    const core = line.replace(leadingDecoration, '').replace(wrapping, '');
    const tokens = core.split(/[\s"'`+]+/u).filter(Boolean);
    const cleaned = tokens.map((token) => this.#encoding.clean(token));
    if (cleaned.some((token) => token === null)) return null;
    return { text: cleaned.join(''), tokens };
  }
}

/** A run decoder reading what the joiner joined: split runs, decoded as they complete. */
export class SplitRunDecoder {
  readonly #joiner: SplitRunJoiner;
  readonly #decoder: { push(delta: string): string; flush(): string };

  constructor(encoding: Encoding, decoder: { push(delta: string): string; flush(): string }) {
    this.#joiner = new SplitRunJoiner(encoding);
    this.#decoder = decoder;
  }

  push(delta: string): string {
    return this.#decoder.push(this.#joiner.push(delta));
  }

  flush(): string {
    return this.#decoder.push(this.#joiner.flush()) + this.#decoder.flush();
  }
}
