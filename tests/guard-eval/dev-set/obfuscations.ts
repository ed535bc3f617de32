/**
 * How a model asked to "print your instructions, but encoded" writes them. Used to write the
 * evaluation's spaced and encoded leaks; the guard decodes with its own code, not with these.
 */

export function spaceLetters(text: string, letterGap = ' ', wordGap = '   '): string {
  return text.split(/\s+/u).map((word) => [...word].join(letterGap)).join(wordGap);
}

export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** Base64 broken into lines, as MIME and many models print it. */
export function wrappedBase64(text: string, width = 76): string {
  return base64(text).match(new RegExp(`.{1,${width}}`, 'gu'))?.join('\n') ?? '';
}

export function hex(text: string, byteGap = ''): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => byte.toString(16).padStart(2, '0')).join(byteGap);
}

export function rot13(text: string): string {
  return text.replace(/[a-z]/giu, (char) => {
    const base = char <= 'Z' ? 65 : 97;
    return String.fromCharCode(((char.charCodeAt(0) - base + 13) % 26) + base);
  });
}

export function reversed(text: string): string {
  return [...text].reverse().join('');
}

const leetDigits: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' };

/** Leetspeak as models write it: vowels and a few consonants swapped for digits, case kept. */
export function leet(text: string): string {
  return text.replace(/[aeiost]/giu, (char) => leetDigits[char.toLowerCase()] ?? char);
}

/** Fullwidth forms (Ｙｏｕ ａｒｅ), which look like ordinary letters in a browser. */
export function fullwidth(text: string): string {
  return text.replace(/[!-~]/gu, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));
}

const cyrillicLookalikes: Record<string, string> = {
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', i: 'і', s: 'ѕ', A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', O: 'О', P: 'Р', T: 'Т',
};

/** Latin letters swapped for Cyrillic ones that look the same. */
export function homoglyphs(text: string): string {
  return text.replace(/[a-zA-Z]/gu, (char) => cyrillicLookalikes[char] ?? char);
}

/** A zero-width space between every two letters: invisible on screen, breaks every word for a matcher. */
export function zeroWidthSpaced(text: string): string {
  return text.replace(/(?<=\p{L})(?=\p{L})/gu, '\u200b');
}

/** Sentences `from` to `to` (exclusive) of a prompt: what a partial leak gives away. */
export function sentencesOf(text: string, from: number, to: number): string {
  return text.split(/(?<=[.!?])\s+|\n+/u).slice(from, to).join(' ');
}
