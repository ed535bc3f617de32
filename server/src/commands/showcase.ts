/**
 * Showcasing is an operator's decision, never a user's: this command puts an assistant in the
 * Lounge's showcase (or takes it out) by its code.
 *   npm run showcase -- CODE          npm run showcase -- CODE --off
 */
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { openStore } from '../store/open-store.ts';

const [code, flag] = process.argv.slice(2);
if (!code) {
  console.error('Usage: npm run showcase -- ASSISTANT_CODE [--off]');
  process.exit(2);
}
const config = loadConfig();
const store = await openStore({ mongodbUrl: config.mongodbUrl, mongoDbName: config.mongoDbName, sqlitePath: path.join(config.dataDir, 'gptlab.sqlite') });
try {
  const assistant = await store.getAssistantByCode(code.toLowerCase());
  if (!assistant || assistant.deletedAt) {
    console.error(`No assistant has the code "${code}".`);
    process.exitCode = 1;
  } else {
    const showcased = flag !== '--off';
    await store.updateAssistant(assistant.id, { showcased, updatedAt: new Date() });
    console.log(`${assistant.name} (${assistant.code}) is ${showcased ? 'now showcased' : 'no longer showcased'}.`);
  }
} finally {
  await store.close();
}
