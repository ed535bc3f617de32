import { limits } from '@gptlab/common';

/**
 * A Socket.IO client spoken by hand over a bare WebSocket (Engine.IO v4 text frames), to send what
 * socket.io-client never would: broken JSON, 10,000-deep nesting, oversized frames, odd packets.
 */
export class RawSocket {
  private readonly ws: WebSocket;
  private nextAckId = 1;
  private readonly acks = new Map<number, (args: unknown[]) => void>();
  /** Resolves with the close code when the server (or we) close the connection. */
  readonly closed: Promise<number>;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    this.closed = new Promise((resolve) => ws.addEventListener('close', (event) => resolve(event.code)));
    ws.binaryType = 'arraybuffer';
    // Binary frames are attachments of a binary ack; their placeholders in the ack are enough here.
    ws.addEventListener('message', (event) => typeof event.data === 'string' && this.onFrame(event.data));
  }

  /** Opens the connection and signs in; rejects with the server's refusal (`{ message, data }`). */
  static async connect(url: string, auth: Record<string, unknown> = { apiKey: 'sk-test-raw', protocol: limits.protocolVersion }): Promise<RawSocket> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    const socket = new RawSocket(ws);
    const controller = new AbortController();
    const connected = new Promise<void>((resolve, reject) => {
      const { signal } = controller;
      ws.addEventListener('message', (event) => {
        const frame = String(event.data);
        if (frame.startsWith('0{')) ws.send(`40${JSON.stringify(auth)}`);
        else if (frame.startsWith('40')) resolve();
        else if (frame.startsWith('44')) reject(JSON.parse(frame.slice(2)));
      }, { signal });
      ws.addEventListener('error', () => reject(new Error('websocket error')), { signal });
      ws.addEventListener('close', () => reject(new Error('closed before connecting')), { signal });
    });
    // Once connected, later frames (an error for another namespace, say) are the test's business.
    await connected.finally(() => controller.abort());
    return socket;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends a frame exactly as given. */
  sendFrame(frame: string): void {
    this.ws.send(frame);
  }

  /** Sends `event` with arguments given as JSON text (valid or not) and an ack; resolves with the ack's arguments. */
  request(event: string, ...jsonArgs: string[]): Promise<unknown[]> {
    const id = this.nextAckId++;
    const answered = new Promise<unknown[]>((resolve) => this.acks.set(id, resolve));
    this.ws.send(`42${id}[${[JSON.stringify(event), ...jsonArgs].join(',')}]`);
    return answered;
  }

  /** Sends `event` with no ack at all. */
  notify(event: string, ...jsonArgs: string[]): void {
    this.ws.send(`42[${[JSON.stringify(event), ...jsonArgs].join(',')}]`);
  }

  close(): void {
    this.ws.close();
  }

  private onFrame(frame: string): void {
    // Engine.IO ping: answer, or the server drops us after pingTimeout.
    if (frame === '2') return this.ws.send('3');
    const ack = /^4(?:3|6\d+-)(\d+)(\[[\s\S]*\])$/.exec(frame);
    if (!ack?.[1] || !ack[2]) return;
    const id = Number(ack[1]);
    this.acks.get(id)?.(JSON.parse(ack[2]) as unknown[]);
    this.acks.delete(id);
  }
}
