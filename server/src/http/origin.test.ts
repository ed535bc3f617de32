import { describe, expect, it } from 'vitest';
import { originAllowed } from './origin.ts';

describe('originAllowed', () => {
  it('allows requests without an Origin: same-origin GETs, tools and tests send none', () => {
    expect(originAllowed({ host: 'gptlab.example' }, undefined)).toBe(true);
  });

  it('allows only the page of the same host when no origins are configured', () => {
    expect(originAllowed({ host: 'gptlab.example', origin: 'https://gptlab.example' }, undefined)).toBe(true);
    expect(originAllowed({ host: 'gptlab.example', origin: 'https://evil.example' }, undefined)).toBe(false);
    expect(originAllowed({ host: 'gptlab.example', origin: 'null' }, undefined)).toBe(false);
  });

  it('allows exactly the configured origins when there are some, the same host included only if listed', () => {
    const allowed = ['https://app.example/', 'http://localhost:5173'];
    expect(originAllowed({ host: 'api.example', origin: 'https://app.example' }, allowed)).toBe(true);
    expect(originAllowed({ host: 'api.example', origin: 'http://localhost:5173' }, allowed)).toBe(true);
    expect(originAllowed({ host: 'api.example', origin: 'https://api.example' }, allowed)).toBe(false);
    expect(originAllowed({ host: 'api.example', origin: 'https://app.example.evil.example' }, allowed)).toBe(false);
  });
});
