import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../api/types.ts';
import { useReminders } from '../../api/hooks.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { connectLive } from '../../realtime/socket.ts';
import { updateTitle } from '../../realtime/attention.ts';
import { TopBar } from './TopBar.tsx';
import { TelephonyBanner } from './TelephonyBanner.tsx';
import { LeadsPage } from '../leads/LeadsPage.tsx';
import { ReminderAlerts } from '../reminders/ReminderAlerts.tsx';
import { LeadPanel } from '../lead/LeadPanel.tsx';
import { CallPops } from '../calls/CallPops.tsx';
import { InboxPage } from '../inbox/InboxPage.tsx';
import { InboxBadge } from '../inbox/InboxBadge.tsx';
import { NotificationAsk } from '../inbox/NotificationAsk.tsx';
import { Empty, Spinner } from '../../components/ui.tsx';
import { useNow } from '../../lib/now.ts';

// The first screen is a list (inbox or leads) and the card: everything else loads when it is opened — the Reports
// area with the charts' library, the client base, the board, reminders, team, sites and import — so that the first
// load stays within its budget (`npm run bench -- bundle`).
const ReportsPage = lazy(() => import('../reports/ReportsPage.tsx'));
const ClientsPage = lazy(() => import('../clients/ClientsPage.tsx'));
const DuplicatesPage = lazy(() => import('../clients/DuplicatesPage.tsx'));
const BoardPage = lazy(() => import('../board/BoardPage.tsx').then((m) => ({ default: m.BoardPage })));
const RemindersPage = lazy(() => import('../reminders/RemindersPage.tsx').then((m) => ({ default: m.RemindersPage })));
const TeamPage = lazy(() => import('../team/TeamPage.tsx').then((m) => ({ default: m.TeamPage })));
const SitesPage = lazy(() => import('../sites/SitesPage.tsx').then((m) => ({ default: m.SitesPage })));
const ImportPage = lazy(() => import('../imports/ImportPage.tsx').then((m) => ({ default: m.ImportPage })));

interface NavItem {
  path: string;
  icon: string;
  show: (me: Me) => boolean;
}

const NAV: NavItem[] = [
  { path: '/inbox', icon: 'M2 9h4l1.5 2h3L12 9h4M2 9l2-6h10l2 6v6H2z', show: (me) => me.can.assignLeads },
  { path: '/leads', icon: 'M3 4h12M3 9h12M3 14h12', show: () => true },
  { path: '/board', icon: 'M2 3h4v12H2zM7 3h4v8H7zM12 3h4v10h-4z', show: () => true },
  { path: '/clients', icon: 'M7 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2 16c0-3 2.2-5 5-5s5 2 5 5M12.5 3.5h4M12.5 7h4M14 10.5h2.5', show: (me) => me.role !== 'assistant' },
  { path: '/reminders', icon: 'M9 3a5 5 0 0 1 5 5v3l1.5 2.5h-13L4 11V8a5 5 0 0 1 5-5zM7.5 15.5a1.5 1.5 0 0 0 3 0', show: () => true },
  { path: '/reports', icon: 'M2 15h14M4 12V8M8 12V4M12 12V6M16 12V9', show: (me) => me.can.viewReports },
  { path: '/team', icon: 'M6.5 8a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM2 15c0-2.5 2-4.5 4.5-4.5S11 12.5 11 15M12 8a2 2 0 1 0 0-4M13 10.5c1.8.4 3 2 3 4', show: (me) => me.can.manageTeam },
  { path: '/import', icon: 'M9 2v9M5.5 7.5 9 11l3.5-3.5M3 12v3h12v-3', show: (me) => me.role !== 'assistant' },
  { path: '/sites', icon: 'M9 2a7 7 0 1 0 0 14A7 7 0 0 0 9 2zM2 9h14M9 2c2 2 2.8 4.5 2.8 7S11 14 9 16M9 2C7 4 6.2 6.5 6.2 9S7 14 9 16', show: (me) => me.can.manageSites },
];

