import { describe, expect, it } from 'vitest';
import { SseParser, SseTooLargeError, type SseEvent } from './sse-parser.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

/** Feeds `body` cut at every given offset, as a network might deliver it. */
function parseInPieces(body: string, cuts: number[]): SseEvent[] {
  const raw = bytes(body);
  const parser = new SseParser();
  const events: SseEvent[] = [];
  let from = 0;
  for (const cut of [...cuts, raw.length]) {
    events.push(...parser.push(raw.slice(from, cut)));
    from = cut;
  }
  return [...events, ...parser.end()];
}

describe('reading server-sent events', () => {
  const body = 'data: {"a":1}\n\n: keep-alive comment\n\nevent: error\ndata: {"error":{"message":"boom"}}\n\ndata: first line\ndata: second line\n\ndata: [DONE]\n\n';
  const expected = [
    { event: '', data: '{"a":1}' },
    { event: 'error', data: '{"error":{"message":"boom"}}' },
    { event: '', data: 'first line\nsecond line' },
    { event: '', data: '[DONE]' },
  ];

  it('returns every event a read completes, with names, joined data lines and no comments', () => {
    expect(parseInPieces(body, [])).toEqual(expected);
  });

  it('gives the same events however the bytes are cut, including inside a character and between \\r and \\n', () => {
    const crlf = body.replaceAll('\n', '\r\n').replace('first line', 'first line é ✓');
    const expectedCrlf = expected.map((e) => ({ ...e, data: e.data.replace('first line', 'first line é ✓') }));
    for (let cut = 1; cut < bytes(crlf).length; cut++) {
      expect(parseInPieces(crlf, [cut])).toEqual(expectedCrlf);
    }
    expect(parseInPieces(body, Array.from({ length: bytes(body).length - 1 }, (_, i) => i + 1))).toEqual(expected);
  });

  it('refuses a line or an event that grows without end, instead of holding it all', () => {
    const parser = new SseParser();
    const piece = bytes('x'.repeat(64 * 1024));
    expect(() => {
      for (let i = 0; i < 20; i++) parser.push(piece);
    }).toThrow(SseTooLargeError);
    const lines = new SseParser();
    const dataLine = bytes(`data: ${'y'.repeat(64 * 1024)}\n`);
    expect(() => {
      for (let i = 0; i < 20; i++) lines.push(dataLine);
    }).toThrow(SseTooLargeError);
  });

  // Vectors from the openai SDK's SSEDecoder tests and eventsource-parser's, where ours differed.
  it('dispatches an event that has a name and no data, as the openai SDK does', () => {
    expect(parseInPieces('event: error\n\ndata: after\n\n', [])).toEqual([{ event: 'error', data: '' }, { event: '', data: 'after' }]);
  });

  it('completes an event at a read that ends in \\r, and does not count a \\n that follows it as a second line break', () => {
    const parser = new SseParser();
    expect(parser.push(bytes('data: one\r\r'))).toEqual([{ event: '', data: 'one' }]);
    expect(parser.push(bytes('\ndata: two\r\n\r\n'))).toEqual([{ event: '', data: 'two' }]);
    const split = new SseParser();
    expect(split.push(bytes('data: a\r'))).toEqual([]);
    expect(split.push(bytes('\n\r\n'))).toEqual([{ event: '', data: 'a' }]);
  });

  it('counts an event cut off by the end of the body, and nothing from an empty body', () => {
    expect(parseInPieces('data: {"last":true}', [5])).toEqual([{ event: '', data: '{"last":true}' }]);
    expect(parseInPieces('', [])).toEqual([]);
  });
});
