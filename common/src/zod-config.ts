import { z } from 'zod';

// The app's CSP forbids eval, and zod's JIT probes for it with `new Function`: the browser reports
// that as a CSP violation even though zod catches it. Without the JIT, parsing a request costs a
// little more, which at request (not token) rates does not show.
z.config({ jitless: true });
