import type { Logger } from '../../../logger.ts';
import { semanticModelAt } from './model-files.ts';
import { SemanticLeakCheck } from './semantic-check.ts';
import { semanticRules } from './semantic-rules.ts';
import { WorkerEmbedder } from './worker-embedder.ts';

/** off: never; auto: when the model is installed; on: required, the server does not start without it. */
export type SemanticMode = 'off' | 'auto' | 'on';

export interface SemanticSettings {
  mode: SemanticMode;
  /** Where scripts/setup-semantic-model.sh installed the model. */
  modelDir: string;
}

/** The semantic check as configured, with its model loaded in a worker thread; null when it is off. */
export async function startSemanticCheck(settings: SemanticSettings, logger: Logger): Promise<SemanticLeakCheck | null> {
  if (settings.mode === 'off') return null;
  const files = semanticModelAt(settings.modelDir);
  if (!files) {
    const missing = `no semantic model in ${settings.modelDir}; scripts/setup-semantic-model.sh installs it`;
    if (settings.mode === 'on') throw new Error(`GUARD_SEMANTIC=on but ${missing}`);
    logger.info(`[guard] semantic check off: ${missing}`);
    return null;
  }
  try {
    const embedder = await WorkerEmbedder.start(files, semanticRules.maxQueuedSentences);
    logger.info({ loadMs: Math.round(embedder.loadMs) }, '[guard] semantic check on');
    return new SemanticLeakCheck(embedder);
  } catch (err) {
    if (settings.mode === 'on') throw err;
    logger.warn({ err }, '[guard] semantic check off: the model could not be loaded');
    return null;
  }
}
