/**
 * The reports API as the web reads it (GET /api/stats/managers, /api/stats/funnel, /api/activity): the server's own
 * shapes (server/api-types/stats.ts), named as the screens speak of them.
 */
export { ACTIVITY_KINDS } from '../../../../server/api-types.ts';
export type {
  ActivityKind,
  ActivityDto as ActivityPage,
  ActivityItemDto as ActivityItem,
  FunnelDto as FunnelReport,
  ManagerFiguresDto as ManagerFigures,
  ManagersStatsDto as ManagersReport,
} from '../../../../server/api-types.ts';
