import type { ConversationTurn } from './provider.ts';

/** Completion (non-chat) models continue a plain text; these markers let them tell turns apart. */
export const userMarker = '\nUser:';
export const assistantMarker = '\nAssistant:';

/** Stop sequences end the reply where the model would start writing the user's next turn. */
export const completionStops = [userMarker, assistantMarker];

export function buildCompletionPrompt(turns: ConversationTurn[]): string {
  const lines = turns.map((turn) => {
    if (turn.role === 'system') return `${turn.content.trim()}\n`;
    const marker = turn.role === 'user' ? userMarker : assistantMarker;
    return `${marker} ${turn.content.trim()}`;
  });
  return `${lines.join('')}${assistantMarker}`;
}

/**
 * Legacy completion endpoints (OpenAI's, llama.cpp's) stop at 16 tokens unless told otherwise, so a
 * request that names no max tokens gets this many; the sampling settings fit it to the window first.
 */
export const completionMaxTokens = 1_024;