function useNavLabels(): Record<string, string> {
  const { t } = useTranslation();
  return { '/inbox': t('nav.inbox'), '/leads': t('nav.leads'), '/board': t('nav.board'), '/reminders': t('nav.reminders'), '/clients': t('nav.clients'), '/reports': t('nav.reports'), '/team': t('nav.team'), '/sites': t('nav.sites'), '/import': t('nav.import') };
}

export function homePath(me: Me): string {
  return me.can.assignLeads ? '/inbox' : '/leads';
}

export function Shell({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const navLabels = useNavLabels();
  const qc = useQueryClient();
  const { path, search } = useLocation();
  const panelOpen = search.has('lead');
  // On a phone the menu is a strip; this opens it as a list with its labels, and a move closes it.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);

  // One connection for the session: the shell is keyed by user id, so `me` at mount is the right one.
  const meAtStart = useRef(me);
  useEffect(() => connectLive(qc, meAtStart.current), [qc]);
  useEffect(() => {
    updateTitle();
    return () => {
      document.title = 'Leadline';
    };
  }, [i18n.language]);

  const items = NAV.filter((n) => n.show(me));
  // Sub-pages belong to their section: /clients/duplicates to /clients.
  const known = items.some((n) => n.path === path || (path === '/clients/duplicates' && n.path === '/clients'));
  useEffect(() => {
    if (!known) navigate(homePath(meAtStart.current) + window.location.search, { replace: true });
  }, [known]);

  let page;
  switch (path) {
    case '/inbox':
      page = <InboxPage me={me} />;
      break;
    case '/leads':
      page = <LeadsPage key="leads" me={me} />;
      break;
    case '/board':
      page = <BoardPage me={me} />;
      break;
    case '/clients':
      page = <ClientsPage me={me} />;
      break;
    case '/clients/duplicates':
      page = <DuplicatesPage />;
      break;
    case '/reminders':
      page = <RemindersPage />;
      break;
    case '/reports':
      page = <ReportsPage me={me} />;
      break;
    case '/team':
      page = <TeamPage me={me} />;
      break;
    case '/sites':
      page = <SitesPage />;
      break;
    case '/import':
      page = <ImportPage me={me} />;
      break;
    default:
      page = <Empty>{t('common.nothingHere')}</Empty>;
  }

  return (
    <div className={`shell${panelOpen ? ' has-panel' : ''}`} data-testid="app-shell" data-role={me.role}>
      <nav className={`sidenav${menuOpen ? ' nav-open' : ''}`} aria-label={t('nav.label')}>
        <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-label={t('nav.menu')} data-testid="menu-toggle" onClick={() => setMenuOpen((v) => !v)}>
          ☰
        </button>
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Leadline
        </div>
        <ul>
          {items.map((n) => (
            <li key={n.path}>
              <Link href={n.path} className={`nav-link${path === n.path ? ' active' : ''}`} aria-current={path === n.path ? 'page' : undefined} data-testid={`nav-${n.path.slice(1)}`}>
                <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
                  <path d={n.icon} fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" />
                </svg>
                <span className="nav-label">{navLabels[n.path]}</span>
                {n.path === '/inbox' && <InboxBadge />}
                {n.path === '/reminders' && <OverdueCount />}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="main-col">
        <TopBar me={me} />
        <TelephonyBanner me={me} />
        <NotificationAsk me={me} />
        <main className="page">
          <Suspense fallback={<Spinner />}>{page}</Suspense>
        </main>
      </div>
      <LeadPanel />
      <div className="overlay-stack" aria-live="assertive">
        <CallPops me={me} />
        <ReminderAlerts />
      </div>
    </div>
  );
}

function OverdueCount() {
  const { t } = useTranslation();
  const { data } = useReminders();
  const now = useNow();
  const n = data?.filter((r) => !r.doneAt && Date.parse(r.dueAt) <= now).length ?? 0;
  if (!n) return null;
  return (
    <span className="nav-count nav-count-hot" data-testid="reminders-count" aria-label={t('nav.dueCount', { count: n })}>
      {n}
    </span>
  );
}
