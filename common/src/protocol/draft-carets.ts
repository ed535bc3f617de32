import * as Y from 'yjs';
import { draftText } from '../draft-doc.ts';
import { draftTextFields, type DraftCursor, type DraftField, type DraftTextField, type RelativePositionJson } from '../schemas/draft.ts';

/** Where a tab's cursor is, as the field's input reports it: indices into the field's text now. */
export interface FieldSelection {
  field: DraftField;
  /** For a starter: which one. */
  index?: number | undefined;
  /** Text fields only: the selection's fixed end and moving end; alike for a caret. */
  anchor?: number | undefined;
  head?: number | undefined;
}

/** A co-editor's selection placed in this tab's copy of a text field. */
export interface PlacedSelection {
  anchor: number;
  head: number;
}

export function isTextField(field: DraftField): field is DraftTextField {
  return (draftTextFields as readonly string[]).includes(field);
}

/**
 * Turns a selection into the cursor a tab puts in its awareness state: in a text field, relative
 * positions, so it stays between the same characters on every co-editor's screen whatever they
 * type before it, even before this tab's own latest keystrokes reach them.
 */
export function cursorOf(doc: Y.Doc, selection: FieldSelection): DraftCursor {
  const { field, index } = selection;
  const cursor: DraftCursor = { field, ...(index === undefined ? {} : { index }) };
  if (!isTextField(field) || selection.anchor === undefined) return cursor;
  const text = draftText(doc, field);
  const at = (offset: number) => Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, Math.min(Math.max(0, offset), text.length))) as RelativePositionJson;
  return { ...cursor, anchor: at(selection.anchor), head: at(selection.head ?? selection.anchor) };
}

/**
 * Where a co-editor's cursor falls in this tab's copy of its field's text, or null: not a text
 * field, no selection, or a position this copy cannot place (its text not arrived yet, or one
 * pointing into another field).
 */
export function placeSelection(doc: Y.Doc, cursor: DraftCursor): PlacedSelection | null {
  if (!isTextField(cursor.field) || !cursor.anchor || !cursor.head) return null;
  const text = draftText(doc, cursor.field);
  const anchor = placePosition(doc, text, cursor.field, cursor.anchor);
  const head = placePosition(doc, text, cursor.field, cursor.head);
  return anchor === null || head === null ? null : { anchor, head };
}

function placePosition(doc: Y.Doc, text: Y.Text, field: DraftTextField, json: RelativePositionJson): number | null {
  // A root name other than the field's would make Yjs define that root in this copy; refused first.
  if (json.tname !== undefined && json.tname !== field) return null;
  try {
    const absolute = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc);
    if (!absolute || absolute.type !== text) return null;
    return Math.min(absolute.index, text.length);
  } catch {
    return null;
  }
}
