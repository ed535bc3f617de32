/**
 * Reads the URL of an external service a suite needs. In CI (CI=true) a missing service is a
 * failure, never a silent skip; on a developer's machine the suite is skipped with a clear reason.
 */
export function serviceUrl(envVar: 'REDIS_URL' | 'MONGODB_URL'): string | undefined {
  const url = process.env[envVar];
  if (url) return url;
  if (process.env.CI === 'true') {
    throw new Error(`${envVar} is not set, but CI=true: this suite needs a real server (see .ci/run).`);
  }
  console.warn(`[tests] ${envVar} is not set: skipping this suite. Start one with tests/services/ and set ${envVar}.`);
  return undefined;
}
