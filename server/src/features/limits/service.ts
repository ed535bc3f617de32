import { failure } from '@gptlab/common';
import type { RateLimit, RateLimitFactory } from '../../realtime/rate-limit.ts';
import type { RateLimitsConfig } from './config.ts';

export type Refusal = ReturnType<typeof failure>;

/** Who is asking: limits count per user and per network address. */
export interface Requester {
  userId: string;
  address: string;
}

/** "12 seconds", "3 minutes": when a refused user may try again. */
export function retryIn(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

function isMiss(answer: { ok: boolean }): boolean {
  return !answer.ok && (answer as Refusal).error.code === 'not_found';
}

const refused = (message: string, waitMs: number): Refusal => failure('rate_limited', `${message} Try again in ${retryIn(waitMs)}.`);

/**
 * The rate limits of messages, sessions, sign-ins and requests. User and address limits are shared
 * across instances (`shared`); a socket's own request rate is counted where the socket lives (`local`).
 */
export class RateLimits {
  readonly tabsPerUser: number;
  private readonly messagesPerUser: RateLimit;
  private readonly messagesPerIp: RateLimit;
  private readonly sessionsPerUser: RateLimit;
  private readonly sessionsPerIp: RateLimit;
  private readonly draftEditsPerUser: RateLimit;
  private readonly signInsPerIp: RateLimit;
  private readonly connectionsPerIp: RateLimit;
  private readonly failedSignInsPerIp: RateLimit;
  private readonly codeMissesPerUser: RateLimit;
  private readonly codeMissesPerIp: RateLimit;
  private readonly socketEvents: RateLimit;

  constructor(rules: RateLimitsConfig, shared: RateLimitFactory, local: RateLimitFactory) {
    this.tabsPerUser = rules.tabsPerUser;
    this.messagesPerUser = shared('messages-user', rules.messagesPerUser);
    this.messagesPerIp = shared('messages-ip', rules.messagesPerIp);
    this.sessionsPerUser = shared('sessions-user', rules.sessionsPerUser);
    this.sessionsPerIp = shared('sessions-ip', rules.sessionsPerIp);
    this.draftEditsPerUser = shared('draft-edits-user', rules.draftEditsPerUser);
    this.signInsPerIp = shared('sign-ins-ip', rules.signInsPerIp);
    this.connectionsPerIp = shared('connections-ip', rules.connectionsPerIp);
    this.failedSignInsPerIp = shared('failed-sign-ins-ip', rules.failedSignInsPerIp);
    this.codeMissesPerUser = shared('code-misses-user', rules.codeMissesPerUser);
    this.codeMissesPerIp = shared('code-misses-ip', rules.codeMissesPerIp);
    this.socketEvents = local('socket-events', rules.socketEvents);
  }

  /** Before a handshake is looked at: an address that failed too often waits, whatever key it brings now. */
  async signIn(address: string): Promise<Refusal | null> {
    const blocked = await this.failedSignInsPerIp.refusedFor(address);
    if (blocked) return refused('Too many sign-ins with a wrong key came from your network.', blocked);
    const wait = await this.signInsPerIp.consume(address);
    return wait ? refused('Too many connections are being opened from your network.', wait) : null;
  }

  /** Every new engine connection, signed in or not: refused past the limit before it can hold anything. */
  async connection(address: string): Promise<Refusal | null> {
    const wait = await this.connectionsPerIp.consume(address);
    return wait ? refused('Too many connections are being opened from your network.', wait) : null;
  }

  async signInFailed(address: string): Promise<void> {
    await this.failedSignInsPerIp.consume(address);
  }

  /**
   * Runs a lookup by share code unless this user or network has missed too often; a miss (the
   * answer `not_found`) counts. Codes are too many to enumerate anyway; this makes trying cost time.
   */
  async guessingCodes<T extends { ok: boolean }>(who: Requester, code: string | undefined, lookUp: () => Promise<T | Refusal>): Promise<T | Refusal> {
    if (code === undefined) return lookUp();
    const blocked = (await this.codeMissesPerUser.refusedFor(who.userId)) ?? (await this.codeMissesPerIp.refusedFor(who.address));
    if (blocked) return refused('Too many assistant codes that do not exist were tried.', blocked);
    const answer = await lookUp();
    if (isMiss(answer)) {
      await this.codeMissesPerUser.consume(who.userId);
      await this.codeMissesPerIp.consume(who.address);
    }
    return answer;
  }

  async message(who: Requester): Promise<Refusal | null> {
    const wait = (await this.messagesPerUser.consume(who.userId)) ?? (await this.messagesPerIp.consume(who.address));
    return wait ? refused('You are sending messages faster than this server allows.', wait) : null;
  }

  async newSession(who: Requester): Promise<Refusal | null> {
    const wait = (await this.sessionsPerUser.consume(who.userId)) ?? (await this.sessionsPerIp.consume(who.address));
    return wait ? refused('You have started many sessions in a short time.', wait) : null;
  }

  /** The tab keeps a refused edit and sends it again, so refusing loses nothing and the user need not retry. */
  async draftEdit(userId: string): Promise<Refusal | null> {
    const wait = await this.draftEditsPerUser.consume(userId);
    if (!wait) return null;
    return failure('rate_limited', `Saving is paused: you are editing drafts faster than this server allows. Your changes are kept in this tab and saved automatically in about ${retryIn(wait)}.`);
  }

  async socketEvent(socketId: string): Promise<Refusal | null> {
    const wait = await this.socketEvents.consume(socketId);
    return wait ? refused('This tab is sending requests too fast.', wait) : null;
  }

  forgetSocket(socketId: string): void {
    this.socketEvents.forget(socketId);
  }

  tooManyTabs(): Refusal {
    return failure('rate_limited', `Your key already has GPT Lab open in ${this.tabsPerUser} tabs or devices, the most allowed at once. Close one, then reload this page.`);
  }
}
