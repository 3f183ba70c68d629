// Every page, who may open it, and whether it appears in that role's menu. Pages load on demand
// (one chunk per area), so a monitor's phone never downloads the admin pages or the charts.
import type { MessageKey } from './messages/ko';
import type { Role, User } from './types';

export interface PageContext {
  // Where the page draws its content (below the page heading).
  root: HTMLElement;
  params: Record<string, string>;
  query: URLSearchParams;
  user: User;
  // Changes the query string of the current page without leaving it (filters, paging).
  setQuery: (changes: Record<string, string | number | null>) => void;
  navigate: (path: string) => void;
  // Sets the page heading when it depends on data (e.g. an employee's name).
  setTitle: (title: string) => void;
}

export interface Route {
  path: string;
  title: MessageKey;
  roles: Role[];
  menu?: Role[];
  render: (context: PageContext) => Promise<void>;
}

const ALL: Role[] = ['admin', 'monitor', 'reviewer', 'coach', 'department_head', 'employee', 'auditor'];

export const routes: Route[] = [
  { path: '/dashboard', title: 'nav.dashboard', roles: ['admin'], menu: ['admin'], render: async (c) => (await import('./pages/admin-dashboard')).render(c) },
  { path: '/review', title: 'nav.review', roles: ['admin', 'reviewer'], menu: ['admin', 'reviewer'], render: async (c) => (await import('./pages/review')).renderQueue(c) },
  { path: '/review/:id', title: 'review.detailTitle', roles: ['admin', 'reviewer'], render: async (c) => (await import('./pages/review')).renderDetail(c) },
  { path: '/scores', title: 'nav.scores', roles: ['admin'], menu: ['admin'], render: async (c) => (await import('./pages/scores')).renderScores(c) },
  { path: '/calibration', title: 'nav.calibration', roles: ['admin'], menu: ['admin'], render: async (c) => (await import('./pages/scores')).renderCalibration(c) },
  { path: '/campaigns', title: 'nav.campaigns', roles: ['admin'], menu: ['admin'], render: async (c) => (await import('./pages/admin-setup')).renderCampaigns(c) },
  { path: '/campaigns/:code/plan', title: 'plan.title', roles: ['admin'], render: async (c) => (await import('./pages/admin-setup')).renderPlan(c) },
  { path: '/objections', title: 'nav.objections', roles: ['admin'], menu: ['admin'], render: async (c) => (await import('./pages/admin-setup')).renderObjections(c) },
  { path: '/organisation', title: 'nav.organisation', roles: ['admin'], menu: ['admin'], render: async (c) => (await import('./pages/admin-setup')).renderOrganisation(c) },
  { path: '/rubrics', title: 'nav.rubrics', roles: ['admin', 'reviewer', 'coach'], menu: ['admin', 'coach'], render: async (c) => (await import('./pages/admin-setup')).renderRubrics(c) },
  { path: '/scenarios', title: 'nav.scenarios', roles: ['admin', 'reviewer', 'coach'], menu: ['admin'], render: async (c) => (await import('./pages/admin-setup')).renderScenarios(c) },
  { path: '/monitors', title: 'nav.monitors', roles: ['admin'], menu: ['admin'], render: async (c) => (await import('./pages/admin-setup')).renderMonitors(c) },
  { path: '/users', title: 'nav.users', roles: ['admin'], menu: ['admin'], render: async (c) => (await import('./pages/admin-setup')).renderUsers(c) },
  { path: '/audit', title: 'nav.audit', roles: ['admin', 'auditor'], menu: ['admin', 'auditor'], render: async (c) => (await import('./pages/audit')).render(c) },
  { path: '/today', title: 'nav.today', roles: ['monitor'], menu: ['monitor'], render: async (c) => (await import('./pages/monitor')).renderToday(c) },
  { path: '/returned', title: 'nav.returned', roles: ['monitor'], menu: ['monitor'], render: async (c) => (await import('./pages/monitor')).renderReturned(c) },
  { path: '/assignments/:code', title: 'monitor.formTitle', roles: ['monitor'], render: async (c) => (await import('./pages/monitor')).renderForm(c) },
  { path: '/my-results', title: 'nav.myResults', roles: ['employee'], menu: ['employee'], render: async (c) => (await import('./pages/results')).renderMyResults(c) },
  { path: '/department', title: 'nav.department', roles: ['department_head'], menu: ['department_head'], render: async (c) => (await import('./pages/results')).renderDepartment(c) },
  { path: '/department/coaching', title: 'nav.departmentCoaching', roles: ['department_head'], menu: ['department_head'], render: async (c) => (await import('./pages/coaching')).renderDepartmentCoaching(c) },
  { path: '/caseload', title: 'nav.caseload', roles: ['coach'], menu: ['coach'], render: async (c) => (await import('./pages/coaching')).renderCaseload(c) },
  { path: '/coaching', title: 'nav.coaching', roles: ['admin'], menu: ['admin'], render: async (c) => (await import('./pages/coaching')).renderPlans(c) },
  { path: '/training', title: 'nav.training', roles: ['admin'], menu: ['admin'], render: async (c) => (await import('./pages/training')).render(c) },
  { path: '/coaching/library', title: 'nav.coachingLibrary', roles: ['admin'], menu: ['admin'], render: async (c) => (await import('./pages/coaching')).renderLibrary(c) },
  { path: '/coaching/plans/:id', title: 'coaching.planTitle', roles: ['admin', 'coach', 'department_head', 'employee'], render: async (c) => (await import('./pages/coaching')).renderPlanPage(c) },
  { path: '/my/coaching', title: 'nav.myCoaching', roles: ['employee'], menu: ['employee'], render: async (c) => (await import('./pages/coaching')).renderMyCoaching(c) },
  { path: '/evaluations/:id', title: 'evaluation.title', roles: ['admin', 'reviewer', 'coach', 'department_head', 'employee'], render: async (c) => (await import('./pages/results')).renderEvaluation(c) },
  { path: '/account', title: 'nav.account', roles: ALL, menu: ALL, render: async (c) => (await import('./pages/account')).render(c) },
];

export function landingPath(role: Role): string {
  switch (role) {
    case 'admin': return '/dashboard';
    case 'monitor': return '/today';
    case 'reviewer': return '/review';
    case 'coach': return '/caseload';
    case 'department_head': return '/department';
    case 'employee': return '/my-results';
    case 'auditor': return '/audit';
  }
}

export function match(path: string): { route: Route; params: Record<string, string> } | null {
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((segment, i) => {
      const part = parts[i] ?? '';
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = decodeURIComponent(part);
        return true;
      }
      return segment === part;
    });
    if (ok) return { route, params };
  }
  return null;
}
