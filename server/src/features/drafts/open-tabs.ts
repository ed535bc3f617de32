import type { AwarenessEntry, DraftPresence, DraftRole } from '@gptlab/common';
import type { AwarenessPace } from './awareness.ts';

export interface OpenTab {
  tabId: string;
  draftId: string;
  userId: string;
  memberId: string;
  role: DraftRole;
  /** Who co-editors see: stamped onto every awareness state of this tab. */
  identity: Omit<DraftPresence, 'cursor'>;
  /** The tab's latest awareness state as relayed, with who it is stamped on; null until it sends one. */
  awareness: AwarenessEntry | null;
  pace: AwarenessPace;
}

/**
 * The tabs that joined each draft on this instance, with their awareness. Being listed here is what
 * lets a tab edit, sync or test: a revoked or discarded tab is removed at once, on every instance.
 */
export class OpenTabs {
  private readonly byDraft = new Map<string, Map<string, OpenTab>>();
  private readonly byTab = new Map<string, Set<string>>();

  add(tab: OpenTab): void {
    const tabs = this.byDraft.get(tab.draftId) ?? new Map<string, OpenTab>();
    this.byDraft.set(tab.draftId, tabs.set(tab.tabId, tab));
    this.byTab.set(tab.tabId, (this.byTab.get(tab.tabId) ?? new Set<string>()).add(tab.draftId));
  }

  get(draftId: string, tabId: string): OpenTab | undefined {
    return this.byDraft.get(draftId)?.get(tabId);
  }

  in(draftId: string): OpenTab[] {
    return [...(this.byDraft.get(draftId)?.values() ?? [])];
  }

  /** The awareness of this instance's tabs in the draft (those that sent one), for a tab joining anywhere. */
  awarenessIn(draftId: string, exceptTab?: string): AwarenessEntry[] {
    return this.in(draftId).flatMap((tab) => (tab.awareness?.state && tab.tabId !== exceptTab ? [tab.awareness] : []));
  }

  /** Removes tabs of the draft that match (all of them by default); returns what was removed. */
  remove(draftId: string, matches: (tab: OpenTab) => boolean = () => true): OpenTab[] {
    const tabs = this.byDraft.get(draftId);
    if (!tabs) return [];
    const removed = [...tabs.values()].filter(matches);
    for (const tab of removed) {
      tabs.delete(tab.tabId);
      this.byTab.get(tab.tabId)?.delete(draftId);
      if (this.byTab.get(tab.tabId)?.size === 0) this.byTab.delete(tab.tabId);
    }
    if (tabs.size === 0) this.byDraft.delete(draftId);
    return removed;
  }

  /** Every draft a tab (socket) had joined, for when it disconnects. */
  draftsOf(tabId: string): string[] {
    return [...(this.byTab.get(tabId) ?? [])];
  }
}
