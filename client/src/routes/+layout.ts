// The app is a single-page app served as static files: no server rendering, no prerendering.
export const ssr = false;
export const prerender = false;
