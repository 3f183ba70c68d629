// The real pages rendered with hostile names, notes and reasons (see world.ts): nothing from the
// data becomes markup, every text shows as written, directional controls stay isolated and long
// text wraps.
import './dom-setup';
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { installApi } from './fake-api';
import { EMOJI, IMG, LONG, QUOTES, RTL, SCRIPT, ZERO_WIDTH, assertSafe } from './hostile';
import { NAMES, pageContext, routes } from './world';
import { setLocale } from '../src/i18n';
import * as review from '../src/pages/review';
import * as results from '../src/pages/results';
import * as monitor from '../src/pages/monitor';
import * as adminSetup from '../src/pages/admin-setup';
import * as audit from '../src/pages/audit';
import * as account from '../src/pages/account';
import * as scores from '../src/pages/scores';
import * as coaching from '../src/pages/coaching';
import { errorBox } from '../src/components/ui';
import { ApiError } from '../src/api';

const everyName = Object.fromEntries(NAMES.map((name, i) => [`name ${i}`, name]));

for (const language of ['ko', 'en'] as const) {
  describe(`pages with hostile data (${language})`, () => {
    before(() => {
      setLocale(language);
      installApi(routes);
    });

    it('review queue', async () => {
      const { frame, context } = pageContext('admin', 'campaign=C1');
      await review.renderQueue(context);
      assertSafe(frame, { ...everyName, campaign: routes['GET /api/campaigns'] ? `${QUOTES}${RTL}` : '', flag: QUOTES });
    });

    it('review of one evaluation', async () => {
      for (const id of ['1', '4', '6']) {
        const { frame, context } = pageContext('reviewer', '', { id });
        await review.renderDetail(context);
        assertSafe(frame, { name: NAMES[Number(id) - 1]!, reason: `${SCRIPT} ${RTL}`, notes: IMG, long: LONG, emoji: EMOJI, itemNote: RTL, item: QUOTES, element: ZERO_WIDTH, monitor: RTL });
      }
    });

    it('an employee\'s own results with objections', async () => {
      const { frame, context } = pageContext('employee', 'campaign=C1');
      await results.renderMyResults(context);
      assertSafe(frame, { objection: `${SCRIPT}${RTL}`, decision: `${IMG}${LONG}`, notes: IMG });
    });

    it('a department head\'s department and a coach\'s caseload', async () => {
      for (const render of [results.renderDepartment, results.renderCaseload]) {
        const { frame, context } = pageContext(render === results.renderDepartment ? 'department_head' : 'coach', 'campaign=C1');
        await render(context);
        assertSafe(frame, everyName);
      }
    });

    it('the evaluation read view', async () => {
      const { frame, context } = pageContext('coach', '', { id: '6' });
      await results.renderEvaluation(context);
      assertSafe(frame, { name: LONG, notes: IMG, reason: `${SCRIPT} ${RTL}` });
    });

    it('a monitor\'s assignments, returned work and form', async () => {
      let { frame, context } = pageContext('monitor');
      await monitor.renderToday(context);
      assertSafe(frame, { ...everyName, department: RTL, scenario: IMG, phone: QUOTES });
      ({ frame, context } = pageContext('monitor'));
      await monitor.renderReturned(context);
      assertSafe(frame, { ...everyName, reason: `${SCRIPT} ${RTL}` });
      for (const code of ['A4', 'A6']) {
        ({ frame, context } = pageContext('monitor', 'campaign=C1', { code }));
        await monitor.renderForm(context);
        assertSafe(frame, { script: SCRIPT, long: LONG, title: IMG, department: RTL, flag: RTL, item: QUOTES });
      }
    });

    it('objections, campaigns, organisation, scenarios, monitors and users (admin)', async () => {
      const pages = [adminSetup.renderObjections, adminSetup.renderCampaigns, adminSetup.renderOrganisation, adminSetup.renderScenarios,
        adminSetup.renderMonitors, adminSetup.renderUsers, adminSetup.renderRubrics];
      for (const render of pages) {
        const { frame, context } = pageContext('admin');
        await render(context);
        const expected: Record<string, string> =
          render === adminSetup.renderCampaigns ? { name: `${QUOTES}${RTL}`, other: EMOJI }
          : render === adminSetup.renderRubrics ? { item: QUOTES, stage: RTL, element: ZERO_WIDTH }
          : render === adminSetup.renderOrganisation ? { ...everyName, department: RTL, long: LONG }
          : everyName;
        assertSafe(frame, expected);
      }
    });

    it('the audit log', async () => {
      const { frame, context } = pageContext('auditor');
      await audit.render(context);
      assertSafe(frame, { ...everyName, problem: `${SCRIPT}${RTL}`, subject: RTL });
    });

    it('the account page', async () => {
      const { frame, context } = pageContext('employee');
      await account.render(context);
      assertSafe(frame, { name: `${RTL}${SCRIPT}`, login: `login${QUOTES}` });
    });

    it('scores and calibration (admin)', async () => {
      let { frame, context } = pageContext('admin', 'campaign=C1');
      await scores.renderScores(context);
      assertSafe(frame, { ...everyName, note: SCRIPT });
      ({ frame, context } = pageContext('admin', 'campaign=C1'));
      await scores.renderCalibration(context);
      assertSafe(frame, { monitor: QUOTES, flag: SCRIPT });
    });

    it('coaching: plans, library, caseload, a plan, my coaching and the department\'s progress', async () => {
      let { frame, context } = pageContext('admin', 'campaign=C1');
      await coaching.renderPlans(context);
      assertSafe(frame, { ...everyName, item: QUOTES, conclusion: `${IMG}${RTL}`, method: `${SCRIPT}${RTL}` });
      ({ frame, context } = pageContext('admin'));
      await coaching.renderLibrary(context);
      assertSafe(frame, { title: SCRIPT });
      ({ frame, context } = pageContext('coach', 'campaign=C1'));
      await coaching.renderCaseload(context);
      assertSafe(frame, everyName);
      for (const role of ['coach', 'department_head'] as const) {
        ({ frame, context } = pageContext(role, '', { id: '4' }));
        await coaching.renderPlanPage(context);
        const privateNote: Record<string, string> = role === 'coach' ? { private: `${IMG}${ZERO_WIDTH}` } : {};
        assertSafe(frame, { name: RTL, item: QUOTES, guidance: SCRIPT, good: RTL, practice: LONG, note: `${RTL}${LONG}`, discussed: SCRIPT, shared: EMOJI, action: `${QUOTES}${RTL}`, ...privateNote });
      }
      ({ frame, context } = pageContext('employee', 'campaign=C1'));
      await coaching.renderMyCoaching(context);
      assertSafe(frame, { shared: EMOJI, action: `${QUOTES}${RTL}`, practice: LONG });
      assert.ok(!frame.textContent?.includes(`${IMG}${ZERO_WIDTH}`), 'no private note on the employee\'s page');
      ({ frame, context } = pageContext('department_head', 'campaign=C1'));
      await coaching.renderDepartmentCoaching(context);
      assertSafe(frame, everyName);
    });

    it('an error box with a hostile server message and fields of an unknown code', () => {
      const box = errorBox(new ApiError(422, 'some_new_code', `${SCRIPT}${RTL}`, [{ field: IMG, message: `${QUOTES}${LONG}` }]));
      document.body.append(box);
      assertSafe(box, { message: `${SCRIPT}${RTL}` });
      assert.ok(box.textContent?.includes(IMG) || box.textContent?.includes('AAAA'));
      box.remove();
    });
  });
}
