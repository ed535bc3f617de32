/** What a reader can do to the messages of a session besides reading them; the Lab's test chat has none. */
export interface MessageActions {
  /** A new version can be asked for now: nothing is being written, and the session takes messages. */
  enabled: boolean;
  /** The session has ended: what was said stays as it is (its versions can still be looked through). */
  readOnly: boolean;
  regenerate(replyId: string): void;
  /** Resolves false when the edit was refused, so the editor stays open with the text. */
  edit(messageId: string, text: string): Promise<boolean>;
  showVersion(messageId: string): void;
}
