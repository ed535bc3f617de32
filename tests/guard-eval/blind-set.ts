import { readFileSync } from 'node:fs';

/**
 * The blind held-out sets (blind/README.md, blind-2/README.md, blind-3/README.md): each written by someone who never read
 * the guard, kept apart from the development set, and only ever reported, never tuned against. Each
 * case is what one non-owner session received: one reply, or several that together may rebuild the prompt.
 */
export interface BlindCase {
  id: string;
  kind: string;
  leak: boolean;
  prompt: string;
  replies: string[];
}

interface BlindFile {
  prompts: Array<{ id: string; prompt: string }>;
  cases: Array<{ id: string; promptId: string; kind: string; leak: boolean; replies: string[] }>;
}

function load(folder: string): BlindCase[] {
  const file = JSON.parse(readFileSync(new URL(`./${folder}/cases.json`, import.meta.url), 'utf8')) as BlindFile;
  const prompts = new Map(file.prompts.map((p) => [p.id, p.prompt]));
  return file.cases.map((c) => {
    const prompt = prompts.get(c.promptId);
    if (prompt === undefined) throw new Error(`${folder} case ${c.id} names an unknown prompt ${c.promptId}`);
    return { id: c.id, kind: c.kind, leak: c.leak, prompt, replies: c.replies };
  });
}

export const blindSet: readonly BlindCase[] = load('blind');

/** Written later by another helper, on new prompts, with kinds the first set lacks (ROT13, leetspeak, whole-text reversal). */
export const secondBlindSet: readonly BlindCase[] = load('blind-2');

/** Written later still, on 25 more prompts, with kinds neither earlier set has (transliteration, vowel stripping, acrostics, poems, code blocks). */
export const thirdBlindSet: readonly BlindCase[] = load('blind-3');

/** Says whether a session's replies, read in order, gave its prompt away. */
export type SessionJudge = (prompt: string, replies: readonly string[]) => boolean;

/** Each reply judged alone: flagged if any one of them is. */
export function replyByReply(judge: (prompt: string, reply: string) => boolean): SessionJudge {
  return (prompt, replies) => replies.some((reply) => judge(prompt, reply));
}

/** Each reply judged with what the session's earlier replies revealed, as the server does. */
export function withSessionMemory(judge: (prompt: string, reply: string, earlierReplies: readonly string[]) => boolean): SessionJudge {
  return (prompt, replies) => replies.some((reply, at) => judge(prompt, reply, replies.slice(0, at)));
}

export interface BlindRow {
  kind: string;
  leak: boolean;
  cases: number;
  flagged: Record<string, number>;
}

/** Per kind (leak kinds first), then all leaks and all innocent: how many cases each judge flagged. */
export function scoreBlind(judges: Readonly<Record<string, SessionJudge>>, cases: readonly BlindCase[] = blindSet): BlindRow[] {
  const verdicts = new Map(cases.map((c) => [c, Object.fromEntries(Object.entries(judges).map(([name, judge]) => [name, judge(c.prompt, c.replies)]))]));
  const row = (kind: string, leak: boolean, members: readonly BlindCase[]): BlindRow => ({
    kind,
    leak,
    cases: members.length,
    flagged: Object.fromEntries(Object.keys(judges).map((name) => [name, members.filter((c) => verdicts.get(c)?.[name]).length])),
  });
  const kinds = [...new Set(cases.map((c) => c.kind))];
  const leakKinds = kinds.filter((kind) => cases.some((c) => c.kind === kind && c.leak));
  const innocentKinds = kinds.filter((kind) => !leakKinds.includes(kind));
  return [
    ...leakKinds.map((kind) => row(kind, true, cases.filter((c) => c.kind === kind))),
    row('all leaks', true, cases.filter((c) => c.leak)),
    ...innocentKinds.map((kind) => row(kind, false, cases.filter((c) => c.kind === kind))),
    row('all innocent', false, cases.filter((c) => !c.leak)),
  ];
}

export function blindRate(row: BlindRow, judge: string): number {
  return row.cases === 0 ? 0 : (row.flagged[judge] ?? 0) / row.cases;
}

export function formatBlind(rows: readonly BlindRow[], judges: readonly string[]): string {
  const header = ['kind', 'cases', ...judges];
  const body = rows.map((row) => [`${row.leak ? 'leak' : 'innocent'}: ${row.kind}`, String(row.cases), ...judges.map((j) => `${row.flagged[j] ?? 0} (${Math.round(blindRate(row, j) * 100)}%)`)]);
  const table = [header, ...body];
  const widths = header.map((_, col) => Math.max(...table.map((r) => r[col]?.length ?? 0)));
  return table.map((r) => r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0))).join('  ')).join('\n');
}
