import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyPreset, draftSettings, draftText, isEmptyUpdate, presetOf, readDraft, removeStarter, setStarter, writeDraft } from './draft-doc.ts';
import { checkDraft, type DraftContent } from './schemas/draft.ts';

const complete: DraftContent = {
  name: 'Socratic tutor',
  tagline: 'Asks before it tells',
  description: 'Guides you to the answer with questions.',
  prompt: 'You are a patient tutor. Ask one question at a time.',
  summaryPrompt: '',
  settings: { model: 'gpt-4o-mini', temperature: 0.7, maxTokens: 1024, topP: 1, frequencyPenalty: 0, presencePenalty: 0, condensing: 'summarize' },
  starters: ['Teach me recursion', 'Quiz me on verbs'],
};

/** Two replicas that exchange every update, as the server relays them. */
function connectedPair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (update: Uint8Array, origin: unknown) => origin !== b && Y.applyUpdate(b, update, a));
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== a && Y.applyUpdate(a, update, b));
  return [a, b];
}

describe('the draft document', () => {
  it('reads back what was written, field by field', () => {
    const doc = new Y.Doc();
    writeDraft(doc, complete);
    expect(readDraft(doc)).toEqual(complete);
  });

  it('a copy made from the encoded state reads the same, so a joining tab sees what the server has', () => {
    const doc = new Y.Doc();
    writeDraft(doc, complete);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(readDraft(copy)).toEqual(complete);
  });

  it('reads a setting of the wrong type as absent rather than trusting it', () => {
    const doc = new Y.Doc();
    writeDraft(doc, complete);
    draftSettings(doc).set('temperature', 'hot');
    draftSettings(doc).set('condensing', 'forever');
    draftSettings(doc).set('unknown', 1);
    const { settings } = readDraft(doc);
    expect(settings).not.toHaveProperty('temperature');
    expect(settings).not.toHaveProperty('condensing');
    expect(settings).not.toHaveProperty('unknown');
    expect(settings.model).toBe('gpt-4o-mini');
  });

  it('applies a personality preset in one step and recognises it afterwards', () => {
    const doc = new Y.Doc();
    writeDraft(doc, complete);
    const seen: number[] = [];
    doc.on('update', () => seen.push(1));
    applyPreset(doc, 'precise');
    expect(seen).toHaveLength(1);
    expect(presetOf(readDraft(doc).settings)).toBe('precise');
    draftSettings(doc).set('temperature', 0.33);
    expect(presetOf(readDraft(doc).settings)).toBeNull();
  });

  it('edits, appends and removes starters', () => {
    const doc = new Y.Doc();
    writeDraft(doc, complete);
    setStarter(doc, 0, 'Explain recursion simply');
    setStarter(doc, 2, 'A third one');
    removeStarter(doc, 1);
    expect(readDraft(doc).starters).toEqual(['Explain recursion simply', 'A third one']);
  });

  it('knows an update that carries nothing', () => {
    const doc = new Y.Doc();
    writeDraft(doc, complete);
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)))).toBe(true);
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(doc))).toBe(false);
  });
});

describe('merging concurrent edits', () => {
  it('two people typing into the same prompt at the same place both keep every keystroke', () => {
    const base = new Y.Doc();
    writeDraft(base, complete);
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    for (const doc of [a, b]) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
    draftText(a, 'prompt').insert(8, 'very ');
    draftText(b, 'prompt').insert(8, 'quite ');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const merged = draftText(a, 'prompt').toString();
    expect(draftText(b, 'prompt').toString()).toBe(merged);
    expect(merged).toContain('very ');
    expect(merged).toContain('quite ');
    expect(merged.length).toBe(complete.prompt.length + 'very quite '.length);
  });

  it('updates merged into one apply like the updates one by one, in any order', () => {
    const [a, b] = connectedPair();
    const updates: Uint8Array[] = [];
    a.on('update', (update: Uint8Array) => updates.push(update));
    writeDraft(a, complete);
    draftText(b, 'name').insert(0, 'The ');
    draftText(a, 'name').delete(0, 4);
    const inOrder = new Y.Doc();
    for (const update of updates) Y.applyUpdate(inOrder, update);
    const merged = new Y.Doc();
    Y.applyUpdate(merged, Y.mergeUpdates(updates.toReversed()));
    expect(readDraft(merged)).toEqual(readDraft(inOrder));
    expect(readDraft(merged)).toEqual(readDraft(a));
  });

  it('an offline replica catches up from a state vector exchange and loses nothing', () => {
    const server = new Y.Doc();
    writeDraft(server, complete);
    const tab = new Y.Doc();
    Y.applyUpdate(tab, Y.encodeStateAsUpdate(server));
    draftText(tab, 'tagline').insert(0, 'Offline: ');
    draftText(server, 'tagline').insert(complete.tagline.length, ' (online)');
    Y.applyUpdate(tab, Y.encodeStateAsUpdate(server, Y.encodeStateVector(tab)));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(tab, Y.encodeStateVector(server)));
    expect(draftText(server, 'tagline').toString()).toBe('Offline: Asks before it tells (online)');
    expect(readDraft(tab)).toEqual(readDraft(server));
  });
});

describe('checking a draft before publishing', () => {
  it('accepts a complete draft, dropping blank starters and defaulting condensing', () => {
    const result = checkDraft({ ...complete, starters: ['  ', 'Hi'], settings: { ...complete.settings, condensing: undefined } });
    expect(result).toMatchObject({ ok: true, draft: { starters: ['Hi'], settings: { condensing: 'rolling' } } });
  });

  it('names every field to fix, in words a user can act on', () => {
    const result = checkDraft({
      ...complete,
      name: '  ',
      prompt: '',
      tagline: 'x'.repeat(121),
      settings: { model: '', temperature: 3, maxTokens: 10.5, topP: -1, presencePenalty: 0 },
      starters: ['a', 'b', 'c', 'd', 'e'],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byField = Object.fromEntries(result.issues.map((i) => [i.field, i.message]));
    expect(byField).toMatchObject({
      name: 'Give the assistant a name.',
      prompt: 'Write the prompt: the instructions the assistant follows.',
      tagline: 'The tagline can be at most 120 characters.',
      model: 'Choose a model.',
      temperature: 'Temperature must be at most 2.',
      maxTokens: 'Max tokens must be a whole number.',
      topP: 'Top-p must be at least 0.',
      frequencyPenalty: 'Set frequency penalty to a number from -2 to 2.',
      starters: 'Use at most 4 conversation starters.',
    });
  });
});
