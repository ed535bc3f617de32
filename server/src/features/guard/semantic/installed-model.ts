import { defaultSemanticModelDir, semanticModelAt, type SemanticModelFiles } from './model-files.ts';

/**
 * For tests that run the real model: its files, or null to skip with a message. In CI (CI=true)
 * a missing model fails instead, since .ci/run installs it (scripts/setup-semantic-model.sh).
 */
export function installedModelForTests(env: NodeJS.ProcessEnv = process.env): SemanticModelFiles | null {
  const dir = env.GUARD_SEMANTIC_MODEL_DIR || defaultSemanticModelDir(env);
  const files = semanticModelAt(dir);
  if (files) return files;
  if (env.CI === 'true') throw new Error(`the semantic model is missing from ${dir}; .ci/run should have run scripts/setup-semantic-model.sh`);
  console.warn(`[semantic] tests of the real model skipped: none in ${dir} (scripts/setup-semantic-model.sh installs it)`);
  return null;
}
