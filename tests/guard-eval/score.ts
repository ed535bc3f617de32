import { evalSet, innocentKinds, isLeak, knownLimits, leakKinds, type EvalCase } from './dev-set/index.ts';
import { leakRules } from '../../server/src/features/guard/leak-rules.ts';
import { detectLeak } from '../../server/src/features/guard/service.ts';
import { baselineSimilarity } from '../../server/src/features/guard/tfidf.ts';

/** Says whether a reply gives its prompt away. */
export type LeakJudge = (prompt: string, reply: string) => boolean;

/** The original app: TF-IDF cosine of the finished reply and the prompt at or above the threshold. */
export function baselineJudge(threshold: number = leakRules.baselineThreshold): LeakJudge {
  return (prompt, reply) => baselineSimilarity(reply, prompt) >= threshold;
}

export function guardJudge(threshold: number = leakRules.baselineThreshold): LeakJudge {
  return (prompt, reply) => detectLeak(prompt, reply, { baselineThreshold: threshold }).leak;
}

/** The guard as the server runs it in a session: each reply read with what the earlier ones revealed. */
export function sessionGuardJudge(threshold: number = leakRules.baselineThreshold) {
  return (prompt: string, reply: string, earlierReplies: readonly string[]) => detectLeak(prompt, reply, { baselineThreshold: threshold, earlierReplies }).leak;
}

/** One kind of reply: how many cases, and how many of them each judge flagged as a leak. */
export interface KindRow {
  kind: string;
  cases: number;
  flagged: Record<string, number>;
}

export interface EvalScores {
  judges: readonly string[];
  /** Per leak kind, then all leaks: flagged / cases is the detection rate (recall). */
  leaks: KindRow[];
  /** Per innocent kind, then all innocent replies: flagged / cases is the false-positive rate. */
  innocent: KindRow[];
  /** Leaks out of reach of word overlap: reported, never scored. */
  knownLimits: KindRow;
  /** Per judge, the names of the known-limit leaks it missed. */
  missedLimits: Record<string, string[]>;
}

export function scoreEvaluation(judges: Readonly<Record<string, LeakJudge>>, cases: readonly EvalCase[] = evalSet): EvalScores {
  const verdicts = new Map(cases.map((testCase) => [testCase, judgeAll(judges, testCase)]));
  const row = (kind: string, members: readonly EvalCase[]): KindRow => ({
    kind,
    cases: members.length,
    flagged: Object.fromEntries(Object.keys(judges).map((name) => [name, members.filter((c) => verdicts.get(c)?.[name]).length])),
  });
  const leaks = cases.filter(isLeak);
  const innocent = cases.filter((testCase) => !isLeak(testCase));
  for (const testCase of knownLimits) verdicts.set(testCase, judgeAll(judges, testCase));
  const missed = (judge: string) => knownLimits.filter((testCase) => !verdicts.get(testCase)?.[judge]).map((testCase) => testCase.name);
  return {
    judges: Object.keys(judges),
    leaks: [...leakKinds.map((kind) => row(kind, leaks.filter((c) => c.kind === kind))), row('all leaks', leaks)],
    innocent: [...innocentKinds.map((kind) => row(kind, innocent.filter((c) => c.kind === kind))), row('all innocent', innocent)],
    knownLimits: row('known limits', knownLimits),
    missedLimits: Object.fromEntries(Object.keys(judges).map((judge) => [judge, missed(judge)])),
  };
}

function judgeAll(judges: Readonly<Record<string, LeakJudge>>, testCase: EvalCase): Record<string, boolean> {
  return Object.fromEntries(Object.entries(judges).map(([name, judge]) => [name, judge(testCase.prompt, testCase.reply)]));
}

export function rate(row: KindRow, judge: string): number {
  return row.cases === 0 ? 0 : (row.flagged[judge] ?? 0) / row.cases;
}

/** The rows of one table as aligned text: kind, cases, then "flagged (rate)" for every judge. */
export function formatScores(scores: EvalScores): string {
  const cell = (row: KindRow, judge: string) => `${row.flagged[judge] ?? 0} (${Math.round(rate(row, judge) * 100)}%)`;
  const table = (title: string, rows: readonly KindRow[]) => [
    [title, 'cases', ...scores.judges],
    ...rows.map((row) => [row.kind, String(row.cases), ...scores.judges.map((judge) => cell(row, judge))]),
  ];
  const lines = [
    ...align(table('leak kind: detected', scores.leaks)),
    '',
    ...align(table('innocent kind: flagged', scores.innocent)),
    '',
    ...align(table('not scored: caught', [scores.knownLimits])),
  ];
  return lines.join('\n');
}

function align(rows: readonly string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) => row.map((text, column) => (column === 0 ? text.padEnd(widths[column] ?? 0) : text.padStart(widths[column] ?? 0))).join('  '));
}
