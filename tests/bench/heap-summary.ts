/**
 * Where a server's memory is: reads a V8 .heapsnapshot (written by a server started with
 * `--heapsnapshot-signal=SIGUSR2` and sent that signal mid-load) and prints the self size and count
 * of each kind of object, largest first.
 *   node tests/bench/heap-summary.ts FILE [top]
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export interface HeapRow {
  kind: string;
  count: number;
  bytes: number;
}

export function summarizeHeap(file: string, top = 25): { totalBytes: number; rows: HeapRow[] } {
  const heap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = heap.snapshot.meta.node_fields;
  const stride = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const types = heap.snapshot.meta.node_types[0];
  const byKind = new Map<string, HeapRow>();
  let totalBytes = 0;
  for (let at = 0; at < heap.nodes.length; at += stride) {
    const type = types[heap.nodes[at + typeAt] ?? 0] ?? '?';
    const name = heap.strings[heap.nodes[at + nameAt] ?? 0] ?? '?';
    const bytes = heap.nodes[at + sizeAt] ?? 0;
    // Strings and code are grouped by type: their names are their contents.
    const kind = type === 'object' || type === 'closure' || type === 'native' ? `${type} ${name.slice(0, 60)}` : type;
    const row = byKind.get(kind) ?? { kind, count: 0, bytes: 0 };
    row.count++;
    row.bytes += bytes;
    byKind.set(kind, row);
    totalBytes += bytes;
  }
  return { totalBytes, rows: [...byKind.values()].sort((a, b) => b.bytes - a.bytes).slice(0, top) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: node tests/bench/heap-summary.ts FILE [top]');
  const { totalBytes, rows } = summarizeHeap(file, Number(process.argv[3] ?? 25));
  console.log(`${(totalBytes / 2 ** 20).toFixed(1)} MB in the JS heap snapshot`);
  for (const row of rows) console.log(`${(row.bytes / 2 ** 20).toFixed(2).padStart(8)} MB  ${String(row.count).padStart(9)}  ${row.kind}`);
}
