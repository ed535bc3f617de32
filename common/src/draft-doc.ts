import * as Y from 'yjs';
import {
  draftSettingsSchema,
  draftTextFields,
  personalityPresets,
  type DraftContent,
  type DraftSettings,
  type DraftTextField,
  type PersonalityPreset,
} from './schemas/draft.ts';

/**
 * The shape of a draft's Yjs document, for server and tab alike: a Y.Text per text field, a Y.Map
 * 'settings' and a Y.Array 'starters' of strings. A tab never writes defaults into a fresh doc: the
 * server seeds the document once, and tabs start from what `draft:join` returns.
 */
export const settingsKey = 'settings';
export const startersKey = 'starters';

export function draftText(doc: Y.Doc, field: DraftTextField): Y.Text {
  return doc.getText(field);
}

export function draftSettings(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(settingsKey);
}

export function draftStarters(doc: Y.Doc): Y.Array<string> {
  return doc.getArray<string>(startersKey);
}

/** A plain object out of the document. Values of the wrong type (a hostile update) read as absent. */
export function readDraft(doc: Y.Doc): DraftContent {
  const texts = Object.fromEntries(draftTextFields.map((field) => [field, draftText(doc, field).toString()])) as Record<DraftTextField, string>;
  const settings: Partial<DraftSettings> = {};
  const shape = draftSettingsSchema.shape;
  for (const [key, value] of draftSettings(doc).entries()) {
    if (!(key in shape)) continue;
    const parsed = shape[key as keyof DraftSettings].safeParse(value);
    if (parsed.success) Object.assign(settings, { [key]: parsed.data });
  }
  const starters = draftStarters(doc).toArray().filter((s): s is string => typeof s === 'string');
  return { ...texts, settings, starters };
}

/** Replaces the document's content with `content` in one transaction (the server seeds new drafts with it). */
export function writeDraft(doc: Y.Doc, content: DraftContent): void {
  doc.transact(() => {
    for (const field of draftTextFields) {
      const text = draftText(doc, field);
      text.delete(0, text.length);
      text.insert(0, content[field]);
    }
    const settings = draftSettings(doc);
    for (const [key, value] of Object.entries(content.settings)) if (value !== undefined) settings.set(key, value);
    const starters = draftStarters(doc);
    starters.delete(0, starters.length);
    starters.insert(0, content.starters);
  });
}

export function setDraftSetting<K extends keyof DraftSettings>(doc: Y.Doc, key: K, value: DraftSettings[K]): void {
  draftSettings(doc).set(key, value);
}

/** Sets temperature and top-p together, so co-editors never see half a preset. */
export function applyPreset(doc: Y.Doc, preset: PersonalityPreset): void {
  doc.transact(() => {
    for (const [key, value] of Object.entries(personalityPresets[preset])) draftSettings(doc).set(key, value);
  });
}

/** The preset the sampling settings match exactly, for highlighting its button; null if none. */
export function presetOf(settings: Partial<DraftSettings>): PersonalityPreset | null {
  for (const [name, values] of Object.entries(personalityPresets)) {
    if (settings.temperature === values.temperature && settings.topP === values.topP) return name as PersonalityPreset;
  }
  return null;
}

/** Replaces one starter (a starter is edited whole; `index === length` appends one). */
export function setStarter(doc: Y.Doc, index: number, text: string): void {
  const starters = draftStarters(doc);
  doc.transact(() => {
    if (index < starters.length) starters.delete(index, 1);
    starters.insert(Math.min(index, starters.length), [text]);
  });
}

export function removeStarter(doc: Y.Doc, index: number): void {
  const starters = draftStarters(doc);
  if (index < starters.length) starters.delete(index, 1);
}

/** An update that carries nothing: no structs and an empty delete set. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength <= 2 && update.every((byte) => byte === 0);
}
