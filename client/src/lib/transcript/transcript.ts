import type { ChatMessage } from '@gptlab/common';

/** What a downloaded transcript holds: the conversation and its recap, nothing of the assistant's prompt. */
export interface Transcript {
  assistantName: string;
  sessionId: string;
  model: string;
  startedAt: string;
  endedAt: string | null;
  messages: Array<Pick<ChatMessage, 'role' | 'text' | 'status'>>;
  recap: string | null;
}

export type TranscriptFormat = 'markdown' | 'json';

/** Said after a reply that did not end where the model meant it to. */
const statusNotes: Partial<Record<ChatMessage['status'], string>> = {
  truncated: '\n\n_(cut short at the length limit)_',
  stopped: '\n\n_(stopped)_',
  failed: '\n\n_(incomplete)_',
  interrupted: '\n\n_(interrupted)_',
};

const formats = {
  markdown: { extension: 'md', type: 'text/markdown' },
  json: { extension: 'json', type: 'application/json' },
} as const;

export function transcriptMarkdown(transcript: Transcript, formatDate: (iso: string) => string): string {
  const lines = [`# Session with ${transcript.assistantName}`, '', `Started ${formatDate(transcript.startedAt)} · model ${transcript.model}`];
  if (transcript.endedAt) lines.push(`Ended ${formatDate(transcript.endedAt)}`);
  // Speakers are bold lines between rules, not headings: a reply's own `##` heading must not read as a new speaker.
  for (const message of transcript.messages) {
    const speaker = message.role === 'user' ? 'You' : transcript.assistantName;
    const note = statusNotes[message.status] ?? '';
    lines.push('', '---', '', `**${speaker}**`, '', message.text + note);
  }
  if (transcript.recap) lines.push('', '---', '', '**Session recap**', '', transcript.recap);
  return `${lines.join('\n')}\n`;
}

export function transcriptJson(transcript: Transcript): string {
  return `${JSON.stringify(transcript, null, 2)}\n`;
}

/** The file's name, type and text, e.g. `brainstorming-partner-2026-11-24.md`. */
export function transcriptFile(transcript: Transcript, format: TranscriptFormat, formatDate: (iso: string) => string): { name: string; type: string; text: string } {
  const { extension, type } = formats[format];
  const slug = transcript.assistantName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'session';
  const name = `${slug}-${transcript.startedAt.slice(0, 10)}.${extension}`;
  const text = format === 'markdown' ? transcriptMarkdown(transcript, formatDate) : transcriptJson(transcript);
  return { name, type, text };
}
