import type http from 'node:http';
import { Server } from 'socket.io';
import type { Logger } from 'pino';
import type { Db } from '../db/knex.js';
import { sessionToken } from '../http/auth.js';
import { findSessionUser } from '../http/sessions.js';
import type { SessionUser } from '../http/session-user.js';
import type { ClientToServerEvents, ServerToClientEvents } from './events.js';
import { rooms } from './rooms.js';

type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { user: SessionUser }>;
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
    const io: Io = new Server(server, { serveClient: false, cors: { origin: false } });
    io.use(async (socket, next) => {
      try {
        const token = sessionToken(socket.handshake.headers.cookie);
        const user = token ? await findSessionUser(this.db, token) : null;
        if (!user) return next(new Error('unauthenticated'));
        socket.data.user = user;
        next();
      } catch (err) {
        this.log.warn({ err }, 'socket handshake failed');
        next(new Error('unavailable'));
      }
    });
    io.on('connection', (socket) => {
      const user = socket.data.user;
      void socket.join(this.roomsOf(user));
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

  /** After a change of role, department or assistance the user reconnects and joins the right rooms. */
  async refreshUser(userId: number): Promise<void> {
    this.io?.in(rooms.user(userId)).disconnectSockets(true);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.io ? this.io.close(() => resolve()) : resolve()));
  }
}
