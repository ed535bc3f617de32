/** One server-sent event: its `event:` name ('' when absent) and its `data:` lines joined. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * No line or event of a reply stream comes near this; a provider (users may bring their own) that
 * sends a larger one without end would otherwise grow the server's memory.
 */
export const maxSseEventChars = 1_048_576;

export class SseTooLargeError extends Error {
  override name = 'SseTooLargeError';
  constructor() {
    super(`a server-sent event longer than ${maxSseEventChars} characters`);
  }
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
  #dataChars = 0;
  /** The last read ended in \r: a \n opening the next one belongs to that line break. */
  #skipLeadingLf = false;

  push(bytes: Uint8Array): SseEvent[] {
    return this.#lines(this.#decoder.decode(bytes, { stream: true }), false);
  }

  /** The body ended: an event the server did not terminate with a blank line still counts. */
  end(): SseEvent[] {
    return this.#lines(this.#decoder.decode(), true);
  }

  #lines(text: string, final: boolean): SseEvent[] {
    if (this.#skipLeadingLf && text !== '') {
      this.#skipLeadingLf = false;
      if (text.startsWith('\n')) text = text.slice(1);
    }
    // Without a line break nothing completes: keep the text, and never rescan it for each read.
    if (!final && !/[\r\n]/.test(text)) {
      this.#pending += text;
      if (this.#pending.length > maxSseEventChars) throw new SseTooLargeError();
      return [];
    }
    const buffer = this.#pending + text;
    // A \r ends its line at once (the spec's CR line ending), so its event is not held until the
    // next read; if that read opens with \n, the pair was one \r\n.
    this.#skipLeadingLf = buffer.endsWith('\r');
    const lines = buffer.split(/\r\n|\r|\n/);
    this.#pending = final ? '' : (lines.pop() ?? '');
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
    if (field === 'data') this.#addData(value);
    else if (field === 'event') this.#event = value;
    return null;
  }

  #addData(value: string): void {
    this.#dataChars += value.length;
    if (this.#dataChars > maxSseEventChars) throw new SseTooLargeError();
    this.#data.push(value);
  }

  /** As the openai SDK reads a stream: an event with a name and no data (`event: error`) still counts. */
  #dispatch(): SseEvent | null {
    const event = this.#data.length > 0 || this.#event !== '' ? { event: this.#event, data: this.#data.join('\n') } : null;
    this.#event = '';
    this.#data = [];
    this.#dataChars = 0;
    return event;
  }
}
