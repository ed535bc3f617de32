import { z } from 'zod';
import { limits } from '../limits.ts';
import { assistantCardSchema, assistantIdSchema } from './assistant.ts';
import { chatMessageSchema, inFlightReplySchema, sessionIdSchema } from './session.ts';
import { messageTextSchema } from './text.ts';

/**
 * The Lab's contract: a draft is a Yjs document (shape in draft-doc.ts) co-edited over the socket.
 * Binary travels as Socket.IO attachments: a Node tab receives a Buffer, a browser an ArrayBuffer.
 */
export type Binary = Uint8Array | ArrayBuffer;

export function toBytes(data: Binary): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

export const binarySchema = z.custom<Binary>((value) => value instanceof Uint8Array || value instanceof ArrayBuffer, 'Expected binary data.').transform(toBytes);
const updateSchema = binarySchema.refine((b) => b.byteLength <= limits.draft.updateMaxBytes, 'This change is too large to send at once; send it in smaller parts.');
const stateVectorSchema = binarySchema.refine((b) => b.byteLength <= 64 * 1024, 'This state vector is too large.');

export const draftIdSchema = z.uuid();

export const draftTextFields = ['name', 'tagline', 'description', 'prompt', 'summaryPrompt'] as const;
export type DraftTextField = (typeof draftTextFields)[number];
export const draftSettingKeys = ['model', 'temperature', 'maxTokens', 'topP', 'frequencyPenalty', 'presencePenalty', 'condensing', 'anyProvider'] as const;
export type DraftSettingKey = (typeof draftSettingKeys)[number];
/** Every field a form shows an error under, or a cursor can be in. */
export type DraftField = DraftTextField | DraftSettingKey | 'starters';

export const draftFieldLimits = {
  nameMaxChars: 60,
  taglineMaxChars: 120,
  descriptionMaxChars: 1_000,
  promptMaxChars: 60_000,
  summaryPromptMaxChars: 4_000,
  startersMax: 4,
  starterMaxChars: 200,
  temperature: { min: 0, max: 2 },
  maxTokens: { min: 1, max: 32_768 },
  topP: { min: 0, max: 1 },
  penalty: { min: -2, max: 2 },
} as const;

export const condensingModeSchema = z.enum(['rolling', 'summarize']);

export const draftSettingsSchema = z.object({
  model: z.string(),
  temperature: z.number(),
  maxTokens: z.number(),
  topP: z.number(),
  frequencyPenalty: z.number(),
  presencePenalty: z.number(),
  condensing: condensingModeSchema,
  /** The owner lets users of any provider run it, and so lets that provider read the prompt. */
  anyProvider: z.boolean(),
});
export type DraftSettings = z.infer<typeof draftSettingsSchema>;

/** A draft as read out of its document: possibly incomplete or out of range while being edited. */
export interface DraftContent {
  name: string;
  tagline: string;
  description: string;
  prompt: string;
  summaryPrompt: string;
  /** A setting is absent while nobody has set it, or when what was set has the wrong type. */
  settings: Partial<DraftSettings>;
  starters: string[];
}

/** One click sets the sampling parameters; the values stay editable afterwards. */
export const personalityPresets = {
  precise: { temperature: 0.2, topP: 0.8 },
  balanced: { temperature: 0.7, topP: 1 },
  creative: { temperature: 1.2, topP: 1 },
} as const;
export type PersonalityPreset = keyof typeof personalityPresets;

