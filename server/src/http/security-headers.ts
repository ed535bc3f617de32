import type { RequestHandler } from 'express';

export interface SecurityHeaderOptions {
  /** CSP sources ('sha256-…') of the inline scripts the served page may run. */
  scriptHashes: string[];
  behindHttps: boolean;
}

/**
 * The headers every HTTP response carries. Scripts run only from our own files and the hashed boot
 * script: no inline handlers, no eval, nothing from another origin. Style attributes stay allowed
 * (SvelteKit's body wrapper and components use them); they cannot run script, and with every
 * source limited to 'self' a stylesheet cannot send anything anywhere.
 */
export function securityHeaders({ scriptHashes, behindHttps }: SecurityHeaderOptions): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${scriptHashes.join(' ')}`.trim(),
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    ...(behindHttps ? ['upgrade-insecure-requests'] : []),
  ];
  return {
    'Content-Security-Policy': csp.join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // frame-ancestors' predecessor, for browsers that predate it.
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Origin-Agent-Cluster': '?1',
    'X-Permitted-Cross-Domain-Policies': 'none',
    ...(behindHttps ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

export function withHeaders(headers: Record<string, string>): RequestHandler {
  const entries = Object.entries(headers);
  return (_req, res, next) => {
    for (const [name, value] of entries) res.setHeader(name, value);
    next();
  };
}
