import express, { type Router } from 'express';
import { AvatarRenderer } from './avatars.ts';

/** Avatar images. The same name always gives the same image, so browsers may keep them for good. */
export function avatarRoutes(): Router {
  const router = express.Router();
  const renderer = new AvatarRenderer();
  router.get('/avatars/:seed.svg', (req, res) => {
    res
      .type('image/svg+xml')
      .set('Cache-Control', 'public, max-age=31536000, immutable')
      // An SVG opened on its own must not run anything.
      .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(renderer.svgFor(req.params.seed));
  });
  return router;
}