const L = draftFieldLimits;
const text = (label: string, max: number) => z.string().trim().max(max, `${label} can be at most ${max.toLocaleString('en')} characters.`);
const required = (label: string, max: number, missing: string) => text(label, max).min(1, missing);
const number = (label: string, { min, max }: { min: number; max: number }, step = 'a number') =>
  z
    .number({ error: `Set ${label.toLowerCase()} to ${step} from ${min} to ${max}.` })
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} must be at most ${max}.`);

/** What publishing requires. Each message names the field and says what to do. */
export const publishableDraftSchema = z.object({
  name: required('The name', L.nameMaxChars, 'Give the assistant a name.'),
  tagline: required('The tagline', L.taglineMaxChars, 'Add a tagline: one line that says what the assistant is for.'),
  description: text('The description', L.descriptionMaxChars),
  prompt: required('The prompt', L.promptMaxChars, 'Write the prompt: the instructions the assistant follows.'),
  /** Empty: the default recap prompt is used. */
  summaryPrompt: text('The summary prompt', L.summaryPromptMaxChars),
  settings: z.object({
    model: z.string({ error: 'Choose a model.' }).trim().min(1, 'Choose a model.').max(limits.modelIdMaxLength, 'This model name is too long.'),
    temperature: number('Temperature', L.temperature),
    maxTokens: number('Max tokens', L.maxTokens, 'a whole number').int('Max tokens must be a whole number.'),
    topP: number('Top-p', L.topP),
    frequencyPenalty: number('Frequency penalty', L.penalty),
    presencePenalty: number('Presence penalty', L.penalty),
    condensing: condensingModeSchema.or(z.undefined()).transform((mode) => mode ?? 'rolling'),
    anyProvider: z.boolean().optional().transform((allowed) => allowed ?? false),
  }),
  starters: z
    .array(text('A conversation starter', L.starterMaxChars))
    .max(L.startersMax, `Use at most ${L.startersMax} conversation starters.`),
});
export type PublishableDraft = z.infer<typeof publishableDraftSchema>;

export interface DraftIssue {
  field: DraftField;
  /** For a starter: which one (0-based). */
  index?: number;
  message: string;
}

export type DraftCheck = { ok: true; draft: PublishableDraft } | { ok: false; issues: DraftIssue[] };

/** Validates a draft for publishing; blank starters are dropped, not errors. Runs in the form and on the server alike. */
export function checkDraft(content: DraftContent): DraftCheck {
  const parsed = publishableDraftSchema.safeParse({ ...content, starters: content.starters.filter((s) => s.trim() !== '') });
  if (parsed.success) return { ok: true, draft: parsed.data };
  return { ok: false, issues: parsed.error.issues.map(toIssue) };
}

function toIssue(issue: z.core.$ZodIssue): DraftIssue {
  const [first, second] = issue.path;
  if (first === 'settings') return { field: second as DraftSettingKey, message: issue.message };
  if (first === 'starters') return typeof second === 'number' ? { field: 'starters', index: second, message: issue.message } : { field: 'starters', message: issue.message };
  return { field: first as DraftTextField, message: issue.message };
}

/** Requests. */

export const createDraftSchema = z.object({
  /** Chosen by the tab, so a retried create does not make two drafts. */
  draftId: draftIdSchema,
  /** Edit one of my published assistants; absent for an empty draft. */
  assistantId: assistantIdSchema.optional(),
});
export type CreateDraft = z.infer<typeof createDraftSchema>;

export const draftRefSchema = z.object({ draftId: draftIdSchema });
export type DraftRef = z.infer<typeof draftRefSchema>;

export const joinDraftSchema = z.object({
  draftId: draftIdSchema,
  /** Y.encodeStateVector of what the tab already has (a reconnect): the ack then carries only what it lacks. */
  stateVector: stateVectorSchema.optional(),
});
export type JoinDraft = z.input<typeof joinDraftSchema>;

export const draftUpdateSchema = z.object({
  draftId: draftIdSchema,
  /** A Yjs update (or several merged with Y.mergeUpdates). */
  update: updateSchema,
});
export type DraftUpdate = z.input<typeof draftUpdateSchema>;

export const syncDraftSchema = z.object({
  draftId: draftIdSchema,
  /** What the tab has: the ack carries what it lacks. */
  stateVector: stateVectorSchema,
  /** What the server lacks: Y.encodeStateAsUpdate(doc, serverStateVector), stored before the ack. */
  update: updateSchema.optional(),
});
export type SyncDraft = z.input<typeof syncDraftSchema>;

/** A Yjs item id, as JSON: which client wrote it, and its place among that client's writes. */
const yIdSchema = z.object({ client: z.number().int().min(0).max(2 ** 53), clock: z.number().int().min(0).max(2 ** 53) });

/**
 * A place in a field's text that moves with the text around it (Y.relativePositionToJSON): a
 * co-editor's caret stays between the same two characters while others type before it.
 */
export const relativePositionSchema = z.object({
  type: yIdSchema.optional(),
  tname: z.string().max(32).optional(),
  item: yIdSchema.optional(),
  assoc: z.number().int().min(-1).max(0).optional(),
});
export type RelativePositionJson = z.infer<typeof relativePositionSchema>;

export const draftCursorSchema = z.object({
  field: z.enum([...draftTextFields, ...draftSettingKeys, 'starters']),
  /** For a starter: which one. */
  index: z.number().int().min(0).max(L.startersMax - 1).optional(),
  /** In a text field, the selection as relative positions; anchor and head alike make a caret. Absent in the other fields. */
  anchor: relativePositionSchema.optional(),
  head: relativePositionSchema.optional(),
});
export type DraftCursor = z.infer<typeof draftCursorSchema>;

export const presenceColourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A colour is #rrggbb.');

/**
 * What a tab puts in its y-protocols awareness state. Who the tab is (label, colour, role) is not
 * up to it: the server stamps that on before relaying, so nobody can pass for the owner.
 */
export const awarenessStateSchema = z.object({ cursor: draftCursorSchema.nullable() });
export type AwarenessState = z.infer<typeof awarenessStateSchema>;

const awarenessUpdateSchema = binarySchema.refine((b) => b.byteLength <= limits.draft.awarenessMaxBytes, 'This awareness update is too large.');

/** A y-protocols awareness update (encodeAwarenessUpdate) of this tab's own state. Sent volatile, without an ack. */
export const draftAwarenessSchema = z.object({ draftId: draftIdSchema, update: awarenessUpdateSchema });
export type DraftAwareness = z.input<typeof draftAwarenessSchema>;

export const inviteTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{46}$/, 'This invite link is not valid. Ask the owner for a new one.');

export const acceptInviteSchema = z.object({ token: inviteTokenSchema });
export type AcceptInvite = z.infer<typeof acceptInviteSchema>;

/** A member id is per draft: it names a co-editor without revealing who they are elsewhere. */
export const memberIdSchema = z.string().regex(/^[0-9a-f]{16}$/);

export const revokeEditorSchema = z.object({ draftId: draftIdSchema, memberId: memberIdSchema });
export type RevokeEditor = z.infer<typeof revokeEditorSchema>;

export const sendTestMessageSchema = z.object({
  draftId: draftIdSchema,
  clientMessageId: z.uuid(),
  text: messageTextSchema,
});
export type SendTestMessage = z.infer<typeof sendTestMessageSchema>;

/** Answers and broadcasts. */

export const draftRoleSchema = z.enum(['owner', 'editor']);
export type DraftRole = z.infer<typeof draftRoleSchema>;

export const draftSummarySchema = z.object({
  id: draftIdSchema,
  /** The name in the document now; empty for an untitled draft. */
  name: z.string(),
  role: draftRoleSchema,
  /** The published assistant this draft edits (and publishing updates), if any. */
  assistant: z.object({ id: assistantIdSchema, code: z.string(), name: z.string() }).nullable(),
  editorCount: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type DraftSummary = z.infer<typeof draftSummarySchema>;

export const draftMemberSchema = z.object({
  memberId: memberIdSchema,
  role: draftRoleSchema,
  /** "Owner", "Editor 1", "Editor 2"… in the order editors joined. */
  label: z.string(),
});
export type DraftMember = z.infer<typeof draftMemberSchema>;

export const draftInviteSchema = z.object({
  token: inviteTokenSchema,
  /** The share link's path: `/lab/join/TOKEN`. */
  path: z.string(),
});
export type DraftInvite = z.infer<typeof draftInviteSchema>;

/**
 * One open tab in a draft, as co-editors see it in its awareness state: the tab's cursor, with who
 * it is stamped on by the server. Not stored: it lives while the tab is connected.
 */
export const draftPresenceSchema = z.object({
  tabId: z.string(),
  memberId: memberIdSchema,
  role: draftRoleSchema,
  label: z.string(),
  colour: presenceColourSchema,
  cursor: draftCursorSchema.nullable(),
});
export type DraftPresence = z.infer<typeof draftPresenceSchema>;

/** The shared test conversation: replies arrive as session:* events whose sessionId is `sessionId`. */
export const testChatSchema = z.object({
  sessionId: sessionIdSchema,
  messages: z.array(chatMessageSchema),
  inFlight: inFlightReplySchema.nullable(),
});
export type TestChat = z.infer<typeof testChatSchema>;

export interface JoinedDraft {
  draft: DraftSummary;
  role: DraftRole;
  /** Me: my member id, this tab's id, and the label and colour co-editors see for this tab. */
  you: Omit<DraftPresence, 'cursor'>;
  /** Y.applyUpdate this: the whole document, or only what the tab lacks if it sent a state vector. */
  update: Binary;
  /** The server's state vector: Y.encodeStateAsUpdate(doc, it) is what the server lacks. */
  stateVector: Binary;
  members: DraftMember[];
  /** The owner's current invite link; always null for an editor. */
  invite: DraftInvite | null;
  /** applyAwarenessUpdate this: the state of every other tab in the draft on this server; other servers' follow as draft:awareness. */
  awareness: Binary;
  testChat: TestChat;
}

export interface SyncedDraft {
  update: Binary;
  stateVector: Binary;
}

export interface PublishedDraft {
  assistant: z.infer<typeof assistantCardSchema>;
  /** Where people chat with it: `/assistant/CODE`. */
  sharePath: string;
}

export interface DraftUpdated {
  draftId: string;
  update: Binary;
}

/** Co-editors' awareness states (y-protocols), stamped by the server; a null state is a tab that left. */
export interface DraftAwarenessChanged {
  draftId: string;
  update: Binary;
}

export interface DraftMembersUpdated {
  draftId: string;
  members: DraftMember[];
}

/** To the owner's tabs: the invite link changed (a new one, or none after an editor was removed). */
export interface DraftInviteChanged {
  draftId: string;
  invite: DraftInvite | null;
}

export interface DraftAccessRevoked {
  draftId: string;
  message: string;
}

export interface DraftPublishedEvent {
  draftId: string;
  assistant: { id: string; code: string; name: string };
  sharePath: string;
}

export interface DraftDiscarded {
  draftId: string;
}

export interface DraftTestCleared {
  draftId: string;
  /** The new test conversation's session id; the old one gets no more events. */
  sessionId: string;
}
