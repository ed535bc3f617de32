import { expect, it } from 'vitest';
import type { DraftUpdateRecord } from '../../../server/src/store/records.ts';
import type { Store } from '../../../server/src/store/store.ts';
import type { ContractContext } from '../store.contract.ts';
import { aDraft, at, isStrictlyIncreasing, sealed } from './builders.ts';

/** Rules 31–39: co-edited drafts: members, and the append-only update log with its compaction. */
export function describeDraftRules(ctx: ContractContext): void {
  async function newDraft(store: Store = ctx.store, overrides = {}): Promise<string> {
    const draft = aDraft(overrides);
    await store.createDraft(draft);
    return draft.id;
  }

  const anUpdate = (draftId: string, label: string, minutes = 1) => ({ draftId, sealedUpdate: sealed(label), createdAt: at(minutes) });

  it('31. a draft keeps its invite and test session, and takes patches for them', async () => {
    const draft = aDraft({ sealedInvite: sealed('invite') });
    await ctx.store.createDraft(draft);
    expect(await ctx.store.getDraft(draft.id)).toStrictEqual(draft);
    const patch = { sealedInvite: null, testSessionId: 'another-session', updatedAt: at(5) };
    expect(await ctx.store.updateDraft(draft.id, patch)).toStrictEqual({ ...draft, ...patch });
  });

  it('32. co-editors are added once each and removed alone, even when several are added at once', async () => {
    const draftId = await newDraft(ctx.store, { editorIds: ['first'] });
    const other = (await ctx.reopen?.()) ?? ctx.store;
    await Promise.all(['a', 'b', 'c', 'a'].map((id, i) => (i % 2 ? other : ctx.store).addDraftEditor(draftId, id)));
    expect((await ctx.store.getDraft(draftId))?.editorIds.toSorted()).toEqual(['a', 'b', 'c', 'first']);
    const removed = await ctx.store.removeDraftEditor(draftId, 'b');
    expect(removed?.editorIds.toSorted()).toEqual(['a', 'c', 'first']);
    expect(await ctx.store.listDrafts('b')).toEqual([]);
    expect((await ctx.store.listDrafts('c')).map((d) => d.id)).toEqual([draftId]);
    expect(await ctx.store.addDraftEditor('missing', 'a')).toBeNull();
    expect(await ctx.store.removeDraftEditor('missing', 'a')).toBeNull();
  });

  it('33. appended updates read back byte for byte, in increasing seq order, and move the draft’s updatedAt forward', async () => {
    const draftId = await newDraft();
    const written: DraftUpdateRecord[] = [];
    for (let i = 0; i < 5; i++) {
      const update = anUpdate(draftId, `edit ${i}`, 10 + i);
      const seq = await ctx.store.appendDraftUpdate(update);
      expect(seq).not.toBeNull();
      written.push({ ...update, seq: seq ?? -1 });
    }
    expect(isStrictlyIncreasing(written.map((u) => u.seq))).toBe(true);
    expect(await ctx.store.listDraftUpdates(draftId)).toStrictEqual(written);
    expect((await ctx.store.getDraft(draftId))?.updatedAt).toStrictEqual(at(14));
    await ctx.store.appendDraftUpdate(anUpdate(draftId, 'late clock', 2));
    expect((await ctx.store.getDraft(draftId))?.updatedAt).toStrictEqual(at(14));
  });

  it('34. an update for a draft that does not exist is refused with null, and a log lists only its own draft', async () => {
    const [one, two] = [await newDraft(), await newDraft()];
    expect(await ctx.store.appendDraftUpdate(anUpdate('missing', 'x'))).toBeNull();
    expect(await ctx.store.listDraftUpdates('missing')).toEqual([]);
    await ctx.store.appendDraftUpdate(anUpdate(one, 'one'));
    expect(await ctx.store.listDraftUpdates(two)).toEqual([]);
    expect(await ctx.store.listDraftUpdates(one)).toHaveLength(1);
  });

  it('35. two writers appending 50 updates each at once lose none, and every seq is distinct', async () => {
    const draftId = await newDraft();
    const other = (await ctx.reopen?.()) ?? ctx.store;
    const write = async (store: Store, writer: string) => {
      const seqs: number[] = [];
      for (let i = 0; i < 50; i++) seqs.push((await store.appendDraftUpdate(anUpdate(draftId, `${writer}-${i}`))) ?? -1);
      return seqs;
    };
    const [a, b] = await Promise.all([write(ctx.store, 'a'), write(other, 'b')]);
    for (const seqs of [a, b]) expect(isStrictlyIncreasing(seqs)).toBe(true);
    const stored = await ctx.store.listDraftUpdates(draftId);
    expect(stored).toHaveLength(100);
    expect(new Set(stored.map((u) => u.seq))).toEqual(new Set([...a, ...b]));
  }, 120_000);

  it('36. compaction replaces exactly the merged entries with one, whose seq is above all of them', async () => {
    const draftId = await newDraft();
    for (let i = 0; i < 4; i++) await ctx.store.appendDraftUpdate(anUpdate(draftId, `edit ${i}`));
    const listed = await ctx.store.listDraftUpdates(draftId);
    const typedMeanwhile = anUpdate(draftId, 'typed during compaction');
    const typedSeq = await ctx.store.appendDraftUpdate(typedMeanwhile);
    const merged = anUpdate(draftId, 'merged', 9);
    const seq = await ctx.store.compactDraftUpdates(merged, listed);
    expect(seq).toBeGreaterThan(Math.max(...listed.map((u) => u.seq)));
    expect(await ctx.store.listDraftUpdates(draftId)).toStrictEqual([
      { ...typedMeanwhile, seq: typedSeq },
      { ...merged, seq },
    ]);
    const next = await ctx.store.appendDraftUpdate(anUpdate(draftId, 'next'));
    expect(next).toBeGreaterThan(seq ?? Infinity);
  });

  it('37. two compactions at once keep both merged entries and delete each merged entry once', async () => {
    const draftId = await newDraft();
    for (let i = 0; i < 3; i++) await ctx.store.appendDraftUpdate(anUpdate(draftId, `edit ${i}`));
    const first = await ctx.store.listDraftUpdates(draftId);
    await ctx.store.appendDraftUpdate(anUpdate(draftId, 'edit 3'));
    const second = await ctx.store.listDraftUpdates(draftId);
    const other = (await ctx.reopen?.()) ?? ctx.store;
    const [a, b] = [anUpdate(draftId, 'merged a'), anUpdate(draftId, 'merged b')];
    await Promise.all([ctx.store.compactDraftUpdates(a, first), other.compactDraftUpdates(b, second)]);
    expect((await ctx.store.listDraftUpdates(draftId)).map((u) => u.sealedUpdate).toSorted()).toEqual([a.sealedUpdate, b.sealedUpdate].toSorted());
    expect(await ctx.store.compactDraftUpdates(anUpdate('missing', 'm'), [])).toBeNull();
  });

  it('38. discarding a draft deletes its log too', async () => {
    const draftId = await newDraft();
    await ctx.store.appendDraftUpdate(anUpdate(draftId, 'edit'));
    expect(await ctx.store.deleteDraft(draftId)).toBe(true);
    expect(await ctx.store.listDraftUpdates(draftId)).toEqual([]);
    expect(await ctx.store.appendDraftUpdate(anUpdate(draftId, 'too late'))).toBeNull();
  });

  it('39. a draft’s log survives a restart of the store, and seqs keep growing after it', async ({ skip }) => {
    if (!ctx.reopen) return skip('this store cannot be reopened');
    const draftId = await newDraft();
    for (let i = 0; i < 3; i++) await ctx.store.appendDraftUpdate(anUpdate(draftId, `edit ${i}`));
    const listed = await ctx.store.listDraftUpdates(draftId);
    await ctx.store.compactDraftUpdates(anUpdate(draftId, 'merged'), listed);
    const before = await ctx.store.listDraftUpdates(draftId);
    await ctx.store.close();
    const restarted = await ctx.reopen();
    expect(await restarted.listDraftUpdates(draftId)).toStrictEqual(before);
    expect(await restarted.appendDraftUpdate(anUpdate(draftId, 'after restart'))).toBeGreaterThan(before.at(-1)?.seq ?? Infinity);
  });
}
