import adapter from '@sveltejs/adapter-static';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

/** The port `npm run dev:server` listens on; `vite dev` forwards the socket there so both share one origin. */
const devServerUrl = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [
    sveltekit({
      // An SPA: the Express server serves build/ and answers unknown paths with index.html.
      adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html' }),
    }),
  ],
  build: {
    // The CSP allows fonts from our own origin only, not data: URLs; KaTeX's smallest fonts would be inlined.
    assetsInlineLimit: (file) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/socket.io': { target: devServerUrl, ws: true },
    },
  },
});
