import { randomUUID } from 'node:crypto';
import type { AssistantRecord, DraftRecord, NewMessage, SessionRecord } from '../../../server/src/store/records.ts';

/** Test data for the store contract: valid records with unique ids, overridable field by field. */
export const t0 = Date.UTC(2026, 0, 1);

export function at(minutes: number): Date {
  return new Date(t0 + minutes * 60_000);
}

/** Stands in for a sealed box; the store must keep it byte for byte. */
export function sealed(label: string): string {
  return `v1.${Buffer.from(label).toString('base64')}.${Buffer.from(randomUUID()).toString('base64')}`;
}

export function anAssistant(overrides: Partial<AssistantRecord> = {}): AssistantRecord {
  const id = randomUUID();
  return {
    id,
    code: `c${id.slice(0, 8)}${id.slice(24)}`,
    ownerId: 'owner-1',
    name: 'Socratic tutor',
    tagline: 'Asks before it tells',
    description: 'Guides you to the answer with questions.',
    sealedPrompt: sealed('prompt'),
    sealedSummaryPrompt: sealed('summary prompt'),
    settings: { model: 'gpt-4o-mini', temperature: 0.7, maxTokens: 512, topP: 1, frequencyPenalty: 0, presencePenalty: 0.5 },
    condensing: 'rolling',
    starters: ['Teach me recursion', 'Quiz me on French verbs'],
    showcased: false,
    hidden: false,
    anyProvider: false,
    deletedAt: null,
    sessionCount: 0,
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

export function aDraft(overrides: Partial<DraftRecord> = {}): DraftRecord {
  return {
    id: randomUUID(),
    ownerId: 'owner-1',
    assistantId: null,
    sealedState: sealed('draft state'),
    editorIds: [],
    sealedInvite: null,
    testSessionId: randomUUID(),
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

export function aSession(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: randomUUID(),
    userId: 'user-1',
    assistantId: 'assistant-1',
    model: 'gpt-4o-mini',
    sealedPreview: null,
    sealedSummary: null,
    sealedTitle: null,
    sealedContext: null,
    continuedFrom: null,
    rating: null,
    usage: { promptTokens: 0, completionTokens: 0 },
    createdAt: at(0),
    updatedAt: at(0),
    endedAt: null,
    ...overrides,
  };
}

export function aMessage(sessionId: string, overrides: Partial<NewMessage> = {}): NewMessage {
  return {
    sessionId,
    messageId: randomUUID(),
    role: 'user',
    sealedText: sealed('hello'),
    status: 'complete',
    createdAt: at(1),
    ...overrides,
  };
}

/** Strictly increasing, and every element distinct. */
export function isStrictlyIncreasing(values: number[]): boolean {
  return values.every((value, i) => i === 0 || value > (values[i - 1] ?? Number.NEGATIVE_INFINITY));
}
