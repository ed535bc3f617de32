import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import type { ClientShell } from './client-shell.ts';

/**
 * Serves the built SvelteKit app; unknown paths get its SPA shell so deep links work on reload. The
 * shell is the copy read at start-up, so it always matches the script hashes in the CSP header.
 */
export function clientFiles(clientDir: string, shell: ClientShell | null): Router {
  const router = express.Router();
  if (!shell) {
    router.use((_req, res) => {
      res.status(503).type('text').send('The web client is not built yet. Run `npm run build`, then restart.');
    });
    return router;
  }
  const sendShell = (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(shell.html);
  };
  router.get('/index.html', sendShell);
  router.use('/_app/immutable', express.static(path.join(clientDir, '_app/immutable'), { immutable: true, maxAge: '1y' }));
  router.use(express.static(clientDir, { index: false }));
  router.use((req, res, next) => {
    if (req.method !== 'GET' || req.path.startsWith('/socket.io')) return next();
    sendShell(req, res);
  });
  return router;
}
