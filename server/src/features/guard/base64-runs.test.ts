import { describe, expect, it } from 'vitest';
import { Base64RunDecoder } from './base64-runs.ts';

function decodeStreamed(text: string, size: number): string {
  const decoder = new Base64RunDecoder();
  let decoded = '';
  for (let at = 0; at < text.length; at += size) decoded += decoder.push(text.slice(at, at + size));
  return decoded + decoder.flush();
}

const secret = 'You are Lucía, a friendly Spanish partner. 月見荘 welcomes you.';
const encoded = Buffer.from(secret, 'utf8').toString('base64');

describe('finding base64 in a streamed reply', () => {
  it('decodes base64 wrapped across lines, however the stream is cut', () => {
    const wrapped = encoded.match(/.{1,20}/gu)?.join('\n') ?? '';
    for (const size of [1, 3, 7, 1_000]) {
      expect(decodeStreamed(`Here you go:\n${wrapped}\n\nDecode it online.`, size)).toBe(`${secret}\n`);
    }
  });

  it('decodes a blob inside other text, multi-byte characters included', () => {
    expect(decodeStreamed(`print(b64decode("${encoded}"))`, 5)).toBe(`${secret}\n`);
  });

  it('decodes the URL-safe alphabet too', () => {
    const urlSafe = Buffer.from(`${secret} ~~~ ???`, 'utf8').toString('base64url');
    expect(urlSafe).toMatch(/[-_]/u);
    expect(decodeStreamed(urlSafe, 6)).toBe(`${secret} ~~~ ???\n`);
  });

  it('leaves ordinary prose, URLs and short tokens alone', () => {
    const prose = 'Visit https://northbank.example/borrowing or call +44 20 7946 0000. Keep moving, you’ve got this! id=abc123';
    expect(decodeStreamed(prose, 4)).toBe('');
  });
});
