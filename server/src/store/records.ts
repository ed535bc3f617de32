/**
 * What the store keeps. Anything a user wrote (messages, summaries, first words of a session) is
 * stored only as a `Sealed` string, encrypted before it reaches the store; prompts likewise under
 * the server secret. The store never sees plaintext of either.
 */

/** A tweetnacl secretbox, serialised as `v1.<base64 nonce>.<base64 box>`. */
export type Sealed = string;

export interface UserRecord {
  /** PBKDF2 of the API key: the only identity a user has. */
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
}

export interface ModelSettings {
  model: string;
  temperature: number;
  maxTokens: number;
  topP: number;
  frequencyPenalty: number;
  presencePenalty: number;
}

export type CondensingMode = 'rolling' | 'summarize';

export interface AssistantRecord {
  id: string;
  /** Short share code, unique, not sequential. */
  code: string;
  ownerId: string;
  name: string;
  tagline: string;
  description: string;
  /** The secret system prompt, sealed with the server secret. */
  sealedPrompt: Sealed;
  /** The prompt that asks for a session recap, sealed with the server secret. */
  sealedSummaryPrompt: Sealed;
  settings: ModelSettings;
  condensing: CondensingMode;
  starters: string[];
  /** Set by an operator, never by a user. */
  showcased: boolean;
  /**
   * The owner lets it run for users signed in with any provider, which then sees the prompt. Off by
   * default, and for every assistant stored before the option existed: only trusted providers do.
   */
  anyProvider: boolean;
  /** The owner hid it from their own list. */
  hidden: boolean;
  /** Deleted by its owner: gone from listings, past sessions stay readable. */
  deletedAt: Date | null;
  sessionCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface DraftRecord {
  id: string;
  ownerId: string;
  /** The published assistant this draft edits, if any. */
  assistantId: string | null;
  /**
   * The document as the draft was created (a Yjs update), sealed with the server secret (it holds
   * the prompt). Every edit since is in the draft's update log: the document is this plus the log.
   */
  sealedState: Sealed;
  editorIds: string[];
  /** The owner's current invite token, sealed with the server secret; null when none was made. */
  sealedInvite: Sealed | null;
  /** The session holding the shared test chat; a reset starts a new one. */
  testSessionId: string;
  createdAt: Date;
  updatedAt: Date;
}

/** One entry of a draft's update log: a Yjs update (base64), sealed with the server secret. */
export interface DraftUpdateRecord {
  draftId: string;
  /** Assigned by the store: distinct within a draft, increasing, possibly with gaps. */
  seq: number;
  sealedUpdate: Sealed;
  createdAt: Date;
}

export type NewDraftUpdate = Omit<DraftUpdateRecord, 'seq'>;

export interface TokenUsageTotals {
  promptTokens: number;
  completionTokens: number;
}

export interface SessionRecord {
  id: string;
  userId: string;
  /** Null for a plain chat with the model, outside any assistant. */
  assistantId: string | null;
  model: string;
  /** The first words of the conversation, sealed with the user's key, for the session list. */
  sealedPreview: Sealed | null;
  /** The title its user gave it, sealed with the user's key; null for the first words to stand in (and on sessions stored before titles). */
  sealedTitle: Sealed | null;
  sealedSummary: Sealed | null;
  /** The condensed older part of a long conversation (JSON), sealed with the user's key. */
  sealedContext: Sealed | null;
  /** The session this one carries on from, when a conversation grew too long for its model; null otherwise (and on sessions stored before). */
  continuedFrom: ContinuedFrom | null;
  rating: 'up' | 'down' | null;
  usage: TokenUsageTotals;
  createdAt: Date;
  updatedAt: Date;
  endedAt: Date | null;
}

/** What a new session keeps of the one it carries on from, sealed with the user's key. */
export interface ContinuedFrom {
  sessionId: string;
  /** That session's title when this one began. */
  sealedTitle: Sealed;
  /** A summary of that conversation: the model reads it as context, no tab is sent it. */
  sealedSummary: Sealed;
}

export type MessageRole = 'user' | 'assistant';
/** `writing`: a checkpoint of a reply still being written; read back as interrupted once nobody writes it. */
export type MessageStatus = 'complete' | 'truncated' | 'stopped' | 'failed' | 'interrupted' | 'writing';
export const messageStatuses: readonly MessageStatus[] = ['complete', 'truncated', 'stopped', 'failed', 'interrupted', 'writing'];

export interface MessageRecord {
  sessionId: string;
  /** Position in the session, assigned by the store; increasing, possibly with gaps. */
  seq: number;
  /** Id the writer chose; writing the same id twice stores the message once. */
  messageId: string;
  role: MessageRole;
  sealedText: Sealed;
  status: MessageStatus;
  createdAt: Date;
  /** The model that wrote a reply; absent on user messages and on replies stored before it was kept. */
  model?: string;
  /**
   * Why a failed or interrupted reply ended (an ErrorCode such as `context_too_long`), so a reloaded
   * page offers what the live one did. Plain: a code says nothing of the conversation.
   */
  errorCode?: string;
  /**
   * The message this one answers or follows on its branch; null for the first of a session. A
   * message stored before versions existed has none: it follows the message stored before it.
   */
  parentId?: string | null;
  /** On a branch the session does not show: an earlier version of an edited or regenerated message, or what followed one. */
  hidden?: boolean;
  /** The prompt-leak guard withdrew this reply: its text is the neutral replacement. Absent otherwise. */
  withdrawn?: boolean;
}

/** A message without its text: enough to tell versions and branches apart. */
export type MessageOutline = Pick<MessageRecord, 'seq' | 'messageId' | 'role' | 'parentId' | 'hidden'>;

export type NewMessage = Omit<MessageRecord, 'seq'>;
/** What rewriting a stored message may change: a reply written over its checkpoints. */
export type MessagePatch = Pick<MessageRecord, 'sealedText' | 'status' | 'errorCode' | 'withdrawn'>;
