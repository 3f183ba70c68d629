// Each role's main path through the web interface, as a person would walk it. Used by run.mjs
// against the real server; every page visited is checked with axe-core.
import { assert, checkAccessibility } from './harness.mjs';

export async function roleTests({ base, browser, runner, accounts, env, axeResults, demoNote }) {
  // ---- helpers over one page ----
  const ready = async (page) => {
    await page.waitForSelector('.page-body[data-ready]', { timeout: 30_000 });
    const state = await page.getAttribute('.page-body', 'data-ready');
    if (state !== 'true') {
      const text = await page.textContent('.page-body');
      throw new Error(`page ${page.url()} shows an error: ${text?.trim().slice(0, 500)}`);
    }
  };
  const go = async (page, path) => {
    await page.evaluate((hash) => { window.location.hash = hash; }, `#${path}`);
    await page.waitForFunction((hash) => window.location.hash === hash && !!document.querySelector('.page-body[data-ready]'), `#${path}`, { timeout: 30_000 });
    await ready(page);
  };
  const audit = (page, label) => checkAccessibility(page, env.require, label, axeResults);
  const account = (role) => {
    const found = accounts[role];
    if (!found) throw new Error(`no demo account for role ${role} in the demo output (${demoNote})`);
    return found;
  };
  const signIn = async (role, options = {}) => {
    const context = await browser.newContext({ locale: 'ko-KR', timezoneId: 'Asia/Seoul', ...options });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.log(`    [${role} page error] ${error.message}`));
    page.on('dialog', (dialog) => dialog.accept());
    await page.goto(`${base}/`);
    await page.waitForSelector('form.signin');
    await audit(page, `${role}: sign-in page`);
    const { login, password } = account(role);
    await page.getByLabel('아이디').fill(login);
    await page.getByLabel('비밀번호').fill(password);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.waitForFunction(() => !window.location.hash.startsWith('#/signin'), null, { timeout: 15_000 });
    await ready(page);
    return { context, page };
  };
  const menuLinks = (page) => page.$$eval('nav.site-nav a', (links) => links.map((a) => a.getAttribute('href')));
  const rowsOf = (page, selector) => page.$$eval(`${selector} tbody tr`, (rows) => rows.map((r) => r.textContent ?? ''));

  // ---- admin ----
  await runner.test('admin: dashboard charts render with their numbers; every admin page passes axe', async () => {
    const { context, page } = await signIn('admin');
    assert(page.url().endsWith('#/dashboard'), `admin lands on the dashboard, got ${page.url()}`);
    assert((await page.getAttribute('html', 'lang')) === 'ko', 'the page is Korean by default');
    await page.waitForFunction(() => document.querySelectorAll('[data-chart="ready"]').length >= 3, null, { timeout: 30_000 });
    const charts = await page.$$eval('figure.chart-figure', (figures) => figures.map((f) => ({
      state: f.querySelector('.chart')?.getAttribute('data-chart'),
      label: f.querySelector('.chart')?.getAttribute('aria-label'),
      rows: f.querySelectorAll('.chart-numbers tbody tr').length,
      svg: !!f.querySelector('.chart svg'),
      numbers: /\d/.test(f.querySelector('.chart-numbers tbody')?.textContent ?? ''),
    })));
    assert(charts.length >= 3, `at least three charts on the dashboard, found ${charts.length}`);
    for (const chart of charts) {
      assert(chart.state === 'ready' && chart.svg, `chart drawn: ${chart.label}`);
      assert(chart.rows > 0 && chart.numbers, `chart has its numbers in a table beside it: ${chart.label}`);
    }
    await runner.shot(page, 'admin-dashboard');
    await audit(page, 'admin: dashboard');

    const pages = [
      ['/review', 'admin-review'], ['/scores', 'admin-scores'], ['/calibration', 'admin-calibration'],
      ['/campaigns', 'admin-campaigns'], ['/objections', 'admin-objections'], ['/organisation', 'admin-organisation'],
      ['/rubrics', 'admin-rubrics'], ['/scenarios', 'admin-scenarios'], ['/monitors', 'admin-monitors'],
      ['/users', 'admin-users'], ['/audit', 'admin-audit'], ['/account', 'admin-account'],
      ['/coaching', 'admin-coaching'], ['/coaching/library', 'admin-coaching-library'], ['/training', 'admin-training'],
    ];
    for (const [path, shot] of pages) {
      await go(page, path);
      await runner.shot(page, shot);
      await audit(page, `admin: ${path}`);
    }
    // Scores with filters: one department narrows the list enough for the interval chart.
    await go(page, '/scores?campaign=POC-2021');
    const firstDepartment = await page.$eval('select[name="department"] option:nth-child(2)', (o) => o.value);
    await page.selectOption('select[name="department"]', firstDepartment);
    await page.waitForFunction((code) => window.location.hash.includes(`department=${code}`), firstDepartment);
    await ready(page);
    await page.waitForSelector('[data-chart="ready"]', { timeout: 30_000 });
    const scoreRows = await rowsOf(page, '.chart-numbers table');
    assert(scoreRows.length >= 1 && scoreRows.every((r) => /\d/.test(r)), 'the filtered scores are charted with their numbers');
    await runner.shot(page, 'admin-scores-filtered');
    await audit(page, 'admin: scores filtered');
    // The plan calendar of the first campaign.
    await go(page, '/campaigns');
    const planLink = await page.$('a[href*="/plan"]');
    assert(planLink, 'campaigns page links to the plan calendar');
    await planLink.click();
    await page.waitForFunction(() => window.location.hash.includes('/plan') && !!document.querySelector('.page-body[data-ready]'));
    await ready(page);
    assert(await page.$('table.calendar'), 'the plan is shown as a calendar');
    const busy = await page.$('table.calendar button.day');
    if (busy) {
      await busy.click();
      await page.waitForFunction(() => window.location.hash.includes('day='));
      await ready(page);
    }
    await runner.shot(page, 'admin-plan-calendar');
    await audit(page, 'admin: plan calendar');
    // The demo's 2021 results are released; the campaign in progress offers its release with a
    // deadline (not used here: releasing an unfinished campaign would publish nothing).
    await go(page, '/campaigns');
    assert(await page.locator('input[type="date"][name="deadline-E2E-NOW"]').count() === 1, 'the campaign in progress offers the release of its results');
    assert((await page.textContent('main')).includes('공개됨'), 'the 2021 campaign shows its results as released');
    // English switch, persisted across reloads.
    await page.getByRole('button', { name: /English/ }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.reload();
    await ready(page);
    assert((await page.getAttribute('html', 'lang')) === 'en', 'the English choice survives a reload');
    assert((await page.textContent('nav.site-nav')).includes('Dashboard'), 'the menu is in English');
    await go(page, '/dashboard');
    await page.waitForFunction(() => document.querySelectorAll('[data-chart="ready"]').length >= 3, null, { timeout: 30_000 });
    await runner.shot(page, 'admin-dashboard-en');
    await audit(page, 'admin: dashboard (English)');
    await page.getByRole('button', { name: /한국어/ }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'ko');
    await context.close();
  });

  // ---- reviewer ----
  await runner.test('reviewer: approves one evaluation and returns another with a reason', async () => {
    const { context, page } = await signIn('reviewer');
    assert(page.url().includes('#/review'), `reviewer lands on the review queue, got ${page.url()}`);
    const links = await menuLinks(page);
    assert(!links.some((l) => /dashboard|campaigns|monitors|scores/.test(l)), `reviewer menu offers only review pages: ${links}`);
    const count = async () => Number(((await page.textContent('p.lead')) ?? '').replace(/[^\d]/g, '') || '0');
    const before = await count();
    assert(before >= 2, `the demo leaves at least two evaluations waiting for review (found ${before})`);
    await runner.shot(page, 'reviewer-queue');
    await audit(page, 'reviewer: queue');

    await page.click('table.data tbody tr:first-child a');
    await page.waitForFunction(() => /#\/review\/\d+/.test(window.location.hash));
    await ready(page);
    await runner.shot(page, 'reviewer-detail');
    await audit(page, 'reviewer: evaluation');
    await page.getByLabel('승인').check();
    await page.getByRole('button', { name: '결정 저장' }).click();
    await page.waitForFunction(() => window.location.hash.includes('done=approve'));
    await ready(page);
    assert((await count()) === before - 1, 'the approved evaluation left the queue');

    await page.click('table.data tbody tr:first-child a');
    await page.waitForFunction(() => /#\/review\/\d+/.test(window.location.hash));
    await ready(page);
    await page.getByLabel('보완 요청 (요원에게 돌려보냄)').check();
    // Without a reason the form refuses and names the field.
    await page.getByRole('button', { name: '결정 저장' }).click();
    await page.waitForSelector('.field-error');
    await page.getByLabel('사유').fill('P05 관찰 메모가 비어 있습니다. 설명 내용을 적어 주십시오.');
    await page.getByRole('button', { name: '결정 저장' }).click();
    await page.waitForFunction(() => window.location.hash.includes('done=return'));
    await ready(page);
    assert((await count()) === before - 2, 'the returned evaluation left the queue');
    await page.selectOption('select[name="state"]', 'returned');
    await page.waitForFunction(() => window.location.hash.includes('state=returned'));
    await ready(page);
    const returned = await rowsOf(page, 'table.data');
    assert(returned.length >= 1, 'the returned evaluation is listed as returned');
    await runner.shot(page, 'reviewer-returned');
    await audit(page, 'reviewer: returned list');
    await context.close();
  });

  // ---- monitor (phone) ----
  await runner.test('monitor (390×844): opens an assignment, fills the form item by item with the ring counter, saves a draft, submits', async () => {
    const { context, page } = await signIn('monitor', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    assert(page.url().includes('#/today'), `monitor lands on today's assignments, got ${page.url()}`);
    const links = await menuLinks(page);
    assert(links.length === 3 && links.every((l) => /today|returned|account/.test(l)), `monitor menu is today/returned/account only: ${links}`);
    await runner.shot(page, 'monitor-today');
    await audit(page, 'monitor: today');
    // A phone call (a visit would also need the number of whoever served at the counter).
    const start = page.locator('li.assignment', { hasText: '전화 ·' }).getByRole('link', { name: '평가 시작' }).first();
    assert(await start.count(), 'a released phone assignment can be started');
    await start.click();
    await page.waitForFunction(() => window.location.hash.startsWith('#/assignments/'));
    await ready(page);
    const assignmentCode = decodeURIComponent(/#\/assignments\/([^?]+)/.exec(page.url())?.[1] ?? '');
    await audit(page, 'monitor: evaluation form');

    // Touch targets of the form are at least 44 × 44 CSS pixels.
    const small = await page.$$eval('main button, main .touch-row, main a.button', (nodes) => nodes
      .filter((n) => n.offsetParent !== null && !n.classList.contains('link'))
      .map((n) => ({ text: n.textContent?.trim().slice(0, 30), w: n.getBoundingClientRect().width, h: n.getBoundingClientRect().height }))
      .filter((b) => b.w < 44 || b.h < 44));
    assert(small.length === 0, `touch targets below 44 px: ${JSON.stringify(small)}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 0, `no horizontal scrolling at 390 px (overflow ${overflow}px)`);

    await page.getByRole('button', { name: '통화 시작' }).click();
    assert((await page.textContent('output.ring-count')) === '0', 'a new evaluation starts at 0 rings');
    const plus = page.getByRole('button', { name: '+1 신호음' });
    for (let i = 0; i < 4; i += 1) await plus.click();
    // Keyboard works too: ArrowDown inside the counter takes one ring off, ArrowUp adds it back.
    await plus.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    assert((await page.textContent('output.ring-count')) === '4', 'the ring counter shows 4');
    await runner.shot(page, 'monitor-form-tools');

    const total = Number(/\/\s*(\d+)/.exec(await page.textContent('.step-progress'))?.[1] ?? '0');
    assert(total >= 10, `the rubric has its items (${total})`);
    for (let step = 0; step < total; step += 1) {
      const fieldset = page.locator('fieldset.item-step');
      const item = await fieldset.getAttribute('data-item');
      const count = fieldset.locator('input[type="number"]');
      if (await count.count()) {
        assert((await count.inputValue()) === '4', `${item}: the ring count came from the counter`);
      } else if (await fieldset.locator('input[type="radio"]').count()) {
        await fieldset.locator('input[type="radio"]').first().check();
      } else {
        const boxes = fieldset.locator('.levels input[type="checkbox"]');
        for (let i = 0; i < await boxes.count(); i += 1) await boxes.nth(i).check();
        await fieldset.getByRole('button', { name: '선택한 요소로 확정' }).click();
      }
      await fieldset.getByLabel(/이 항목 메모/).fill(`${item} 관찰 메모`);
      if (step === 3) await runner.shot(page, 'monitor-form-item');
      if (step < total - 1) await page.getByRole('button', { name: '다음 항목' }).click();
    }
    assert((await page.textContent('.step-progress')).includes(`응답 ${total}개`), 'every item is answered');
    await page.getByRole('button', { name: '통화 종료' }).click();
    await page.getByRole('textbox', { name: '종합 의견' }).fill('친절하게 안내함. 대기 안내가 조금 길었음.');
    await page.getByRole('button', { name: '임시 저장' }).click();
    await page.waitForSelector('p.success', { timeout: 15_000 });
    await runner.shot(page, 'monitor-form-draft-saved');
    await audit(page, 'monitor: draft saved');
    // Attach a recording: a tiny valid WAV file (44-byte header and a little silence).
    const wav = Buffer.alloc(44 + 800);
    wav.write('RIFF', 0); wav.writeUInt32LE(36 + 800, 4); wav.write('WAVE', 8); wav.write('fmt ', 12);
    wav.writeUInt32LE(16, 16); wav.writeUInt16LE(1, 20); wav.writeUInt16LE(1, 22); wav.writeUInt32LE(8000, 24);
    wav.writeUInt32LE(8000, 28); wav.writeUInt16LE(1, 32); wav.writeUInt16LE(8, 34); wav.write('data', 36); wav.writeUInt32LE(800, 40);
    await page.setInputFiles('input[name="recording"]', { name: 'call.wav', mimeType: 'audio/wav', buffer: wav });
    await page.getByRole('button', { name: '녹음 첨부' }).click();
    await page.waitForSelector('p.success:has-text("녹음을 첨부했습니다")', { timeout: 15_000 });
    await page.getByRole('button', { name: '제출' }).click();
    await page.waitForFunction(() => window.location.hash.startsWith('#/today'), null, { timeout: 15_000 });
    await ready(page);
    await runner.shot(page, 'monitor-submitted');
    assert((await page.textContent('main p.success')).includes('제출했습니다'), 'the submission is confirmed');
    const card = page.locator(`li.assignment[data-assignment="${assignmentCode}"]`);
    assert(!(await card.count()) || (await card.textContent()).includes('검수 대기'), 'the submitted assignment is no longer open (or shows as waiting for review)');
    await go(page, '/returned');
    await runner.shot(page, 'monitor-returned');
    await audit(page, 'monitor: returned');
    await context.close();
  });

  // ---- employee ----
  await runner.test('employee: sees own released result with evidence, acknowledges one, objects to one with a reason', async () => {
    const { context, page } = await signIn('employee', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    assert(page.url().includes('#/my-results'), `employee lands on own results, got ${page.url()}`);
    const cards = page.locator('section.result');
    assert(await cards.count() >= 1, 'at least one released result is shown');
    assert(await page.locator('section.result table.data tbody tr').count() >= 1, 'the result shows its items as evidence');
    await runner.shot(page, 'employee-results');
    await audit(page, 'employee: results');
    const first = cards.first();
    await first.getByRole('button', { name: '결과 확인' }).click();
    await first.locator('p.success').waitFor();
    const target = (await cards.count()) > 1 ? cards.nth(1) : first;
    await target.locator('summary', { hasText: '이의신청' }).click();
    await target.getByLabel('이의신청 사유').fill('P04 항목: 그날은 민원인이 먼저 전화를 끊었습니다. 녹음 확인을 요청합니다.');
    await target.getByRole('button', { name: '이의신청 제출' }).click();
    await target.locator('p.success', { hasText: '접수' }).waitFor();
    await runner.shot(page, 'employee-objection');
    await audit(page, 'employee: after objection');
    // The employee's coaching: the plan with its sessions, or a notice when there is none.
    await go(page, '/my/coaching');
    assert(await page.locator('main section, main p.notice').count() >= 1, 'my coaching shows the plan or says there is none');
    assert(!(await page.locator('.private-notes').count()), 'no private session notes on the employee\'s page');
    await runner.shot(page, 'employee-coaching');
    await audit(page, 'employee: my coaching');
    await context.close();
  });

  // ---- admin decides the objection ----
  await runner.test('admin: decides the employee\'s objection with a reason', async () => {
    const { context, page } = await signIn('admin');
    await go(page, '/objections');
    const card = page.locator('ul.cards > li', { hasText: '처리 중' }).first();
    assert(await card.count(), 'the objection filed by the employee is listed as pending');
    await card.getByRole('button', { name: '기각' }).click();
    await card.locator('.field-error').waitFor();
    await card.getByLabel('처리 사유').fill('녹음을 확인했습니다. 통화는 직원이 끝냈고 평가는 관찰대로입니다.');
    await card.getByRole('button', { name: '기각' }).click();
    await card.locator('p.success', { hasText: '기각했습니다' }).waitFor();
    await runner.shot(page, 'admin-objection-decided');
    await audit(page, 'admin: objection decided');
    await context.close();
  });

  // ---- department head ----
  await runner.test('department head: sees the department results, never schedules or monitors', async () => {
    const { context, page } = await signIn('department_head');
    assert(page.url().includes('#/department'), `department head lands on department results, got ${page.url()}`);
    const links = await menuLinks(page);
    assert(!links.some((l) => /campaigns|plan|monitors|review|today|calibration/.test(l)), `no schedule or monitor page offered: ${links}`);
    await page.waitForFunction(() => document.querySelectorAll('[data-chart="ready"]').length >= 1, null, { timeout: 30_000 });
    assert((await rowsOf(page, '.chart-numbers table')).length >= 1, 'the staff scores are listed');
    const headers = await page.$$eval('main th, main dt', (cells) => cells.map((c) => c.textContent ?? ''));
    assert(!headers.some((text) => /요원|일정|배정/.test(text)), `no monitor or schedule column on the department page: ${headers}`);
    await runner.shot(page, 'department-head');
    await audit(page, 'department head: results');
    // The department's coaching progress, and one plan when there is any.
    await go(page, '/department/coaching');
    await runner.shot(page, 'department-head-coaching');
    await audit(page, 'department head: coaching progress');
    const headPlan = await page.$('main a[href^="#/coaching/plans/"]');
    if (headPlan) {
      await go(page, (await headPlan.getAttribute('href')).slice(1));
      assert(!(await page.locator('.private-notes, form.session-form').count()), 'a department head sees neither private notes nor the session form');
      await audit(page, 'department head: coaching plan');
    }
    for (const path of ['/campaigns', '/monitors', '/today']) {
      await page.evaluate((hash) => { window.location.hash = hash; }, `#${path}`);
      await page.waitForSelector('.page-body[data-ready="denied"]', { timeout: 15_000 });
      assert((await page.textContent('h1')).includes('찾을 수 없습니다'), `${path} is not offered to a department head`);
    }
    await context.close();
  });

  // ---- coach ----
  await runner.test('coach: sees the caseload with scores', async () => {
    const { context, page } = await signIn('coach');
    assert(page.url().includes('#/caseload'), `coach lands on the caseload, got ${page.url()}`);
    assert((await rowsOf(page, 'table.data')).length >= 1, 'the caseload lists employees');
    await runner.shot(page, 'coach-caseload');
    await audit(page, 'coach: caseload');
    // A plan of the caseload with the session form (tablet-sized targets), when the demo has one.
    const planLink = await page.$('main a[href^="#/coaching/plans/"]');
    if (planLink) {
      await go(page, (await planLink.getAttribute('href')).slice(1));
      await runner.shot(page, 'coach-plan');
      await audit(page, 'coach: coaching plan');
      const small = await page.$$eval('form.session-form button, form.session-form input:not([type="checkbox"]), form.session-form textarea', (nodes) => nodes
        .filter((n) => n.offsetParent !== null)
        .map((n) => ({ name: n.getAttribute('name') ?? n.textContent?.trim().slice(0, 30), h: n.getBoundingClientRect().height }))
        .filter((b) => b.h < 44));
      assert(small.length === 0, `session form targets below 44 px: ${JSON.stringify(small)}`);
    }
    await context.close();
  });

  // ---- auditor ----
  await runner.test('auditor: reads the audit log', async () => {
    const { context, page } = await signIn('auditor');
    assert(page.url().includes('#/audit'), `auditor lands on the audit log, got ${page.url()}`);
    const rows = await rowsOf(page, 'table.data');
    assert(rows.length >= 1, 'the audit log has entries (the earlier roles read personal data)');
    const links = await menuLinks(page);
    assert(links.length === 2, `auditor menu is audit log and account only: ${links}`);
    await runner.shot(page, 'auditor-audit-log');
    await audit(page, 'auditor: audit log');
    await context.close();
  });

}
