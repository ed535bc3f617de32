import type { AppError } from '@gptlab/common';
import type { Logger } from '../../logger.ts';
import { ProviderError, type LlmProvider, type ProviderCredentials } from '../../llm/provider.ts';
import { isStoreUnavailable, type Store } from '../../store/store.ts';
import type { IdentityCache } from './identity-cache.ts';
import { deriveIdentity, type DerivedIdentity } from './key-derivation.ts';

export interface IdentityServiceDeps {
  store: Store;
  provider: LlmProvider;
  cache: IdentityCache;
  serverSecret: Buffer;
  defaultBaseUrl: string;
  logger: Logger;
  /** Overrides the PBKDF2 cost; only tests and benchmarks lower it. */
  iterations?: number;
}

/** "Last seen" is kept to this precision: a reconnect storm must not become a write storm. */
const touchEveryMs = 10 * 60_000;
/** Users whose last touch this instance remembers; forgetting one costs one extra write. */
const touchMemory = 100_000;

export type SignInResult = { ok: true; identity: DerivedIdentity } | { ok: false; error: AppError };

/**
 * Turns an API key into a user. A key is proven once per instance by asking the provider for its
 * models; after that, reconnects of the same key cost a cache lookup, no derivation and no call.
 */
export class IdentityService {
  private readonly deps: IdentityServiceDeps;
  private readonly lastTouched = new Map<string, number>();

  constructor(deps: IdentityServiceDeps) {
    this.deps = deps;
  }

  async signIn(credentials: ProviderCredentials): Promise<SignInResult> {
    const { cache } = this.deps;
    try {
      const identity = await cache.get(`${credentials.baseUrl}\n${credentials.apiKey}`, () => this.proveAndDerive(credentials));
      await this.touch(identity.userId);
      this.deps.logger.debug({ user: identity.userId.slice(0, 12) }, '[identity] signed in');
      return { ok: true, identity };
    } catch (err) {
      if (err instanceof ProviderError) {
        this.deps.logger.info({ code: err.appError.code }, '[identity] sign-in refused');
        return { ok: false, error: err.appError };
      }
      this.deps.logger.error({ err }, '[identity] sign-in failed');
      return { ok: false, error: { code: 'internal', message: 'Sign-in failed on our side. Try again.' } };
    }
  }

  /** Best effort: a store that cannot write right now must not keep a known key from signing in. */
  private async touch(userId: string): Promise<void> {
    const now = Date.now();
    if (now - (this.lastTouched.get(userId) ?? 0) < touchEveryMs) return;
    try {
      await this.deps.store.touchUser(userId, new Date(now));
    } catch (err) {
      if (!isStoreUnavailable(err)) throw err;
      this.deps.logger.warn({ err: (err as Error).message }, '[identity] could not record "last seen"');
      return;
    }
    if (this.lastTouched.size >= touchMemory) this.lastTouched.clear();
    this.lastTouched.set(userId, now);
  }

  private async proveAndDerive(credentials: ProviderCredentials): Promise<DerivedIdentity> {
    const { serverSecret, defaultBaseUrl, iterations } = this.deps;
    const identity = await deriveIdentity(credentials.apiKey, credentials.baseUrl, defaultBaseUrl, serverSecret, iterations);
    try {
      await this.deps.provider.listModels(credentials);
    } catch (err) {
      // A provider that is down must not lock out a user we already know: their history is ours.
      const outage = err instanceof ProviderError && err.appError.code !== 'provider_auth';
      if (!outage || !(await this.deps.store.getUser(identity.userId))) throw err;
    }
    return identity;
  }
}
