/**
 * Loads the showcased example assistants into the configured store (MongoDB or embedded), so a
 * fresh install has a populated Lounge. Safe to run again: existing examples are left alone.
 *   npm run seed
 */
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { seedExampleAssistants } from '../features/assistants/seed.ts';
import { derivePromptKey } from '../features/identity/key-derivation.ts';
import { loadServerSecret } from '../features/identity/server-secret.ts';
import { openStore } from '../store/open-store.ts';

const config = loadConfig();
const store = await openStore({ mongodbUrl: config.mongodbUrl, mongoDbName: config.mongoDbName, sqlitePath: path.join(config.dataDir, 'gptlab.sqlite') });
try {
  const secret = loadServerSecret({ configured: config.serverSecret, production: config.environment === 'production', dataDir: config.dataDir });
  const added = await seedExampleAssistants(store, derivePromptKey(secret), config.defaultModel);
  console.log(`Seeded ${added} example assistant(s) into the ${store.kind} store (${config.environment}).`);
} finally {
  await store.close();
}
