import path from 'node:path';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import type { LlmProvider } from './llm/provider.ts';
import { TrustedProviders } from './llm/trusted-providers.ts';
import { LiveActivity } from './features/assistants/activity.ts';
import { AssistantService } from './features/assistants/service.ts';
import { seedExampleAssistants } from './features/assistants/seed.ts';
import { EchoHoldBack } from './features/guard/hold-back.ts';
import { PromptProfiles } from './features/guard/profile-cache.ts';
import { IncrementalLeakGuard, neutralReply } from './features/guard/service.ts';
import { semanticLayer } from './features/guard/semantic/semantic-guard.ts';
import { startSemanticCheck } from './features/guard/semantic/start.ts';
import { IdentityCache } from './features/identity/identity-cache.ts';
import { derivePromptKey } from './features/identity/key-derivation.ts';
import { loadServerSecret } from './features/identity/server-secret.ts';
import { IdentityService } from './features/identity/service.ts';
import { RateLimits } from './features/limits/service.ts';
import type { DraftBroadcaster } from './features/drafts/broadcaster.ts';
import { createDraftFeature } from './features/drafts/feature.ts';
import { SessionControls } from './features/sessions/controls.ts';
import { SessionHistory } from './features/sessions/history.ts';
import type { SessionBroadcaster } from './features/sessions/reply-events.ts';
import { ReplyRunner } from './features/sessions/reply-runner.ts';
import { SessionReplies } from './features/sessions/session-replies.ts';
import { SessionRewrites } from './features/sessions/rewrites.ts';
import { SessionService } from './features/sessions/service.ts';
import { Continuations } from './features/sessions/continuation.ts';
import { condensingTurns } from './features/sessions/turns.ts';
import { memoryRateLimits } from './realtime/rate-limit.ts';
import type { SharedState } from './realtime/shared-state.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';

export interface ServiceDeps {
  logger: Logger;
  provider: LlmProvider;
  store?: Store;
  keyDerivationIterations?: number;
}

/** Every feature's service, built once per server from config; the transport layer only calls them. */
export interface Broadcasts {
  sessions: SessionBroadcaster;
  activity: (assistantId: string, activeSessions: number) => void;
  drafts: DraftBroadcaster;
}

export async function createServices(config: Config, deps: ServiceDeps, broadcasts: Broadcasts, shared: SharedState) {
  const broadcaster = broadcasts.sessions;
  const { logger, provider } = deps;
  const store = deps.store ?? (await openStore({ mongodbUrl: config.mongodbUrl, mongoDbName: config.mongoDbName, sqlitePath: path.join(config.dataDir, 'gptlab.sqlite') }));
  const serverSecret = loadServerSecret({ configured: config.serverSecret, production: config.environment === 'production', dataDir: config.dataDir });
  const promptKey = derivePromptKey(serverSecret);
  if (config.seedExamples) await seedExampleAssistants(store, promptKey, config.defaultModel);

  const identity = new IdentityService({
    store,
    provider,
    cache: new IdentityCache(),
    serverSecret,
    defaultBaseUrl: config.providerBaseUrl,
    logger,
    iterations: deps.keyDerivationIterations,
  });
  const assistants = new AssistantService(store, promptKey, new TrustedProviders(config.providerBaseUrl, config.trustedProviderUrls));
  const activity = new LiveActivity(shared.activity, broadcasts.activity, logger);
  activity.startSweeping();
  const { registry, stopRelay } = shared;
  const runner = new ReplyRunner({ provider, broadcaster, registry, stopRelay, batchWindowMs: config.deltaBatchWindowMs, checkpointMs: config.replyCheckpointMs, logger });
  const profiles = new PromptProfiles();
  const semantic = await startSemanticCheck(config.guardSemantic, logger);
  const withSemantic = semanticLayer(semantic, logger);
  const createGuard = (prompt: string, earlierReplies: readonly string[] = []) =>
    withSemantic(prompt, Object.assign(new IncrementalLeakGuard(profiles.of(prompt), { baselineThreshold: config.guardBaselineThreshold, earlierReplies }), { replacement: neutralReply }), earlierReplies);
  const createHoldBack = (prompt: string) => new EchoHoldBack(prompt);
  const replies = new SessionReplies({ store, provider, assistants, buildTurns: condensingTurns(provider), createGuard, createHoldBack });
  const sessions = new SessionService({
    store,
    provider,
    assistants,
    runner,
    activity,
    broadcaster,
    replies,
    continuations: new Continuations({ store, provider, createGuard, logger }),
    defaultModel: config.defaultModel,
    logger,
  });
  const controls = new SessionControls({ store, provider, assistants, runner, activity, broadcaster, createGuard, createHoldBack, logger });
  const rewrites = new SessionRewrites({ store, provider, runner, broadcaster, replies, logger });
  const history = new SessionHistory(store, registry);
  const rateLimits = new RateLimits(config.rateLimits, shared.rateLimits, memoryRateLimits(logger));
  const lab = createDraftFeature({
    store, promptKey, provider, runner, registry, relay: shared.draftRelay, broadcaster: broadcasts.drafts, sessionBroadcaster: broadcaster,
    buildTurns: condensingTurns(provider), defaultModel: config.defaultModel, logger,
  });
  return { store, identity, assistants, activity, sessions, controls, rewrites, history, runner, limits: rateLimits, lab, semantic };
}

export type Services = Awaited<ReturnType<typeof createServices>>;
