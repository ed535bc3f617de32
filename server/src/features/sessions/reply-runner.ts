import { setTimeout as sleep } from 'node:timers/promises';
import type { AppError, ReplyStarted, ReplyStatus, TokenUsage } from '@gptlab/common';
import type { Logger } from '../../logger.ts';
import { modelKindOf } from '../../llm/model-kind.ts';
import { ProviderError, type ConversationTurn, type LlmProvider, type ProviderCredentials, type Sampling } from '../../llm/provider.ts';
import { DeltaBatcher } from '../../realtime/delta-batcher.ts';
import type { ReplyRegistry } from '../../realtime/reply-registry.ts';
import type { StopRelay } from '../../realtime/stop-relay.ts';
import { tokenCounterFor } from '../condensing/token-count.ts';
import { Checkpoints } from './checkpoints.ts';
import { ReplyClaim } from './reply-claim.ts';
import type { SessionBroadcaster } from './reply-events.ts';

const registryClearWaitMs = 1_000;
const interruptedByRestart: AppError = { code: 'reply_interrupted', message: 'The server restarted before this reply was finished. The text so far is kept; try again.' };

/** Why a reply is stopped when the server shuts down: stored as interrupted, not as stopped by the user. */
class ShuttingDown extends Error {
  override name = 'ShuttingDown';
}

/** Watches a reply as it streams; 'leak' withdraws it. */
export interface ReplyGuard {
  push(delta: string): 'ok' | 'leak';
  finish(): 'ok' | 'leak';
  /** Once finish() said 'ok': a slower judgement (the semantic check), awaited before held text goes out or anything is stored. */
  settle?(): Promise<'ok' | 'leak'>;
  /** For whoever may not read the prompt: `holdBack` with what this guard has not judged yet held as well. */
  guardedHoldBack?(holdBack: HoldBack): HoldBack;
  readonly replacement: string;
}

/** Keeps back the text that could still turn out to be a leak, until the guard has seen what follows. */
export interface HoldBack {
  /** The text that may go out now. */
  push(delta: string): string;
  /** The rest, once the guard cleared the whole reply. */
  flush(): string;
  /** Text the guard clears between two deltas (a slower judgement coming back) goes to `send` at once. */
  onRelease?(send: (text: string) => void): void;
}

/** Which reply of which session: all a claim and the tabs' events need. */
export interface ReplyRef {
  sessionId: string;
  replyId: string;
  kind: ReplyStarted['kind'];
}

export interface ReplyJob extends ReplyRef {
  model: string;
  turns: ConversationTurn[];
  sampling?: Sampling;
  credentials: ProviderCredentials;
  guard?: ReplyGuard;
  /** Only with a guard: for whoever may not read the prompt. */
  holdBack?: HoldBack;
  /** Stores the text sent so far while the reply streams, so a killed server loses little of it. */
  checkpoint?: (textSoFar: string) => Promise<void>;
}

export interface ReplyOutcome {
  text: string;
  status: ReplyStatus;
  deltaCount: number;
  error?: AppError;
  usage?: TokenUsage;
  /** The reply reproduced the secret prompt; `text` is the neutral replacement. */
  retracted: boolean;
}

export interface ReplyRunnerDeps {
  provider: LlmProvider;
  broadcaster: SessionBroadcaster;
  registry: ReplyRegistry;
  stopRelay: StopRelay;
  batchWindowMs: number;
  /** How often `ReplyJob.checkpoint` is called at most. */
  checkpointMs: number;
  logger: Logger;
}

/**
 * What a reply cost when the provider did not say: the request and the text counted with the
 * model's tokenizer. A reply that never reached the provider (failed with no text) cost nothing.
 */
async function estimatedUsage(job: ReplyJob, text: string): Promise<TokenUsage | undefined> {
  if (!text) return undefined;
  const counter = await tokenCounterFor(job.model);
  return { promptTokens: counter.countChat(job.turns), completionTokens: counter.countText(text), estimated: true };
}

/**
 * Runs one reply at a time per session: streams it to the session's tabs in batched, numbered
 * deltas, keeps its text so far for tabs that catch up, lets any tab stop it, and hands the outcome
 * to `persist` before announcing the end, so a tab never sees a finished reply that is not stored.
 */
export class ReplyRunner {
  private readonly controllers = new Map<string, AbortController>();
  private readonly running = new Set<Promise<ReplyOutcome>>();
  private draining = false;
  private readonly deps: ReplyRunnerDeps;

