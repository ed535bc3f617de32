/**
 * The providers the operator trusts with assistants' prompts: the server's own (OPENAI_BASE_URL)
 * and those listed in TRUSTED_PROVIDER_URLS. A user may sign in with any other base URL, and that
 * provider then sees what the user sends, but never a prompt its owner did not let go.
 */
export class TrustedProviders {
  /** The server's own provider first: the one a refused user is pointed to. */
  readonly urls: readonly string[];
  readonly #canonical: ReadonlySet<string>;

  constructor(serverProvider: string, others: readonly string[] = []) {
    this.urls = [...new Set([serverProvider, ...others])];
    this.#canonical = new Set(this.urls.map(canonicalProviderUrl).filter((url): url is string => url !== null));
  }

  trusts(baseUrl: string): boolean {
    const canonical = canonicalProviderUrl(baseUrl);
    return canonical !== null && this.#canonical.has(canonical);
  }
}

/**
 * One spelling per provider: "HTTPS://API.openai.com:443/v1/" is "https://api.openai.com/v1".
 * Parsed, not compared as text, so "https://api.openai.com@attacker.example" is the attacker's host;
 * a URL with credentials in it, or one that does not parse, is trusted as nothing.
 */
export function canonicalProviderUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username || parsed.password) return null;
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`;
}
