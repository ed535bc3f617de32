import { Writable } from 'node:stream';

/** Collects every log line a server writes (pass `stream` as startWorld's `logs`). */
export function logCapture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream, text: () => lines.join('') };
}
