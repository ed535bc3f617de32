import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { mathExtension } from './math.ts';
import { lastSafeBoundary } from './settle-point.ts';

const settled = (text: string) => text.slice(0, lastSafeBoundary(text));

describe('where a streaming reply can be settled', () => {
  it('settles at a blank line once the line after it shows a new block begins', () => {
    expect(settled('First paragraph.\n\nSecond one\n\nstill typing')).toBe('First paragraph.\n\n');
    expect(settled('First paragraph.\n\nSecond one\n\nThird\n')).toBe('First paragraph.\n\nSecond one\n\n');
  });

  it('never settles inside a code fence, even at a blank line there', () => {
    expect(settled('Intro\n\n```js\nconst a = 1;\n\nconst b = 2;\n')).toBe('Intro\n\n');
  });

  it('settles after a closed fence and the blank line that follows it', () => {
    expect(settled('```\ncode\n```\n\nAfter\n')).toBe('```\ncode\n```\n\n');
  });

  it('never settles inside display math written over several lines', () => {
    const text = 'Intro\n\n$$\na = b\n\nc = d\n';
    expect(settled(text)).toBe('Intro\n\n');
    expect(settled(`${text}$$\n\nAfter\n`)).toBe(`${text}$$\n\n`);
  });

  it('keeps a list whole while an item, or more of an item, may follow a blank line', () => {
    expect(settled('Intro\n\n- one\n\n- two\n\n1. three\n')).toBe('Intro\n\n');
    expect(settled('    indented code\n\n    more of it\n')).toBe('');
    expect(settled('Intro\n\n1. one\n\n   more of one\n\n2. two\n')).toBe('Intro\n\n');
    expect(settled('Intro\n\n- one\n\n- two\n\nAfter the list\n')).toBe('Intro\n\n- one\n\n- two\n\n');
  });

  it('does not settle a blank line that has not ended yet', () => {
    expect(lastSafeBoundary('One line\n   ')).toBe(0);
    expect(lastSafeBoundary('no newline at all')).toBe(0);
  });

  it('splits a reply only where its parts render the same alone as in the whole reply', () => {
    const markdown = new Marked({ gfm: true, breaks: true }).use(mathExtension((tex, display) => `[${display ? 'D' : 'I'}:${tex}]`));
    const render = (source: string) => markdown.parse(source, { async: false });
    const replies = [
      '## Plan\n\n- one\n- two\n\n1. first\n\n   more of the first\n\n2. second\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n> quoted\n\n> again\n\nDone.',
      'Intro\n\n$$\na = b\n\nc = d\n$$\n\n    indented\n\n    code\n\n* a\n\n* b\n\nEnd $x$.',
    ];
    for (const reply of replies) {
      // Stream it word by word, settling as IncrementalMarkdown does.
      let settledSource = '';
      const parts: string[] = [];
      for (const piece of reply.match(/\S+\s*|^\s+/g) ?? []) {
        const rest = reply.slice(settledSource.length, reply.indexOf(piece, settledSource.length) + piece.length);
        const cut = lastSafeBoundary(rest);
        if (cut > 0) {
          parts.push(render(rest.slice(0, cut)));
          settledSource += rest.slice(0, cut);
        }
      }
      expect(parts.length).toBeGreaterThan(1);
      expect(parts.join('') + render(reply.slice(settledSource.length))).toBe(render(reply));
    }
  });
});
