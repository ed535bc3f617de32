/** The floor's whole protocol: a tab joins a session; one tab per session asks for replies. */
export type FloorRequest = { join: string } | { send: string; text: string; apiKey: string };

/** Sent to a session's sockets after the last chunk of a reply. */
export const END_FRAME = '\u0004';
