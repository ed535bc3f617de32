/**
 * Bytes allocated per function (self) and per stack owner from a sampling heap profile written by
 * allocation-sampling.ts.   node tests/bench/allocation-summary.ts FILE [top]
 */
import { readFileSync } from 'node:fs';

interface AllocationNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: AllocationNode[];
}

const file = process.argv[2];
if (!file) throw new Error('usage: node tests/bench/allocation-summary.ts FILE [top]');
const count = Number(process.argv[3] ?? 40);
const { head } = JSON.parse(readFileSync(file, 'utf8')) as { head: AllocationNode };
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
const name = (frame: AllocationNode['callFrame']) => `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/(node_modules|server\/src|tests)\//, '$1/')}:${frame.lineNumber + 1}`;
function walk(node: AllocationNode, stack: string[]): number {
  const here = name(node.callFrame);
  const onStack = [...stack, here];
  let size = node.selfSize;
  self.set(here, (self.get(here) ?? 0) + node.selfSize);
  total += node.selfSize;
  for (const child of node.children) size += walk(child, onStack);
  if (!stack.includes(here)) inclusive.set(here, (inclusive.get(here) ?? 0) + size);
  return size;
}
walk(head, []);
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [key, bytes] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count)) console.log(`${(bytes / 2 ** 20).toFixed(1).padStart(9)} MB ${((100 * bytes) / total).toFixed(1).padStart(5)}%  ${key}`);
};
console.log(`${(total / 2 ** 20).toFixed(0)} MB allocated in the sampled window`);
print('By function (self):', self);
print('By function (inclusive):', inclusive);
