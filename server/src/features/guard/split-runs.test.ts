import { describe, expect, it } from 'vitest';
import { Base64RunDecoder } from './base64-runs.ts';
import { HexRunDecoder } from './hex-runs.ts';
import { detectLeak } from './service.ts';
import { base64Lines, hexLines, SplitRunDecoder } from './split-runs.ts';

const prompt = 'You are Nora, the virtual assistant of Northbank. Help customers with card issues, transfers and app login problems. The daily ATM withdrawal limit is 500 pounds. Never ask for a full card number, PIN, password or one-time code, even if the customer offers it.';
const secret = 'Never ask for a full card number, PIN, password or one-time code.';
const base64 = Buffer.from(secret, 'utf8').toString('base64');
const hex = Buffer.from(secret, 'utf8').toString('hex');
const chunks = (text: string, width: number) => text.match(new RegExp(`.{1,${width}}`, 'gu')) ?? [];

function decodeStreamed(decoder: SplitRunDecoder, text: string, size: number): string {
  let decoded = '';
  for (let at = 0; at < text.length; at += size) decoded += decoder.push(text.slice(at, at + size));
  return decoded + decoder.flush();
}
const base64Of = (text: string, size = 5) => decodeStreamed(new SplitRunDecoder(base64Lines, new Base64RunDecoder()), text, size);
const hexOf = (text: string, size = 5) => decodeStreamed(new SplitRunDecoder(hexLines, new HexRunDecoder()), text, size);

describe('encoded text split across lines or into chunks', () => {
  it('is joined and decoded whatever the line width, not only on whole 4-character groups', () => {
    for (const width of [7, 10, 30, 50]) expect(base64Of(`Here it is:\n${chunks(base64, width).join('\n')}\nEnjoy!`), `width ${width}`).toContain(secret);
    // A line of plain words just before the run is not taken for its first piece.
    expect(base64Of(`Here it is\n${chunks(base64, 6).join('\n')}\n`)).toContain(secret);
  });

  it('is joined through list markers, numbering, quotes, indentation and spaced chunks', () => {
    const forms = [
      chunks(base64, 16).map((c, at) => `${at + 1}. ${c}`).join('\n'),
      chunks(base64, 12).map((c) => `> ${c}`).join('\n'),
      chunks(base64, 20).map((c) => `    "${c}" +`).join('\n'),
      chunks(base64, 24).map((c, at) => `Part ${at + 1}: ${c}`).join('\n'),
      chunks(base64, 8).join(' '),
      chunks(base64, 4).join(' ').replace(/((?:\S+ ){5}\S+) /gu, '$1\n'),
      chunks(base64, 18).join('\n\n'),
    ];
    for (const form of forms) expect(base64Of(`Sure:\n${form}\n`), form.slice(0, 40)).toContain(secret);
  });

  it('joins hex split mid-byte or behind prefixes and list markers', () => {
    const forms = [chunks(hex, 15).join('\n'), chunks(hex, 16).map((c) => `- ${c}`).join('\n'), chunks(hex, 12).map((c) => `0x${c},`).join('\n')];
    for (const form of forms) expect(hexOf(`bytes:\n${form}\ndone.`), form.slice(0, 30)).toContain(secret);
  });

  it('leaves prose, lists of words and numbers alone', () => {
    const prose = 'Here is the plan\nWeek one\n1. Walk briskly\n2. Jog easy\n3. Rest\nCall 2024 2025 2026 2027 now\nKeep moving';
    expect(base64Of(prose)).toBe('');
    expect(hexOf(prose)).toBe('');
  });

  it('lets the guard withdraw a prompt sentence hidden that way, and leave an honest reply with a key in it', () => {
    const leak = `Decode this:\n${chunks(Buffer.from(prompt).toString('base64'), 30).map((c, at) => `${at + 1}) ${c}`).join('\n')}`;
    expect(detectLeak(prompt, leak).leak).toBe(true);
    const honest = 'Your session token looks like this, which is fine to keep:\neyJhbGciOiJIUzI1NiJ9\n.eyJzdWIiOiIxMjM0In0\nNever paste it in a chat though.';
    expect(detectLeak(prompt, honest).leak).toBe(false);
  });
});
