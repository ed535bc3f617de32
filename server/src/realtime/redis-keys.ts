/** Every Redis key the app uses, in one place, so instances built from one release agree. */
export const redisKeys = {
  replyMeta: (sessionId: string) => `gptlab:reply:${sessionId}`,
  replyParts: (sessionId: string) => `gptlab:reply:${sessionId}:parts`,
  instance: (instanceId: string) => `gptlab:instance:${instanceId}`,
  instanceReplies: (instanceId: string) => `gptlab:instance-replies:${instanceId}`,
  instances: 'gptlab:instances',
  reaping: (instanceId: string) => `gptlab:reaping:${instanceId}`,
  activeSessions: (assistantId: string) => `gptlab:active:${assistantId}`,
  activeAssistants: 'gptlab:active-assistants',
  /** Prefix of a rate limit's counters; rate-limiter-flexible appends the counted key. */
  rateLimit: (name: string) => `gptlab:limit:${name}`,
  userTabs: (userId: string) => `gptlab:tabs:${userId}`,
};
