import { afterEach, beforeEach, describe } from 'vitest';
import { describeDraftRules } from './rules/drafts.contract.ts';
import { describeHistoryRules } from './rules/history.contract.ts';
import { describeListingRules } from './rules/listings.contract.ts';
import { describeMessageRules } from './rules/messages.contract.ts';
import { describeRecordRules } from './rules/records.contract.ts';
import { describeVersionRules } from './rules/versions.contract.ts';
import type { Store } from '../../server/src/store/store.ts';

/**
 * One suite, numbered rules, run against every Store implementation (see sqlite-store.test.ts and
 * tests/integration/mongo-store.test.ts). A rule that holds for one store must hold for all.
 */
export interface StoreUnderTest {
  store: Store;
  /**
   * Opens another Store on the same data: after close() it is a restart; while the first is open
   * it is a second server instance. Absent for stores that cannot be reopened (`:memory:`).
   */
  reopen?: () => Promise<Store>;
  /** Closes what makeStore opened and deletes its data. */
  cleanup: () => Promise<void>;
}

export interface ContractContext {
  readonly store: Store;
  /** Stores it opens are closed after the test. */
  readonly reopen: (() => Promise<Store>) | undefined;
}

export function describeStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`the ${name} store keeps the Store contract`, () => {
    let current: StoreUnderTest | undefined;
    let opened: Store[] = [];

    beforeEach(async () => {
      current = await makeStore();
    });

    afterEach(async () => {
      await Promise.all(opened.map((store) => store.close()));
      opened = [];
      await current?.cleanup();
      current = undefined;
    });

    const context: ContractContext = {
      get store() {
        if (!current) throw new Error('no store: the rule ran outside a test');
        return current.store;
      },
      get reopen() {
        const reopen = current?.reopen;
        if (!reopen) return undefined;
        return async () => {
          const store = await reopen();
          opened.push(store);
          return store;
        };
      },
    };

    describeRecordRules(context);
    describeListingRules(context);
    describeMessageRules(context);
    describeDraftRules(context);
    describeHistoryRules(context);
    describeVersionRules(context);
  });
}