  constructor(deps: ReplyRunnerDeps) {
    this.deps = deps;
    deps.stopRelay.onStopRequested((sessionId) => this.controllers.get(sessionId)?.abort());
  }

  /** Shutting down: no new reply starts here; tabs will reconnect to another instance. */
  get isDraining(): boolean {
    return this.draining;
  }

  /** Stops the session's reply, wherever it is being written; false if there is none. */
  async stop(sessionId: string): Promise<boolean> {
    const controller = this.controllers.get(sessionId);
    if (controller) {
      controller.abort();
      return true;
    }
    if (!(await this.deps.registry.snapshot(sessionId))) return false;
    this.deps.stopRelay.requestStop(sessionId);
    return true;
  }

  /** Claims the session for a reply; null if one is being written already. */
  async claim(job: ReplyRef): Promise<ReplyClaim | null> {
    if (this.controllers.has(job.sessionId)) return null;
    const controller = new AbortController();
    this.controllers.set(job.sessionId, controller);
    // A registry that cannot answer (Redis away) throws: the session must not stay claimed here.
    const claimed = await this.deps.registry.begin(job.sessionId, job.replyId, job.kind).catch((err: unknown) => {
      this.controllers.delete(job.sessionId);
      throw err;
    });
    if (!claimed) {
      this.controllers.delete(job.sessionId);
      return null;
    }
    return new ReplyClaim(job.sessionId, async () => {
      if (this.controllers.get(job.sessionId) === controller) this.controllers.delete(job.sessionId);
      await this.deps.registry.end(job.sessionId);
    });
  }

  async currentReplyId(sessionId: string): Promise<string | null> {
    return (await this.deps.registry.snapshot(sessionId))?.replyId ?? null;
  }

  /** Ends a claimed reply that could not even be prepared, telling its tabs so. */
  async abandon(job: ReplyRef, claim: ReplyClaim, err: unknown): Promise<void> {
    this.deps.logger.error({ err, sessionId: job.sessionId }, '[sessions] could not prepare the reply');
    await claim.release();
    const error = { code: 'internal' as const, message: 'Something went wrong before the reply could start. Try again.' };
    // Named field by field: callers pass the whole job, whose credentials must never be broadcast.
    const { sessionId, replyId, kind } = job;
    this.deps.broadcaster.replyEnded({ sessionId, replyId, kind, status: 'failed', deltaCount: 0, error });
  }

  /**
   * For a graceful shutdown: lets replies in flight finish for up to `graceMs`, then stops the rest,
   * which are stored as stopped. Resolves once every reply is stored and announced.
   */
  async drain(graceMs: number): Promise<void> {
    this.draining = true;
    const settled = () => Promise.allSettled([...this.running]);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
    if ((await Promise.race([settled(), deadline])) === 'late') {
      for (const controller of this.controllers.values()) controller.abort(new ShuttingDown());
    }
    clearTimeout(timer);
    await settled();
  }

  /** Streams a claimed reply to its end and lets go of its claim. Never throws. */
  run(job: ReplyJob, claim: ReplyClaim, persist: (outcome: ReplyOutcome) => Promise<void>): Promise<ReplyOutcome> {
    const running = this.runToEnd(job, claim, persist).finally(() => this.running.delete(running));
    this.running.add(running);
    return running;
  }

  private async runToEnd(job: ReplyJob, claim: ReplyClaim, persist: (outcome: ReplyOutcome) => Promise<void>): Promise<ReplyOutcome> {
    const { broadcaster } = this.deps;
    const signal = this.controllers.get(job.sessionId)?.signal ?? AbortSignal.abort();
    broadcaster.replyStarted({ sessionId: job.sessionId, replyId: job.replyId, kind: job.kind });
    let outcome = await this.stream(job, signal);
    try {
      await persist(outcome);
    } catch (err) {
      this.deps.logger.error({ err, sessionId: job.sessionId }, '[sessions] could not store the reply');
      outcome = { ...outcome, status: 'failed', error: { code: 'internal', message: 'The reply could not be saved. Try again.' } };
    }
    const { sessionId, replyId, kind } = job;
    // Let go before the end is announced, so no tab can open the session after the announcement
    // and still find the reply "in flight" (a reply without text is not stored to supersede it).
    // Bounded: with Redis away the clear is queued, and the tabs should not wait for Redis.
    const cleared = claim.release().catch((err: unknown) => this.deps.logger.warn({ err, sessionId }, '[sessions] could not clear the finished reply'));
    await Promise.race([cleared, sleep(registryClearWaitMs)]);
    this.deps.logger.info({ sessionId, replyId, kind, status: outcome.status, deltas: outcome.deltaCount, error: outcome.error?.code, usage: outcome.usage }, '[sessions] reply ended');
    broadcaster.replyEnded({ sessionId, replyId, kind, status: outcome.status, deltaCount: outcome.deltaCount, error: outcome.error, usage: outcome.usage });
    return outcome;
  }

