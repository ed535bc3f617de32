import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/** Serves the built SvelteKit app; unknown paths get its SPA shell so deep links work on reload. */
export function clientFiles(clientDir: string): Router {
  const router = express.Router();
  const shell = path.join(clientDir, 'index.html');
  if (!existsSync(shell)) {
    router.use((_req, res) => {
      res.status(503).type('text').send('The web client is not built yet. Run `npm run build`, then restart.');
    });
    return router;
  }
  router.use('/_app/immutable', express.static(path.join(clientDir, '_app/immutable'), { immutable: true, maxAge: '1y' }));
  router.use(express.static(clientDir, { index: false }));
  router.use((req, res, next) => {
    if (req.method !== 'GET' || req.path.startsWith('/socket.io')) return next();
    res.sendFile(shell);
  });
  return router;
}
