import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { limits, type AppError, type ClientToServerEvents, type InterServerEvents, type ServerToClientEvents, type SocketData } from '@gptlab/common';
import type { IdentityService } from '../features/identity/service.ts';
import type { RateLimits } from '../features/limits/service.ts';
import { clientAddress } from '../http/client-address.ts';
import { originAllowed } from '../http/origin.ts';
import { readHandshake, type HandshakeOptions } from './handshake.ts';
import type { UserTabs } from './user-tabs.ts';

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface SocketServerOptions extends HandshakeOptions {
  allowedOrigins: string[] | undefined;
  /** False while shutting down: new connections are turned away at the HTTP level, which a
   * Socket.IO client treats as a network error and retries, ending up at another instance. */
  accepting: () => boolean;
  /** Security headers, on Socket.IO's own HTTP responses too (they bypass Express). */
  responseHeaders: Record<string, string>;
  /** How many proxies in front append to X-Forwarded-For (0: the peer is the client). */
  trustedProxies: number;
  /**
   * Whether this address may open one more connection, counted before any sign-in: a connection
   * that never signs in holds memory until its connect timeout. Set once the limits exist.
   */
  connections: ConnectionGate;
}

/** Late-bound because the shared rate limits are built after the Socket.IO server (they need its adapter). */
export interface ConnectionGate {
  admit: (address: string) => Promise<boolean>;
}

export const admitEveryConnection = (): ConnectionGate => ({ admit: () => Promise.resolve(true) });

export function createSocketServer(httpServer: HttpServer, options: SocketServerOptions): AppServer {
  const io: AppServer = new Server(httpServer, {
    maxHttpBufferSize: limits.maxHttpBufferSize,
    // Deflate costs more CPU than it saves on frames of a few dozen bytes (DESIGN.md section 5).
    perMessageDeflate: false,
    cors: options.allowedOrigins ? { origin: options.allowedOrigins } : undefined,
    serveClient: false,
    // Runs for every new connection, WebSocket or polling; an upgrade joins a connection admitted here.
    allowRequest: (req, callback) => {
      if (!options.accepting()) return callback('restarting', false);
      if (!originAllowed(req.headers, options.allowedOrigins)) return callback('origin not allowed', false);
      const address = clientAddress(req.socket.remoteAddress, req.headers, options.trustedProxies);
      options.connections.admit(address).then(
        (admitted) => callback(admitted ? null : 'too many connections from this address', admitted),
        () => callback(null, true),
      );
    },
  });
  io.engine.on('headers', (headers: Record<string, string>) => Object.assign(headers, options.responseHeaders));
  // engine.io answers its own refusals (400 and 403 JSON: bad sid, unknown transport, an origin not
  // allowed) without that event; headers set on the response first are merged into those too.
  const handleRequest = io.engine.handleRequest.bind(io.engine);
  io.engine.handleRequest = (req, res) => {
    for (const [name, value] of Object.entries(options.responseHeaders)) res.setHeader(name, value);
    handleRequest(req, res);
  };
  refuseUnexpectedBinary(io);
  // A tab leaves its only namespace when it goes; a connection that lingers without one is just a held socket.
  io.on('connection', (socket) => {
    // engine.io keeps the upgrade request (an IncomingMessage, ~2 KB with its fields) for the whole
    // life of the connection; all we read of it is in socket.handshake, built by now (Socket.IO's
    // memory-usage guide does the same).
    (socket.conn as { request: unknown }).request = null;
    socket.on('disconnect', (reason) => {
      if (reason === 'client namespace disconnect') socket.conn.close();
    });
  });
  return io;
}

/** The most binary attachments one request of the contract carries (draft:sync: an update and a state vector). */
const maxAttachments = 2;

/**
 * Socket.IO holds a packet's binary attachments until all have arrived: a packet declaring many,
 * then frames of 250 KB each, was held for the whole connect timeout by a connection that never
 * signed in. Before sign-in no binary is expected at all, and after it no more than the contract
 * sends; either way the connection is closed at the packet's header, which frees what was held.
 */
function refuseUnexpectedBinary(io: AppServer): void {
  const signedIn = new WeakSet<object>();
  io.on('connection', (socket) => signedIn.add(socket.conn));
  io.engine.on('connection', (conn: { on(event: 'message', listener: (data: unknown) => void): void; close(): void }) => {
    conn.on('message', (data) => {
      const header = typeof data === 'string' ? /^[56](\d+)-/.exec(data) : null;
      const binary = typeof data !== 'string' || header !== null;
      if (!binary) return;
      if (!signedIn.has(conn) || Number(header?.[1] ?? 0) > maxAttachments) conn.close();
    });
  });
}

export interface SignInOptions extends HandshakeOptions {
  /** How many proxies in front of this server append to X-Forwarded-For (0: the peer is the client). */
  trustedProxies: number;
}

export interface SignInGuards {
  limits: RateLimits;
  tabs: UserTabs;
}

/** The query parameters Socket.IO's client itself sends; anything else (a key, above all) is refused. */
const transportParams = new Set(['EIO', 'transport', 't', 'b64', 'j']);
const keyInUrl: AppError = { code: 'unauthorized', message: 'Send your API key in the sign-in handshake, never in a URL.' };
const internal: AppError = { code: 'internal', message: 'Sign-in failed on our side. Try again.' };

/** Admits a socket only with a key its provider accepts; the key stays in socket.data, in memory. */
export function requireSignIn(io: AppServer, identity: IdentityService, guards: SignInGuards, options: SignInOptions): void {
  io.use((socket, next) => {
    admit(socket, identity, guards, options).then(
      (error) => next(error ? refusal(error) : undefined),
      () => next(refusal(internal)),
    );
  });
}

async function admit(socket: AppSocket, identity: IdentityService, { limits, tabs }: SignInGuards, options: SignInOptions): Promise<AppError | null> {
  if (Object.keys(socket.handshake.query).some((name) => !transportParams.has(name))) return keyInUrl;
  const address = clientAddress(socket.handshake.address, socket.handshake.headers, options.trustedProxies);
  const limited = await limits.signIn(address);
  if (limited) return limited.error;
  const handshake = readHandshake(socket.handshake.auth, options);
  if (!handshake.ok) return handshake.error;
  const result = await identity.signIn(handshake.credentials);
  if (!result.ok) {
    if (result.error.code === 'provider_auth') await limits.signInFailed(address);
    return result.error;
  }
  const { userId, messageKey } = result.identity;
  if (!(await tabs.admit(userId, socket.id, limits.tabsPerUser))) return limits.tooManyTabs().error;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    tabs.release(userId, socket.id);
  };
  // A tab that closes during sign-in never gets a 'disconnect'; its connection's 'close' still comes.
  socket.once('disconnect', release);
  socket.conn.once('close', release);
  if (socket.conn.readyState !== 'open') release();
  const { apiKey, baseUrl } = handshake.credentials;
  socket.data = { apiKey, baseUrl, userId, messageKey, address };
  return null;
}

/** Socket.IO hands `message` and `data` of a middleware error to the client's connect_error. */
function refusal(error: AppError): Error {
  return Object.assign(new Error(error.code), { data: error });
}
