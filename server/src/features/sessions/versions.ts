import type { ChatMessage } from '@gptlab/common';
import type { MessageOutline } from '../../store/records.ts';

/**
 * A session's messages form a tree: each follows its parent, and versions of a message (an edited
 * question, a regenerated reply) are siblings of one role under one parent. The session shows one
 * branch, its messages not hidden; these functions read that tree from the store's outline.
 */
export class VersionTree {
  readonly #outline: readonly MessageOutline[];
  readonly #parent = new Map<string, string | null>();
  readonly #siblings = new Map<string, string[]>();
  readonly #byId = new Map<string, MessageOutline>();

  /** `outline`: every message of the session, hidden ones too, in seq order. */
  constructor(outline: readonly MessageOutline[]) {
    this.#outline = outline;
    let before: string | null = null;
    for (const message of outline) {
      // Stored before versions existed: it follows the message stored before it.
      const parent = message.parentId === undefined ? before : message.parentId;
      this.#parent.set(message.messageId, parent);
      this.#byId.set(message.messageId, message);
      const group = siblingKey(parent, message.role);
      const siblings = this.#siblings.get(group);
      if (siblings) siblings.push(message.messageId);
      else this.#siblings.set(group, [message.messageId]);
      before = message.messageId;
    }
  }

  has(messageId: string): boolean {
    return this.#parent.has(messageId);
  }

  parentOf(messageId: string): string | null {
    return this.#parent.get(messageId) ?? null;
  }

  /** Every version of the message, itself among them, oldest first. */
  versionsOf(messageId: string): string[] {
    const message = this.#find(messageId);
    return message ? (this.#siblings.get(siblingKey(this.parentOf(messageId), message.role)) ?? []) : [];
  }

  /** The messages the session shows, in order. */
  shown(): MessageOutline[] {
    return this.#outline.filter((m) => !m.hidden);
  }

  /** The last message shown: what a new message follows. */
  lastShown(): string | null {
    return this.shown().at(-1)?.messageId ?? null;
  }

  /** What a new version of `messageId` takes off the branch shown: the message and all shown after it. */
  replacedBy(messageId: string): string[] {
    const shown = this.shown();
    const from = shown.findIndex((m) => m.messageId === messageId);
    return from < 0 ? [] : shown.slice(from).map((m) => m.messageId);
  }

  /**
   * Showing another version of a message: the version shown now and what follows it go off the
   * branch; `target` comes on with the newest branch below it (its newest child, that one's newest
   * child, and so on).
   */
  switchTo(target: string): { hide: string[]; show: string[] } | null {
    const current = this.versionsOf(target).find((id) => !this.#find(id)?.hidden);
    if (current === undefined || current === target) return null;
    const show = [target];
    for (let child = this.#newestChild(target); child !== null; child = this.#newestChild(child)) show.push(child);
    return { hide: this.replacedBy(current), show };
  }

  #newestChild(parent: string): string | null {
    let newest: string | null = null;
    for (const message of this.#outline) if (this.#parent.get(message.messageId) === parent) newest = message.messageId;
    return newest;
  }

  #find(messageId: string): MessageOutline | undefined {
    return this.#byId.get(messageId);
  }
}

function siblingKey(parent: string | null, role: MessageOutline['role']): string {
  return `${role}\u0000${parent ?? ''}`;
}

/** The messages with the ids of their versions, where there is more than one. */
export function withVersions(messages: ChatMessage[], tree: VersionTree): ChatMessage[] {
  return messages.map((message) => {
    const versions = tree.versionsOf(message.id);
    return versions.length > 1 ? { ...message, versions } : message;
  });
}
