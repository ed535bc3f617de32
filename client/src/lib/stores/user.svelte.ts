import { createContext } from 'svelte';
import { handshakeAuthSchema, type AppError, type ErrorCode } from '@gptlab/common';
import type { Credentials } from '../socket/connection.ts';

/** One key for everything this browser remembers about the user, so signing out forgets it in one step. */
const storageKey = 'gptlab.user';
const storedUserSchema = handshakeAuthSchema.pick({ apiKey: true, baseUrl: true });

/** Refusals only the user can fix, on the sign-in form: a wrong key, or a base URL this server does not allow. */
const signInProblems: ReadonlySet<ErrorCode> = new Set(['unauthorized', 'provider_auth', 'forbidden']);

export function needsNewSignIn(error: AppError): boolean {
  return signInProblems.has(error.code);
}

/** Who is signed in: the API key (and optional base URL) live in this browser only. */
export class UserStore {
  credentials = $state<Credentials | null>(null);
  /** Why the user was signed out, shown on the sign-in form. */
  notice = $state<string | null>(null);
  readonly signedIn = $derived(this.credentials !== null);
  readonly #storage: Storage | undefined;

  constructor(storage: Storage | undefined) {
    this.#storage = storage;
    this.credentials = readStoredUser(storage);
  }

  signIn(credentials: Credentials): void {
    this.credentials = credentials;
    this.notice = null;
    try {
      this.#storage?.setItem(storageKey, JSON.stringify(credentials));
    } catch {
      // Storage may be full or disabled (private mode): the user stays signed in until the tab closes.
    }
  }

  signOut(notice: string | null = null): void {
    this.credentials = null;
    this.notice = notice;
    try {
      this.#storage?.removeItem(storageKey);
    } catch {
      // Nothing was stored if storage is unavailable.
    }
  }
}

function readStoredUser(storage: Storage | undefined): Credentials | null {
  try {
    const stored = storage?.getItem(storageKey);
    if (!stored) return null;
    const parsed = storedUserSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const [getUserStore, setUserStore] = createContext<UserStore>();
