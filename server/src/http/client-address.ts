import type { IncomingHttpHeaders } from 'node:http';

/**
 * The address a request came from. With `trustedProxies` load balancers in front (each appending to
 * X-Forwarded-For), it is what the outermost trusted one saw; entries further left are the client's
 * own claim and never trusted. The same rule as Express's numeric `trust proxy`.
 */
export function clientAddress(peer: string | undefined, headers: IncomingHttpHeaders, trustedProxies: number): string {
  const forwarded = String(headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean)
    .reverse();
  const hops = [peer ?? 'unknown', ...forwarded];
  return hops[Math.min(trustedProxies, hops.length - 1)] ?? 'unknown';
}
