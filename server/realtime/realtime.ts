import type http from 'node:http';
import { Server } from 'socket.io';
import type { Logger } from 'pino';
import type { Db } from '../db/knex.js';
import { isSameOrigin, sessionToken } from '../http/auth.js';
import { findSession } from '../http/sessions.js';
import type { SessionUser } from '../http/session-user.js';
import type { ClientToServerEvents, ServerToClientEvents } from './events.js';
import { rooms } from './rooms.js';

type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { user: SessionUser; sessionId: string }>;

/** setTimeout's longest delay (ms); a session ending later is checked again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;
type Emit = <E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>) => void;

export interface ConnectionListener {
  connected(user: SessionUser): void;
  disconnected(user: SessionUser, openSockets: number): void;
}

/**
 * Live events to the rooms the modules' events files name (their policies decide who hears what). Callers emit
 * after their transaction commits; nothing here reads the database except the handshake's session lookup, and
 * nothing here knows a module: which rooms a user joins is given to it (`roomsOf`).
 */
export class Realtime {
  private io?: Io;
  private listeners: ConnectionListener[] = [];

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly roomsOf: (user: SessionUser) => string[],
  ) {}

  attach(server: http.Server): void {
    const io: Io = new Server(server, {
      serveClient: false,
      cors: { origin: false },
      // The API's own rule (http/auth.ts): a browser page of another origin, even a sibling subdomain, is refused.
      allowRequest: (req, callback) => callback(null, isSameOrigin(req.headers.origin, req.headers.host)),
    });
    io.use(async (socket, next) => {
      try {
        const token = sessionToken(socket.handshake.headers.cookie);
        const session = token ? await findSession(this.db, token) : null;
        if (!session) return next(new Error('unauthenticated'));
        socket.data.user = session.user;
        socket.data.sessionId = session.id;
        // The socket lives as long as its session: at its end the tab is disconnected (and logs in again).
        const endAt = session.expiresAt.getTime();
        const watch = () => {
          const left = endAt - Date.now();
          if (left <= 0) return void socket.disconnect(true);
          timer = setTimeout(watch, Math.min(left, MAX_TIMER_MS));
        };
        let timer: NodeJS.Timeout | undefined;
        watch();
        socket.on('disconnect', () => clearTimeout(timer));
        next();
      } catch (err) {
        this.log.warn({ err }, 'socket handshake failed');
        next(new Error('unavailable'));
      }
    });
    io.on('connection', (socket) => {
      const user = socket.data.user;
      void socket.join([...this.roomsOf(user), rooms.session(socket.data.sessionId)]);
      socket.on('ping', (ack) => typeof ack === 'function' && ack(Date.now()));
      for (const l of this.listeners) l.connected(user);
      socket.on('disconnect', () => {
        const open = io.sockets.adapter.rooms.get(rooms.user(user.id))?.size ?? 0;
        for (const l of this.listeners) l.disconnected(user, open);
      });
    });
    this.io = io;
  }

  onConnection(listener: ConnectionListener): void {
    this.listeners.push(listener);
  }

  /** To every open tab in these rooms (rooms.ts names them; the modules' policies choose them). */
  to(names: string[]): { emit: Emit } {
    return {
      emit: (event, ...args) => {
        if (!this.io || names.length === 0) return;
        this.io.to(names).emit(event, ...args);
      },
    };
  }


  isOnline(userId: number): boolean {
    return (this.io?.sockets.adapter.rooms.get(rooms.user(userId))?.size ?? 0) > 0;
  }

  /** A session ended (logout): its open tabs are disconnected at once. `sessionId` is the sha256 of its token. */
  endSession(sessionId: string): void {
    this.io?.in(rooms.session(sessionId)).disconnectSockets(true);
  }

  /** A user's sessions ended (a new password), all but `keepSessionId`'s: their open tabs are disconnected. */
  async endSessionsOf(userId: number, keepSessionId?: string): Promise<void> {
    if (!this.io) return;
    const sockets = await this.io.in(rooms.user(userId)).fetchSockets();
    for (const s of sockets) if (s.data.sessionId !== keepSessionId) s.disconnect(true);
  }

  /** After a change of role, department or assistance the user reconnects and joins the right rooms. */
  async refreshUser(userId: number): Promise<void> {
    this.io?.in(rooms.user(userId)).disconnectSockets(true);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.io ? this.io.close(() => resolve()) : resolve()));
  }
}
