const fence = /^\s{0,3}(```|~~~)/;
/** A line that opens or closes display math written over several lines: `$$`, `\[` or `\]` alone. */
const mathFence = /^\s{0,3}(\$\$|\\\[|\\\])\s*$/;

/** The offset just after the last complete blank line that is not inside a code fence or display math; 0 if none. */
export function lastSafeBoundary(text: string): number {
  const lines = text.split('\n');
  let inFence = false;
  let inMath = false;
  let boundary = 0;
  let offset = 0;
  // The last piece has no newline yet: it may still grow, so it never counts as a boundary.
  for (const line of lines.slice(0, -1)) {
    offset += line.length + 1;
    if (!inMath && fence.test(line)) inFence = !inFence;
    else if (!inFence && mathFence.test(line)) inMath = !inMath;
    else if (!inFence && !inMath && line.trim() === '') boundary = offset;
  }
  return boundary;
}
