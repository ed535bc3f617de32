import { errorCount, type BenchResults } from './report.ts';

/**
 * What went wrong beyond being slow: lost, repeated or out-of-order tokens, refused requests, tabs
 * that never came back. A smoke run fails on any of them; a full run prints them.
 */
export function deliveryProblems(results: BenchResults): string[] {
  const problems: string[] = [];
  const relays = [...(results.fanOut ?? []), ...(results.redis && 'label' in results.redis ? [results.redis] : [])];
  for (const relay of relays) {
    const { failures, outOfOrder, incompleteReplies, firstFailure } = relay.errors;
    if (errorCount(relay) > 0) problems.push(`${relay.label}: ${failures} failures, ${outOfOrder} out of order, ${incompleteReplies} incomplete replies${firstFailure ? ` (first: ${firstFailure})` : ''}`);
    if (relay.tokensPerSecond === 0) problems.push(`${relay.label}: no token delivered`);
  }
  for (const curve of results.curves ?? []) {
    for (const { ours, floor } of curve.points) {
      for (const relay of [ours, floor]) {
        if (errorCount(relay) > 0) problems.push(`${curve.axis} curve, ${relay.label} at ${relay.shape[curve.axis]}: ${errorCount(relay)} delivery errors`);
      }
    }
  }
  const instances = results.instances && 'points' in results.instances ? results.instances.points : [];
  for (const { instances: count, result } of instances) {
    if (errorCount(result) > 0) problems.push(`${count} instance(s) at ${result.shape.sessions} sessions: ${errorCount(result)} delivery errors${result.errors.firstFailure ? ` (first: ${result.errors.firstFailure})` : ''}`);
  }
  for (const point of results.comparison?.points ?? []) {
    for (const result of point.results) if (errorCount(result) > 0) problems.push(`compare, ${result.label} at ${point.sessions} sessions: ${errorCount(result)} delivery errors`);
  }
  const { connections, catchUp } = results;
  if (connections && connections.reached < connections.target) problems.push(`connections: ${connections.reached} of ${connections.target} sockets held`);
  for (const storm of connections?.storms ?? []) {
    if (storm.back < storm.sockets) problems.push(`reconnect storm (${storm.keys} keys): ${storm.back} of ${storm.sockets} sockets back`);
  }
  if (catchUp && (catchUp.failures > 0 || catchUp.repliesChecked === 0 || catchUp.repliesExact < catchUp.repliesChecked)) {
    problems.push(`catch-up: ${catchUp.repliesExact} of ${catchUp.repliesChecked} replies exact, ${catchUp.failures} failures${catchUp.firstFailure ? ` (first: ${catchUp.firstFailure})` : ''}`);
  }
  return problems;
}
