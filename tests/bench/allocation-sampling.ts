/**
 * Preloaded into a server (`BENCH_SERVER_NODE_OPTIONS="--import ./tests/bench/allocation-sampling.ts"`):
 * samples every allocation, kept or collected, from ALLOCATION_FROM_MS to ALLOCATION_TO_MS after
 * start, and writes ALLOCATION_FILE (.heapprofile, readable in Chrome DevTools or with
 * `node tests/bench/allocation-summary.ts FILE`). What a heap snapshot cannot show: who makes the
 * garbage that grows the heap under load.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

const from = Number(process.env.ALLOCATION_FROM_MS ?? 20_000);
const to = Number(process.env.ALLOCATION_TO_MS ?? 30_000);
const file = process.env.ALLOCATION_FILE ?? `allocations-${process.pid}.heapprofile`;
const session = new Session();
session.connect();

setTimeout(() => {
  void session.post('HeapProfiler.startSampling', { samplingInterval: 32 * 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
}, from).unref();
setTimeout(() => {
  void session.post('HeapProfiler.stopSampling').then(({ profile }) => writeFileSync(file, JSON.stringify(profile)));
}, to).unref();
