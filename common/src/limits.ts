/** Sizes, rates and timings that client and server must agree on. */
export const limits = {
  /** Bumped whenever the event contract changes incompatibly; a stale tab is told to reload. */
  protocolVersion: 2,
  apiKeyMaxLength: 512,
  baseUrlMaxLength: 2048,
  messageMaxChars: 32_000,
  modelIdMaxLength: 200,
  /** Socket.IO refuses frames above this; far below its 1 MB default (DESIGN.md section 5). */
  maxHttpBufferSize: 256 * 1024,
  /** Tokens are batched for this long before one delta event goes out (peers use 16–50 ms). */
  deltaBatchWindowMs: 16,
  /**
   * Default rate of requests one tab may make, whatever the event. A tab that reopens its sessions
   * after a reconnect must pace itself under this; the server may be configured higher, not lower.
   */
  socketEventsPerWindow: 300,
  socketEventWindowMs: 10_000,
  /**
   * One page of a session's history (session:open, then session:history going back): at most this
   * many messages, and it stops once about historyPageChars of text are in it (one message at least),
   * so opening a long session costs the same as opening a short one.
   */
  historyPageMessages: 50,
  historyPageChars: 200_000,
  /** A session's title, as its user names it; the first words stand in for it (as long at most). */
  sessionTitleMaxChars: 120,
  /**
   * Titles and first words are sealed, so a search of the history is done by the server on a page it
   * unseals: one request looks at this many sessions at most, and its cursor goes on from there.
   */
  sessionSearchScan: 300,
  /** Default number of tabs (sockets) one user may have open at once, over all devices. */
  tabsPerUser: 20,
  /** The Lab's drafts: field lengths and ranges are in schemas/draft.ts (`draftFieldLimits`). */
  draft: {
    /** One `draft:update` or `draft:sync` update; a tab sends a larger paste in several transactions. */
    updateMaxBytes: 192 * 1024,
    /** The whole stored document; past this, edits are refused until the draft is published or trimmed. */
    stateMaxBytes: 4 * 1024 * 1024,
    /**
     * A tab coalesces its local Yjs updates (Y.mergeUpdates) and sends at most one `draft:update`
     * per this interval: typing stays well inside the per-tab request rate above.
     */
    sendIntervalMs: 100,
    /**
     * Awareness (who is here, and their carets): y-protocols renews a tab's state every 15 s and
     * drops a co-editor's after 30 s of silence. A tab sends at most one update per
     * awarenessIntervalMs; the server relays at most awarenessPerSecond of a tab's and drops the
     * rest, and refuses an update over awarenessMaxBytes (one state with a cursor is ~200 bytes).
     */
    awarenessIntervalMs: 100,
    awarenessPerSecond: 20,
    awarenessMaxBytes: 2 * 1024,
    editorsMax: 10,
    /** Drafts one user may own at once. */
    ownedMax: 50,
  },
} as const;
