import { describe, expect, it } from 'vitest';
import { transcriptFile, transcriptMarkdown, type Transcript } from './transcript.ts';

const transcript: Transcript = {
  assistantName: 'Brainstorming Partner',
  sessionId: '6f1c2a9e-3b4d-4c5e-8f60-718293a4b5c6',
  model: 'gpt-4o-mini',
  startedAt: '2026-11-24T10:00:00.000Z',
  endedAt: '2026-11-24T10:30:00.000Z',
  messages: [
    { role: 'assistant', text: 'What do you want ideas for?', status: 'complete' },
    { role: 'user', text: 'Names for my coffee shop', status: 'complete' },
    { role: 'assistant', text: '## Names\n\n1. Bean There', status: 'stopped' },
    { role: 'user', text: 'More, please', status: 'complete' },
    { role: 'assistant', text: '2. Brew Haven 3. Grind', status: 'truncated' },
  ],
  recap: '- You looked for coffee shop names.',
};

const day = (iso: string) => iso.slice(0, 10);

describe('transcript downloads', () => {
  it('writes the conversation as Markdown, speaker by speaker between rules, with the recap last', () => {
    const markdown = transcriptMarkdown(transcript, day);
    expect(markdown).toMatch(/^# Session with Brainstorming Partner\n/);
    expect(markdown).toContain('---\n\n**You**\n\nNames for my coffee shop\n\n---\n\n**Brainstorming Partner**\n\n## Names');
    expect(markdown).toContain('1. Bean There\n\n_(stopped)_');
    expect(markdown).toContain('3. Grind\n\n_(cut short at the length limit)_');
    expect(markdown).not.toContain('What do you want ideas for?\n\n_(');
    expect(markdown.indexOf('**Session recap**')).toBeGreaterThan(markdown.indexOf('Bean There'));
  });

  it("uses no heading for a speaker, so a reply's own headings cannot pass for one", () => {
    const headings = transcriptMarkdown(transcript, day).split('\n').filter((line) => line.startsWith('#'));
    expect(headings).toEqual(['# Session with Brainstorming Partner', '## Names']);
  });

  it('names the file after the assistant and the day the session started', () => {
    expect(transcriptFile(transcript, 'markdown', day).name).toBe('brainstorming-partner-2026-11-24.md');
    const json = transcriptFile(transcript, 'json', day);
    expect(json.name).toBe('brainstorming-partner-2026-11-24.json');
    expect(JSON.parse(json.text)).toEqual(transcript);
  });
});
