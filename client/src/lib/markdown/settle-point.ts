const fence = /^\s{0,3}(```|~~~)/;
/** A line that opens or closes display math written over several lines: `$$`, `\[` or `\]` alone. */
const mathFence = /^\s{0,3}(\$\$|\\\[|\\\])\s*$/;
/**
 * Blocks a blank line may not end: a list (its next item, or an item's next paragraph, may follow),
 * indented code, HTML. A line after a blank line that could belong to one continues it.
 */
const mayContinue = /^(\s|[-+*](\s|$)|\d{1,9}[.)](\s|$)|<)/;

/**
 * The offset where the last settled part of a streaming reply ends, 0 if none: the start of a
 * complete line that follows a blank line, outside code fences and display math, and that surely
 * begins a new block rather than continuing a list, indented code or HTML. Text up to there renders the same alone as in the whole reply, so it is
 * rendered once (see IncrementalMarkdown).
 */
export function lastSafeBoundary(text: string): number {
  const lines = text.split('\n');
  let inFence = false;
  let inMath = false;
  let afterBlank = true;
  let openBlockMayContinue = false;
  let boundary = 0;
  let offset = 0;
  // The last piece has no newline yet: it may still grow, so it cannot tell what begins there.
  for (const line of lines.slice(0, -1)) {
    const start = offset;
    offset += line.length + 1;
    if (!inFence && !inMath) {
      if (line.trim() === '') {
        afterBlank = true;
        continue;
      }
      const continues = mayContinue.test(line);
      if (afterBlank && !(openBlockMayContinue && continues)) {
        boundary = start;
        openBlockMayContinue = continues;
      }
      afterBlank = false;
    }
    if (!inMath && fence.test(line)) inFence = !inFence;
    else if (!inFence && mathFence.test(line)) inMath = !inMath;
  }
  return boundary;
}