  private async stream(job: ReplyJob, signal: AbortSignal): Promise<ReplyOutcome> {
    const { sessionId, replyId } = job;
    const leakStop = new AbortController();
    const holdBack = job.holdBack && job.guard?.guardedHoldBack ? job.guard.guardedHoldBack(job.holdBack) : job.holdBack;
    const checkpoints = job.checkpoint && new Checkpoints(job.checkpoint, this.deps.checkpointMs, (err) => this.deps.logger.warn({ err, sessionId }, '[sessions] could not checkpoint the reply'));
    let sent = '';
    const batcher = new DeltaBatcher(this.deps.batchWindowMs, (seq, text) => {
      this.deps.registry.append(sessionId, seq, text);
      this.deps.broadcaster.delta({ sessionId, replyId, seq, text });
      if (!checkpoints) return;
      sent += text;
      checkpoints.offer(sent);
    });
    // Off once the reply is withdrawn or done: nothing judged late may reach a tab after that.
    let releasing = true;
    holdBack?.onRelease?.((cleared) => {
      if (releasing && !leakStop.signal.aborted) batcher.push(cleared);
    });
    let text = '';
    let truncated = false;
    let usage: TokenUsage | undefined;
    let error: AppError | undefined;
    const request = { model: job.model, kind: modelKindOf(job.model), turns: job.turns, sampling: job.sampling, signal: AbortSignal.any([signal, leakStop.signal]) };
    try {
      for await (const event of this.deps.provider.streamReply(job.credentials, request)) {
        if (event.type === 'usage') {
          usage = event.usage;
          continue;
        }
        if (event.type === 'truncated') {
          truncated = true;
          continue;
        }
        text += event.text;
        if (job.guard?.push(event.text) === 'leak') {
          leakStop.abort();
          break;
        }
        const cleared = holdBack ? holdBack.push(event.text) : event.text;
        if (cleared) batcher.push(cleared);
      }
    } catch (err) {
      error = this.describeFailure(err, sessionId);
    }
    if (job.guard && (leakStop.signal.aborted || job.guard.finish() === 'leak' || (await job.guard.settle?.()) === 'leak')) {
      releasing = false;
      batcher.discard();
      await checkpoints?.close();
      return await this.retract(job, batcher.sentCount, usage);
    }
    // Cleared whole: what was held goes out, before the end is announced.
    releasing = false;
    const held = holdBack?.flush();
    if (held) batcher.push(held);
    batcher.flush();
    // The final write must land after any checkpoint, never under it.
    await checkpoints?.close();
    const shutDown = signal.aborted && signal.reason instanceof ShuttingDown;
    if (shutDown) error = interruptedByRestart;
    const status: ReplyStatus = shutDown ? 'interrupted' : error ? 'failed' : signal.aborted ? 'stopped' : truncated ? 'truncated' : 'complete';
    return { text, status, deltaCount: batcher.sentCount, error, usage: usage ?? (await estimatedUsage(job, text)), retracted: false };
  }

  /** Withdraws a leaking reply from every tab; only the neutral replacement is ever stored. */
  private async retract(job: ReplyJob, deltaCount: number, usage: TokenUsage | undefined): Promise<ReplyOutcome> {
    const replacement = job.guard?.replacement ?? '';
    await this.deps.registry.replaceText(job.sessionId, replacement);
    this.deps.logger.warn({ sessionId: job.sessionId }, '[guard] reply withdrawn: it reproduced the prompt');
    this.deps.broadcaster.replyRetracted({ sessionId: job.sessionId, replyId: job.replyId, replacement });
    return { text: replacement, status: 'complete', deltaCount, usage, retracted: true };
  }

  private describeFailure(err: unknown, sessionId: string): AppError {
    if (err instanceof ProviderError) return err.appError;
    this.deps.logger.error({ err, sessionId }, '[sessions] reply failed unexpectedly');
    return { code: 'internal', message: 'Something went wrong while writing the reply. Try again.' };
  }
}
