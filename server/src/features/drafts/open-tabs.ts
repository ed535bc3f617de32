import type { DraftPresence, DraftRole } from '@gptlab/common';

export interface OpenTab {
  tabId: string;
  draftId: string;
  userId: string;
  memberId: string;
  role: DraftRole;
  presence: DraftPresence;
}

/**
 * The tabs that joined each draft on this instance, with their presence. Being listed here is what
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

  presenceIn(draftId: string): DraftPresence[] {
    return [...(this.byDraft.get(draftId)?.values() ?? [])].map((tab) => tab.presence);
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
