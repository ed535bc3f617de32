import { failure, type AppError } from '@gptlab/common';
import type { LlmProvider, ProviderCredentials } from '../../llm/provider.ts';
import type { Refusal } from '../limits/service.ts';
import type { ReplyJob, ReplyOutcome, ReplyRef, ReplyRunner } from './reply-runner.ts';

/**
 * How a turn goes, in order. `taken`: another reply holds the session (the caller tells a resend
 * of that reply from a second message). `accepted`: what the turn begins with is written and the
 * reply streams on; `fresh` is false for a message stored before (a resend), which gets no new reply.
 */
export type TurnUpdate =
  | { type: 'refused'; error: AppError }
  | { type: 'taken' }
  | { type: 'accepted'; fresh: boolean }
  | { type: 'ended'; outcome: ReplyOutcome };

/** How a turn begins, as the one who asked for it hears it. */
export type TurnStart = Exclude<TurnUpdate, { type: 'ended' }>;

/** What the model is sent and how its reply is guarded and checkpointed. */
export type PreparedReply = Omit<ReplyJob, keyof ReplyRef | 'credentials'>;

/** What differs between a session's reply, its recap and the Lab's test chat. */
export interface TurnPlan {
  reply: ReplyRef;
  credentials: ProviderCredentials;
  /** The user's words this turn answers, moderated before anything is written; none for a greeting or a recap. */
  userText?: string;
  /** A refusal that needs the session held to be sure of (the assistant as it is now). */
  check?(): Promise<Refusal | null>;
  /** Writes what the turn begins with (the session, the user's message); false for a resend. */
  begin(): Promise<boolean>;
  prepare(): Promise<PreparedReply>;
  /** Stores the reply's outcome; its tabs hear the end only afterwards. */
  persist(outcome: ReplyOutcome): Promise<void>;
}

export interface TurnDeps {
  runner: ReplyRunner;
  provider: LlmProvider;
}

export const restarting = failure('provider_unavailable', 'This server is restarting. Your tab reconnects in a moment; send again then.');

/**
 * One turn: claim the session, check and moderate, write the user's message, stream the guarded
 * reply, store it, announce its end. The claim is released however the turn stops: by the runner
 * once a reply ran, else on leaving this function, a throw included.
 */
export async function* runTurn(deps: TurnDeps, plan: TurnPlan): AsyncGenerator<TurnUpdate, void, undefined> {
  const { runner } = deps;
  if (runner.isDraining) {
    yield { type: 'refused', error: restarting.error };
    return;
  }
  await using claim = await runner.claim(plan.reply);
  if (!claim) {
    yield { type: 'taken' };
    return;
  }
  const refusal = (await plan.check?.()) ?? (plan.userText === undefined ? null : await moderationRefusal(deps.provider, plan.credentials, plan.userText));
  if (refusal) {
    yield { type: 'refused', error: refusal.error };
    return;
  }
  const fresh = await plan.begin();
  yield { type: 'accepted', fresh };
  if (!fresh) return;
  let job: ReplyJob;
  try {
    job = { ...(await plan.prepare()), ...plan.reply, credentials: plan.credentials };
  } catch (err) {
    await runner.abandon(plan.reply, claim, err);
    return;
  }
  yield { type: 'ended', outcome: await runner.run(job, claim, plan.persist) };
}

/**
 * Runs a turn until it can answer whoever asked; the reply goes on in the background. A throw
 * before that answer reaches the caller (the claim already let go).
 */
export async function startTurn(updates: AsyncGenerator<TurnUpdate, void, undefined>, onLateError: (err: unknown) => void): Promise<TurnStart> {
  const first = await updates.next();
  if (first.done || first.value.type === 'ended') throw new Error('a turn begins with how it began');
  void finish(updates).catch(onLateError);
  return first.value;
}

async function finish(updates: AsyncGenerator<TurnUpdate, void, undefined>): Promise<void> {
  while (!(await updates.next()).done);
}

/** Null when the sender's provider lets the text through (or cannot tell: moderation is best effort). */
export async function moderationRefusal(provider: LlmProvider, credentials: ProviderCredentials, text: string): Promise<Refusal | null> {
  const verdict = await provider.moderate(credentials, text).catch(() => null);
  if (!verdict?.flagged) return null;
  const reason = verdict.categories.length ? ` (${verdict.categories.join(', ')})` : '';
  return failure('moderation_flagged', `Your provider's moderation flagged this message${reason}, so it was not sent. Rephrase it and try again.`);
}
