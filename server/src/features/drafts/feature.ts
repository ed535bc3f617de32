import type { Logger } from '../../logger.ts';
import type { LlmProvider } from '../../llm/provider.ts';
import type { DraftRelay } from '../../realtime/draft-relay.ts';
import type { ReplyRegistry } from '../../realtime/reply-registry.ts';
import type { Store } from '../../store/store.ts';
import type { SessionBroadcaster } from '../sessions/reply-events.ts';
import type { ReplyRunner } from '../sessions/reply-runner.ts';
import type { TurnBuilder } from '../sessions/turns.ts';
import type { DraftBroadcaster } from './broadcaster.ts';
import { LiveDrafts } from './live-drafts.ts';
import { OpenTabs } from './open-tabs.ts';
import { DraftService } from './service.ts';
import { DraftSharing } from './sharing.ts';
import { DraftTestChat } from './test-chat.ts';

export interface DraftFeatureDeps {
  store: Store;
  promptKey: Uint8Array;
  provider: LlmProvider;
  runner: ReplyRunner;
  registry: ReplyRegistry;
  relay: DraftRelay;
  broadcaster: DraftBroadcaster;
  sessionBroadcaster: SessionBroadcaster;
  buildTurns: TurnBuilder;
  defaultModel: string;
  logger: Logger;
}

/** The Lab, wired: live documents, open tabs, the test chat, and the services the socket layer calls. */
export function createDraftFeature(deps: DraftFeatureDeps) {
  const { store, promptKey, relay, broadcaster, logger } = deps;
  const live = new LiveDrafts({ store, promptKey, relay, broadcaster, logger });
  const testChat = new DraftTestChat({ ...deps, broadcaster: deps.sessionBroadcaster });
  const drafts = new DraftService({ store, promptKey, live, tabs: new OpenTabs(), relay, broadcaster, testChat, defaultModel: deps.defaultModel });
  const sharing = new DraftSharing({ store, promptKey, live, relay, broadcaster, drafts });
  return { drafts, sharing, live };
}
