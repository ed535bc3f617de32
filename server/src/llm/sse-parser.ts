/** One server-sent event: its `event:` name ('' when absent) and its `data:` lines joined. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Splits a server-sent-events body into events as its bytes arrive, returning every event a network
 * read completed at once. Pure and synchronous, so reading a streamed reply costs one await per
 * network read rather than several per event (see llm/reply-stream.ts).
 */
export class SseParser {
  readonly #decoder = new TextDecoder();
  /** Text after the last complete line. */
  #pending = '';
  #event = '';
  #data: string[] = [];

  push(bytes: Uint8Array): SseEvent[] {
    return this.#lines(this.#decoder.decode(bytes, { stream: true }), false);
  }

  /** The body ended: an event the server did not terminate with a blank line still counts. */
  end(): SseEvent[] {
    return this.#lines(this.#decoder.decode(), true);
  }

  #lines(text: string, final: boolean): SseEvent[] {
    const buffer = this.#pending + text;
    // A trailing \r may be the first half of \r\n; it waits for the next read.
    const cut = !final && buffer.endsWith('\r') ? buffer.length - 1 : buffer.length;
    const lines = buffer.slice(0, cut).split(/\r\n|\r|\n/);
    this.#pending = final ? '' : (lines.pop() ?? '') + buffer.slice(cut);
    if (final) lines.push('');
    const events: SseEvent[] = [];
    for (const line of lines) {
      const event = this.#line(line);
      if (event) events.push(event);
    }
    return events;
  }

  #line(line: string): SseEvent | null {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#event = value;
    return null;
  }

  #dispatch(): SseEvent | null {
    const event = this.#data.length > 0 ? { event: this.#event, data: this.#data.join('\n') } : null;
    this.#event = '';
    this.#data = [];
    return event;
  }
}
