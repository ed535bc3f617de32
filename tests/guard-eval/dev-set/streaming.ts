/** Cuts text roughly as a BPE tokenizer does: words with their leading space, long words in pieces. */
export function toTokens(text: string): string[] {
  const pieces = text.match(/\s*[\p{L}\p{N}_]+|\s*[^\s\p{L}\p{N}_]+|\s+/gu) ?? [];
  return pieces.flatMap((piece) => piece.match(/[\s\S]{1,5}/gu) ?? []);
}

/** A long, on-topic reply for the running coach that reuses the prompt's vocabulary without copying it. */
export function longCoachingReply(wordTarget: number): string {
  const lines = [
    (w: number) => `Week ${w} starts with a five-minute brisk walk, then alternating jogs and walks at a pace where you can still chat.`,
    (w: number) => `On day one of week ${w}, repeat the intervals six times; if your breathing gets ragged, slow the jog rather than stopping.`,
    () => 'Rest days matter as much as running days, because your tendons adapt more slowly than your heart and lungs.',
    () => 'A gentle stroll, some stretching or an easy bike ride all count as active recovery on those days.',
    (w: number) => `By the end of week ${w} you should feel that the last interval is challenging but still comfortable.`,
    () => 'Drink water through the day instead of all at once before you head out, and keep a light snack for afterwards.',
    () => 'Shoes do not need to be expensive; they need to feel comfortable from the first step in the shop.',
    () => 'If a session feels awful, cut it short and count it anyway: consistency beats heroics for new runners.',
    (w: number) => `Many people find that the third run of week ${w} is the hardest, so plan it for a morning when you are fresh.`,
    () => 'Track each run in a notebook with the date, how long you moved and one word for how it felt.',
    () => 'Running with a friend or a local group makes the early weeks much easier to stick with.',
    () => 'Hills can wait; flat loops around a park are perfect for building the habit.',
    () => 'Remember that soreness the day after is normal, while sharp or lasting pain is a signal to pause and ask a professional.',
    () => 'On race day, start slower than you think you should and enjoy the crowd around you.',
  ];
  const sentences: string[] = [];
  let words = 0;
  for (let i = 0; words < wordTarget; i++) {
    const line = lines[i % lines.length] ?? (() => '');
    const sentence = line(Math.floor(i / lines.length) + 1);
    sentences.push(sentence);
    words += sentence.split(/\s+/).length;
  }
  return sentences.join(' ');
}
