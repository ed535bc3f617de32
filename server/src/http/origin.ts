import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import { failure } from '@gptlab/common';

/**
 * Whether a browser request may be served: its Origin is one of `allowed`, or, when none are
 * configured, the host it was sent to (same origin). No Origin header means no browser made it
 * cross-origin (same-origin GETs, tools, tests); there is no cookie for a forged request to ride on.
 */
export function originAllowed(headers: IncomingHttpHeaders, allowed: string[] | undefined): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  if (allowed) return allowed.some((entry) => entry.replace(/\/+$/, '') === origin);
  try {
    return new URL(origin).host === headers.host;
  } catch {
    return false;
  }
}

/** Refuses HTTP requests a page of another origin made. */
export function allowedOriginsOnly(allowed: string[] | undefined): RequestHandler {
  return (req, res, next) => {
    if (originAllowed(req.headers, allowed)) return next();
    res.status(403).json(failure('forbidden', 'This server does not accept requests from that page.'));
  };
}
