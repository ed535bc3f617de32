import * as Y from 'yjs';
import type { DraftRecord, DraftUpdateRecord, Sealed } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import { seal, unseal } from '../identity/sealing.ts';

/** Yjs updates hold the prompt, so they are sealed with the server secret like the prompt itself. */
export function sealUpdate(update: Uint8Array, promptKey: Uint8Array): Sealed {
  return seal(Buffer.from(update).toString('base64'), promptKey);
}

export function unsealUpdate(sealed: Sealed, promptKey: Uint8Array): Uint8Array {
  return new Uint8Array(Buffer.from(unseal(sealed, promptKey), 'base64'));
}

export interface StoredDocument {
  /** The creation snapshot, then every log entry, in the order to apply them (any order merges alike). */
  updates: Uint8Array[];
  entries: DraftUpdateRecord[];
  bytes: number;
}

/** Reads the whole stored document: the draft's creation snapshot and its whole update log. */
export async function readStoredDocument(store: Store, draft: DraftRecord, promptKey: Uint8Array): Promise<StoredDocument> {
  const entries = await store.listDraftUpdates(draft.id);
  const updates = [unsealUpdate(draft.sealedState, promptKey), ...entries.map((e) => unsealUpdate(e.sealedUpdate, promptKey))];
  return { updates, entries, bytes: updates.reduce((sum, u) => sum + u.byteLength, 0) };
}

/** One unreadable entry must not make the whole draft unreadable; submit() keeps such bytes out anyway. */
export function applyAll(doc: Y.Doc, updates: Uint8Array[]): void {
  doc.transact(() => {
    for (const update of updates) {
      try {
        Y.applyUpdate(doc, update);
      } catch {
        continue;
      }
    }
  });
}

/**
 * Merges the log into one entry. Only the log: the creation snapshot stays where it is, and the
 * merged entry is the document's difference from it (with every deletion), garbage-collected.
 */
export async function compactLog(store: Store, draft: DraftRecord, promptKey: Uint8Array): Promise<number> {
  const stored = await readStoredDocument(store, draft, promptKey);
  if (stored.entries.length < 2) return stored.entries.length;
  const doc = new Y.Doc();
  const [snapshot = new Uint8Array([0, 0]), ...log] = stored.updates;
  Y.applyUpdate(doc, snapshot);
  const base = Y.encodeStateVector(doc);
  applyAll(doc, log);
  const merged = Y.encodeStateAsUpdate(doc, base);
  doc.destroy();
  await store.compactDraftUpdates({ draftId: draft.id, sealedUpdate: sealUpdate(merged, promptKey), createdAt: new Date() }, stored.entries);
  return 1;
}
