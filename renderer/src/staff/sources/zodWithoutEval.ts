import { z } from 'zod';

// The pages' CSP allows no eval, which zod's compiled checks would use (and the browser would report as a violation).
// zod decides when a schema is made, so this module is imported before any schema module is.
z.config({ jitless: true });
