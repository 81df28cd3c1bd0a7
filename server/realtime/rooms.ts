/**
 * The names of socket.io rooms, in one place. Which rooms a user joins and which rooms hear about what is
 * decided by the modules' policies; realtime/ only delivers to the names it is given.
 */
export const rooms = {
  /** The open tabs of one login session (by the session's id, the sha256 of its cookie). */
  session: (sessionId: string): string => `session:${sessionId}`,
  /** Every open tab of one user. */
  user: (userId: number): string => `user:${userId}`,
  directors: 'role:director',
  /** Everyone who belongs to one department. */
  department: (departmentId: number): string => `department:${departmentId}`,
  /** The curators of one department. */
  curators: (departmentId: number): string => `curators:${departmentId}`,
  /** The assistants of one manager. */
  assistantsOf: (managerId: number): string => `assistants:${managerId}`,
} as const;
