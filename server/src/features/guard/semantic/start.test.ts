import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../logger.ts';
import { startSemanticCheck } from './start.ts';

const noModel = () => mkdtempSync(path.join(tmpdir(), 'no-semantic-model-'));
const logger = createLogger('silent');

describe('starting the semantic check', () => {
  it('leaves it off, and the server running, when it is off or set to auto with no model installed', async () => {
    expect(await startSemanticCheck({ mode: 'off', modelDir: noModel() }, logger)).toBeNull();
    expect(await startSemanticCheck({ mode: 'auto', modelDir: noModel() }, logger)).toBeNull();
  });

  it('refuses to start when it is required and the model is missing', async () => {
    await expect(startSemanticCheck({ mode: 'on', modelDir: noModel() }, logger)).rejects.toThrow(/setup-semantic-model\.sh/u);
  });
});
