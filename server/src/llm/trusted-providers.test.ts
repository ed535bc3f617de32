import { describe, expect, it } from 'vitest';
import { canonicalProviderUrl, TrustedProviders } from './trusted-providers.ts';

describe('trusted providers', () => {
  it('one provider has one spelling, whatever the case of its host, a default port or trailing slashes', () => {
    const trusted = new TrustedProviders('https://api.openai.com/v1');
    for (const same of ['https://api.openai.com/v1/', 'HTTPS://API.OpenAI.com:443/v1', 'https://api.openai.com/v1//']) expect(trusted.trusts(same), same).toBe(true);
  });

  it('trusts nothing that only looks like a trusted provider', () => {
    const trusted = new TrustedProviders('https://api.openai.com/v1', ['http://127.0.0.1:8080/v1']);
    for (const other of [
      'https://api.openai.com@attacker.example/v1',
      'https://user:pass@api.openai.com/v1',
      'https://api.openai.com.attacker.example/v1',
      'https://api.openai.com/V1',
      'https://api.openai.com/v1/../../attacker',
      'http://api.openai.com/v1',
      'http://127.0.0.1:8081/v1',
      'ftp://api.openai.com/v1',
      'not a url',
    ]) expect(trusted.trusts(other), other).toBe(false);
    expect(trusted.trusts('http://127.0.0.1:8080/v1/')).toBe(true);
  });

  it('the server’s own provider comes first, listed once', () => {
    expect(new TrustedProviders('https://a.example/v1', ['https://b.example/v1', 'https://a.example/v1']).urls).toEqual(['https://a.example/v1', 'https://b.example/v1']);
    expect(canonicalProviderUrl('https://a.example/v1?api-version=2')).toBe('https://a.example/v1?api-version=2');
  });
});
