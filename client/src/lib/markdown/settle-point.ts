const fence = /^\s{0,3}(```|~~~)/;

/** The offset just after the last complete blank line that is not inside a code fence; 0 if none. */
export function lastSafeBoundary(text: string): number {
  const lines = text.split('\n');
  let inFence = false;
  let boundary = 0;
  let offset = 0;
  // The last piece has no newline yet: it may still grow, so it never counts as a boundary.
  for (const line of lines.slice(0, -1)) {
    offset += line.length + 1;
    if (fence.test(line)) inFence = !inFence;
    else if (!inFence && line.trim() === '') boundary = offset;
  }
  return boundary;
}
