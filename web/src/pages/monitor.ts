// The monitor's pages, made for a phone: today's released assignments, the evaluation form one
// item at a time (with the ring counter and call timer), drafts, submission, a recording, and
// evaluations returned for correction. A monitor sees only their own released work.
import { api, ApiError, itemsOf, request } from '../api';
import { announce, bdi, h, replace, uid } from '../dom';
import { isolate } from '../bidi';
import { fieldLabel, fieldProblem } from '../errors';
import { formatDate, formatDateTime, formatTime, locale, pick, t } from '../i18n';
import { callTimer, localIso, ringCounter, type TimerState } from '../components/monitor-tools';
import { levelLabel, rubrics } from '../components/evaluation-view';
import { composeNotes, decodeObservation, encodeAnswer, splitNotes, type Answer } from '../components/observations';
import { badge, campaigns, channelLabel, empty, errorBox, field, section, stateBadge } from '../components/ui';
import type { PageContext } from '../routes';
import type { Assignment, Evaluation, EvaluationRow, List, Page, Rubric, RubricItem } from '../types';

function todayIso(): string {
  return localIso(new Date()).slice(0, 10);
}

interface MyWork {
  assignments: Assignment[];
  // The monitor's own evaluations by assignment code (an evaluation carries its assignment's code).
  evaluations: Map<string, EvaluationRow>;
}

// Released assignments and own evaluations of every campaign the monitor takes part in.
async function myWork(): Promise<MyWork> {
  const list = await campaigns();
  const work: MyWork = { assignments: [], evaluations: new Map() };
  for (const campaign of list) {
    const [assignments, evaluations] = await Promise.all([
      api.get<List<Assignment>>('/api/my/assignments', { campaign: campaign.code }),
      api.get<Page<EvaluationRow>>('/api/evaluations', { campaign: campaign.code, page_size: 500 }),
    ]);
    work.assignments.push(...itemsOf(assignments));
    for (const row of itemsOf(evaluations)) work.evaluations.set(`${row.campaign}|${row.code}`, row);
  }
  work.assignments.sort((a, b) => `${a.date}T${a.start}`.localeCompare(`${b.date}T${b.start}`));
  return work;
}

function formPath(a: Assignment, evaluationId?: number | null): string {
  const query = new URLSearchParams({ campaign: a.campaign });
  if (evaluationId) query.set('evaluation', String(evaluationId));
  return `#/assignments/${encodeURIComponent(a.code)}?${query.toString()}`;
}

function endTime(a: Assignment): string {
  const [hh = 0, mm = 0] = a.start.split(':').map(Number);
  const minutes = hh * 60 + mm + (a.duration_minutes ?? 0);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function assignmentCard(a: Assignment, row: EvaluationRow | undefined, heading: 'h2' | 'h3'): HTMLElement {
  const state = row?.state ?? null;
  const done = state === 'submitted' || state === 'approved' || state === 'void';
  const when = a.duration_minutes ? `${a.start}–${endTime(a)}` : a.start;
  return h(
    'li',
    { class: 'assignment card', 'data-assignment': a.code },
    h(heading, null, `${channelLabel(a.channel)} · `, bdi(a.employee_name || a.department_name || a.employee_no || a.department_code)),
    h('p', { class: 'meta' }, `${formatDate(a.date)} ${when} `, state ? stateBadge(state) : badge(t('monitor.notStarted'))),
    h('p', null, bdi(a.department_name || a.department_code)),
    a.channel === 'phone' && a.phone ? h('p', null, t('monitor.phone'), ': ', h('a', { href: `tel:${a.phone}`, class: 'tel' }, bdi(a.phone))) : null,
    a.scenario_title ? h('p', null, t('monitor.scenario'), ': ', bdi(a.scenario_title)) : null,
    done ? null : h('a', { class: 'button primary touch', href: formPath(a, row?.id) }, state === 'returned' ? t('monitor.correct') : state ? t('monitor.continue') : t('monitor.start')),
  );
}

export async function renderToday(context: PageContext): Promise<void> {
  const work = await myWork();
  const today = todayIso();
  const rowOf = (a: Assignment): EvaluationRow | undefined => work.evaluations.get(`${a.campaign}|${a.code}`);
  const finished = (a: Assignment): boolean => ['submitted', 'approved', 'void'].includes(rowOf(a)?.state ?? '');
  const todays = work.assignments.filter((a) => a.date === today);
  // Released work of other days still to do: missed calls to catch up, tomorrow's to prepare.
  const open = work.assignments.filter((a) => a.date !== today && !finished(a));
  const done = work.assignments.filter((a) => a.date !== today && finished(a)).length;
  if (context.query.get('submitted')) context.root.append(h('p', { class: 'success', role: 'status' }, t('form.submitted')));
  context.root.append(h('p', { class: 'lead' }, t('monitor.todayIntro', { date: formatDate(today), n: todays.length })));
  context.root.append(todays.length ? h('ul', { class: 'assignments' }, todays.map((a) => assignmentCard(a, rowOf(a), 'h2'))) : empty('monitor.noneToday'));
  if (open.length) {
    const shown = open.slice(0, 10);
    context.root.append(section(t('monitor.otherOpen', { n: open.length }),
      h('ul', { class: 'assignments' }, shown.map((a) => assignmentCard(a, rowOf(a), 'h3'))),
      open.length > shown.length ? h('p', { class: 'hint' }, t('monitor.moreOpen', { n: open.length - shown.length })) : null));
  }
  if (done) context.root.append(h('p', { class: 'muted' }, t('monitor.doneCount', { n: done })));
}

export async function renderReturned(context: PageContext): Promise<void> {
  const list = await campaigns();
  const rows: EvaluationRow[] = [];
  for (const campaign of list) {
    rows.push(...itemsOf(await api.get<Page<EvaluationRow>>('/api/evaluations', { campaign: campaign.code, state: 'returned', page_size: 500 })));
  }
  if (rows.length === 0) {
    context.root.append(empty('monitor.noneReturned'));
    return;
  }
  // The reason is on the full evaluation.
  const details = await Promise.all(rows.map((row) => api.get<Evaluation>(`/api/evaluations/${row.id}`)));
  context.root.append(
    h('ul', { class: 'assignments' }, details.map((e) => h(
      'li',
      { class: 'assignment card' },
      h('h2', null, `${channelLabel(e.channel)} · `, bdi(e.employee_name || e.employee_no)),
      h('p', { class: 'meta' }, formatDateTime(e.performed_at), ' ', stateBadge(e.state)),
      h('p', null, h('strong', null, t('monitor.returnReason')), ' ', e.review_reason ? bdi(e.review_reason) : '–'),
      h('a', { class: 'button primary touch', href: `#/assignments/${encodeURIComponent(e.code)}?campaign=${encodeURIComponent(e.campaign)}&evaluation=${e.id}` }, t('monitor.correct')),
    ))),
  );
}

// What the form edits.
interface Draft {
  flags: Set<string>;
  answers: Map<string, Answer>;
  itemNotes: Map<string, string>;
  notes: string;
  // Who was scored when not the assigned employee: the colleague who answered the phone, or for
  // a visit the person who served at the counter (an employee number).
  employeeNo: string;
  timer: TimerState;
  rings: number;
}

function answerComplete(item: RubricItem, answer: Answer | undefined): boolean {
  return encodeAnswer(item, answer) !== undefined;
}

// The channel's rubric a new evaluation gets: the latest version of "<channel>-default", else of
// any rubric of that channel (the server chooses the same way).
function rubricForChannel(list: Rubric[], channel: string): Rubric | undefined {
  const ofChannel = list.filter((r) => r.channel === channel);
  const preferred = ofChannel.filter((r) => r.code === `${channel}-default`);
  return (preferred.length ? preferred : ofChannel).sort((a, b) => b.version - a.version)[0];
}

function draftBody(draft: Draft, rubric: Rubric, assignment: Assignment | undefined, channel: string): Record<string, unknown> {
  const observations: Record<string, string> = {};
  for (const item of rubric.items) {
    const cell = encodeAnswer(item, draft.answers.get(item.id));
    if (cell !== undefined) observations[item.id] = cell;
  }
  const body: Record<string, unknown> = {
    performed_at: draft.timer.started_at ?? localIso(new Date()),
    flags: [...draft.flags],
    observations,
    notes: composeNotes(draft.notes, draft.itemNotes, rubric.items.map((i) => i.id)),
  };
  const someoneElse = channel === 'visit' || draft.flags.has('ANSWERED_BY_COLLEAGUE');
  if (someoneElse && draft.employeeNo.trim()) body.employee_no = draft.employeeNo.trim();
  else if (assignment?.employee_no) body.employee_no = assignment.employee_no;
  return body;
}

export async function renderForm(context: PageContext): Promise<void> {
  const code = context.params.code ?? '';
  const campaignCode = context.query.get('campaign') ?? '';
  const evaluationParam = context.query.get('evaluation');
  const assignments = campaignCode ? itemsOf(await api.get<List<Assignment>>('/api/my/assignments', { campaign: campaignCode })) : [];
  const assignment = assignments.find((a) => a.code === code);
  const evaluationId = evaluationParam ? Number(evaluationParam) : assignment?.evaluation_id ?? null;
  let evaluation: Evaluation | null = evaluationId ? await api.get<Evaluation>(`/api/evaluations/${evaluationId}`) : null;
  if (!assignment && !evaluation) throw new ApiError(404, 'not_found', t('error.notFound'), [], true);
  const channel = evaluation?.channel ?? assignment?.channel ?? 'phone';
  const list = await rubrics();
  const rubric = evaluation
    ? list.find((r) => r.code === evaluation?.rubric.code && r.version === evaluation?.rubric.version)
    : rubricForChannel(list, channel);
  if (!rubric) throw new ApiError(404, 'not_found', t('monitor.noRubric', { code: evaluation?.rubric.code ?? channel }), [], true);
  const personName = evaluation?.employee_name || assignment?.employee_name || assignment?.department_name || '';
  context.setTitle(t('monitor.formTitleFor', { name: personName }));

  const savedNotes = splitNotes(evaluation?.notes ?? '');
  const draft: Draft = {
    flags: new Set(evaluation?.flags ?? []),
    answers: new Map(Object.entries(evaluation?.observations ?? {}).map(([id, cell]) => [id, decodeObservation(rubric.items.find((i) => i.id === id), id, cell)])),
    itemNotes: savedNotes.items,
    notes: savedNotes.overall,
    employeeNo: evaluation && evaluation.employee_no !== assignment?.employee_no ? evaluation.employee_no : '',
    timer: { started_at: null, ended_at: null, seconds: 0 },
    rings: 0,
  };
  const ringItem = rubric.items.find((i) => i.observe === 'ring_count') ?? rubric.items.find((i) => i.type === 'tiered');
  if (ringItem) draft.rings = draft.answers.get(ringItem.id)?.count ?? 0;
  const editable = !evaluation || evaluation.state === 'draft' || evaluation.state === 'returned';

  // Contact details and scenario.
  const info = h('section', { class: 'card contact-card', 'aria-labelledby': 'contact-h' },
    h('h2', { id: 'contact-h' }, t('monitor.contact')),
    h('p', null, [assignment?.department_name || evaluation?.department_code, assignment?.employee_name || evaluation?.employee_name]
      .filter((part): part is string => Boolean(part)).map((part, i) => [i ? ' · ' : '', bdi(part)])),
    assignment ? h('p', { class: 'meta' }, `${formatDate(assignment.date)} ${assignment.start}`) : null,
    assignment?.phone && channel === 'phone' ? h('p', null, h('a', { href: `tel:${assignment.phone}`, class: 'button touch tel' }, t('monitor.call', { phone: assignment.phone }))) : null,
    assignment?.scenario_title || assignment?.scenario_script
      ? h('details', { class: 'scenario' }, h('summary', null, t('monitor.scenario'), ': ', bdi(assignment.scenario_title ?? assignment.scenario_code ?? '')), h('p', { class: 'pre' }, bdi(assignment.scenario_script ?? '')))
      : null,
    evaluation?.state === 'returned' ? h('div', { class: 'notice', role: 'note' }, h('strong', null, t('monitor.returnReason')), ' ', bdi(evaluation.review_reason)) : null,
  );
  context.root.append(info);
  if (!editable && evaluation) {
    context.root.append(h('p', { class: 'notice' }, t('monitor.alreadySubmitted'), ' ', stateBadge(evaluation.state)));
    return;
  }

  // Call tools: the timer for both channels, the ring counter for calls.
  const stepHost = h('div', { class: 'step-host' });
  let current = 0;
  let renderStep: () => void = () => {};
  const tools = h('section', { class: 'card tools', 'aria-labelledby': 'tools-h' }, h('h2', { id: 'tools-h' }, t('monitor.tools')),
    callTimer(draft.timer, (state) => { draft.timer = state; }),
    channel === 'phone' && ringItem
      ? ringCounter(draft.rings, (count) => {
          draft.rings = count;
          const previous = draft.answers.get(ringItem.id);
          draft.answers.set(ringItem.id, { item: ringItem.id, count, apologised: previous?.apologised ?? false });
          if (rubric.items[current]?.id === ringItem.id) renderStep();
          renderProgress();
        })
      : null,
  );
  context.root.append(tools);

  // Flags, and who was actually served.
  const person = h('input', { type: 'text', name: 'employee_no', inputmode: 'text', autocomplete: 'off', value: draft.employeeNo, 'data-field': 'employee_no', oninput: (e: Event) => { draft.employeeNo = (e.target as HTMLInputElement).value; } });
  const personField = field(channel === 'visit' ? t('monitor.servedBy') : t('monitor.answeredBy'), person, t('monitor.employeeNoHint'));
  personField.hidden = channel !== 'visit' && !draft.flags.has('ANSWERED_BY_COLLEAGUE');
  const flags = h('fieldset', { class: 'card flags', 'data-field': 'flags' }, h('legend', null, t('monitor.flags')),
    rubric.flags.map((flag) => h('label', { class: 'choice touch-row' },
      h('input', {
        type: 'checkbox', name: `flag-${flag.id}`, value: flag.id, checked: draft.flags.has(flag.id),
        onchange: (e: Event) => {
          if ((e.target as HTMLInputElement).checked) draft.flags.add(flag.id);
          else draft.flags.delete(flag.id);
          personField.hidden = channel !== 'visit' && !draft.flags.has('ANSWERED_BY_COLLEAGUE');
          renderProgress();
        },
      }),
      h('span', null, pick(flag)))),
    personField);
  context.root.append(flags);

  // Items, one at a time, with a list to jump between them.
  const progress = h('p', { class: 'step-progress', 'aria-live': 'polite' });
  const stepList = h('ol', { class: 'step-list' });
  const focusStep = (): void => stepHost.querySelector<HTMLElement>('legend')?.focus();
  const jump = (index: number): void => { current = index; renderStep(); focusStep(); };
  const renderProgress = (): void => {
    const done = rubric.items.filter((i) => answerComplete(i, draft.answers.get(i.id))).length;
    progress.textContent = t('form.progress', { current: current + 1, total: rubric.items.length, done });
    replace(stepList, rubric.items.map((item, index) => {
      const answered = answerComplete(item, draft.answers.get(item.id));
      return h('li', null, h('button', {
        type: 'button',
        class: `step-jump${answered ? ' done' : ''}`,
        'aria-current': index === current ? 'step' : null,
        onclick: () => jump(index),
      }, item.id, h('span', { class: 'visually-hidden' }, ` ${pick(item)}${answered ? ` (${t('form.answered')})` : ''}`)));
    }));
  };
  const notesArea = h('textarea', { name: 'notes', rows: 4, 'data-field': 'notes', oninput: (e: Event) => { draft.notes = (e.target as HTMLTextAreaElement).value; } });
  renderStep = (): void => {
    const item = rubric.items[current]!;
    replace(stepHost, itemStep(item, draft, rubric, () => renderProgress()),
      h('div', { class: 'step-nav' },
        h('button', { type: 'button', class: 'touch', disabled: current === 0, onclick: () => jump(current - 1) }, t('form.previous')),
        current < rubric.items.length - 1
          ? h('button', { type: 'button', class: 'touch primary', onclick: () => jump(current + 1) }, t('form.next'))
          : h('button', { type: 'button', class: 'touch primary', onclick: () => notesArea.focus() }, t('form.toNotes')),
      ));
    renderProgress();
  };
  context.root.append(h('section', { class: 'card items', 'aria-labelledby': 'items-h' }, h('h2', { id: 'items-h' }, t('form.items')), progress, stepHost,
    h('details', { class: 'all-steps' }, h('summary', null, t('form.allItems')), stepList)));
  renderStep();

  notesArea.value = draft.notes;
  notesArea.id = uid('notes');
  context.root.append(h('section', { class: 'card', 'aria-labelledby': 'notes-h' }, h('h2', { id: 'notes-h' }, h('label', { for: notesArea.id }, t('form.notes'))), notesArea));

  // The recording is attached to the evaluation, so it comes after the first save.
  const recordingHost = h('section', { class: 'card', 'aria-labelledby': 'rec-h' });
  const renderRecording = (): void => {
    const fileInput = h('input', { type: 'file', accept: 'audio/mpeg,audio/mp4,audio/wav,audio/webm,audio/ogg,.mp3,.m4a,.wav,.webm,.ogg', name: 'recording', id: uid('rec') });
    const status = h('div', { 'aria-live': 'polite' });
    const children = evaluation
      ? [
          evaluation.recording ? h('p', null, badge(t('monitor.recordingAttached'), 'ok'), ' ', t('monitor.recordingSize', { kb: Math.ceil(evaluation.recording.size / 1024) })) : null,
          h('div', { class: 'field' }, h('label', { for: fileInput.id }, t('monitor.recordingChoose')), fileInput, h('p', { class: 'hint' }, t('monitor.recordingTypes'))),
          h('button', {
            type: 'button', class: 'touch', onclick: async () => {
              const file = fileInput.files?.[0];
              if (!file || !evaluation) { status.replaceChildren(h('p', null, t('monitor.recordingPick'))); return; }
              status.replaceChildren(h('p', null, t('monitor.recordingUploading')));
              try {
                await request('PUT', `/api/evaluations/${evaluation.id}/recording`, { raw: file, contentType: audioType(file) });
                evaluation = await api.get<Evaluation>(`/api/evaluations/${evaluation.id}`);
                renderRecording();
                recordingHost.querySelector('[aria-live]')?.replaceChildren(h('p', { class: 'success', role: 'status' }, t('monitor.recordingDone')));
              } catch (error) {
                status.replaceChildren(errorBox(error));
              }
            },
          }, t('monitor.recordingUpload')),
          status,
        ]
      : [h('p', { class: 'hint' }, t('monitor.recordingAfterDraft'))];
    replace(recordingHost, h('h2', { id: 'rec-h' }, t('monitor.recording')), children);
  };
  renderRecording();
  context.root.append(recordingHost);

  // Save and submit.
  const messages = h('div', { 'aria-live': 'polite' });
  const save = async (): Promise<boolean> => {
    messages.replaceChildren();
    try {
      if (!evaluation) {
        const serving = channel === 'visit' || draft.flags.has('ANSWERED_BY_COLLEAGUE') ? draft.employeeNo.trim() : '';
        evaluation = await api.post<Evaluation>('/api/evaluations', {
          campaign: assignment!.campaign, assignment_code: assignment!.code, ...(serving ? { employee_no: serving } : {}),
        });
      }
      evaluation = await api.put<Evaluation>(`/api/evaluations/${evaluation.id}`, draftBody(draft, rubric, assignment, channel));
      renderRecording();
      return true;
    } catch (error) {
      messages.append(formErrors(error, rubric, jump, context.root));
      return false;
    }
  };
  const saveButton = h('button', { type: 'button', class: 'touch', onclick: async () => {
    saveButton.disabled = true;
    if (await save()) {
      const text = t('form.draftSaved', { time: formatTime(localIso(new Date())) });
      messages.replaceChildren(h('p', { class: 'success', role: 'status' }, text));
    }
    saveButton.disabled = false;
  } }, t('form.saveDraft'));
  const submitButton = h('button', { type: 'button', class: 'touch primary', onclick: async () => {
    const skipItems = draft.flags.has('UNANSWERED') || draft.flags.has('VOID');
    const missing = skipItems ? [] : rubric.items.map((item, index) => ({ item, index })).filter(({ item }) => !answerComplete(item, draft.answers.get(item.id)));
    if (missing.length) {
      messages.replaceChildren(h('div', { class: 'error', role: 'alert' },
        h('p', null, h('strong', null, t('form.incomplete', { n: missing.length }))),
        h('ul', null, missing.map(({ item, index }) => h('li', null, h('button', { type: 'button', class: 'link', onclick: () => jump(index) }, `${item.id} ${pick(item)}`))))));
      return;
    }
    if (!window.confirm(t('form.confirmSubmit'))) return;
    submitButton.disabled = true;
    if (await save() && evaluation) {
      try {
        await api.post(`/api/evaluations/${evaluation.id}/submission`);
        announce(t('form.submitted'));
        context.navigate('/today?submitted=1');
        return;
      } catch (error) {
        messages.append(formErrors(error, rubric, jump, context.root));
      }
    }
    submitButton.disabled = false;
  } }, t('form.submit'));
  context.root.append(h('div', { class: 'form-actions sticky-actions' }, saveButton, submitButton), messages);
}

// The type the server accepts for a recording, from the file's type or its name.
function audioType(file: File): string {
  if (file.type.startsWith('audio/')) return file.type === 'audio/mp3' ? 'audio/mpeg' : file.type;
  const extension = file.name.toLowerCase().split('.').pop() ?? '';
  return { mp3: 'audio/mpeg', m4a: 'audio/mp4', wav: 'audio/wav', webm: 'audio/webm', ogg: 'audio/ogg' }[extension] ?? 'application/octet-stream';
}

// Server errors name fields such as "observations/P04": turn those into links to the item.
function formErrors(error: unknown, rubric: Rubric, jump: (index: number) => void, root: HTMLElement): HTMLElement {
  const box = errorBox(error);
  if (!(error instanceof ApiError)) return box;
  const list = box.querySelector('ul');
  if (!list) return box;
  list.replaceChildren(...error.fields.map((f) => {
    const id = /^observations\/([^/]+)/.exec(f.field)?.[1];
    const index = id ? rubric.items.findIndex((i) => i.id === id) : -1;
    const item = index >= 0 ? rubric.items[index] : undefined;
    if (!item) {
      const input = root.querySelector<HTMLElement>(`[data-field="${CSS.escape(f.field)}"]`);
      input?.setAttribute('aria-invalid', 'true');
    }
    return h('li', null, item
      ? h('button', { type: 'button', class: 'link', onclick: () => jump(index) }, `${item.id} ${pick(item)}`)
      : fieldLabel(f.field) === f.field ? h('code', null, f.field ? bdi(f.field) : '–') : fieldLabel(f.field), ': ', bdi(fieldProblem(f, error)));
  }));
  return box;
}

function itemStep(item: RubricItem, draft: Draft, rubric: Rubric, changed: () => void): HTMLElement {
  const answer = (): Answer => draft.answers.get(item.id) ?? { item: item.id };
  const update = (patch: Partial<Answer>): void => {
    draft.answers.set(item.id, { item: item.id, ...patch });
    changed();
  };
  const stage = rubric.stages.find((s) => s.code === item.stage);
  const name = `item-${item.id}`;
  const current = draft.answers.get(item.id);
  const controls: HTMLElement[] = [];
  // Some rubric items carry their check in one language only; mark it for screen readers.
  const checkText = pick(item, 'check');
  const checkLang = (locale() === 'ko' && !item.check_ko) || (locale() === 'en' && !item.check_en) ? (item.check_ko ? 'ko' : 'en') : null;
  const hint = checkText ? h('p', { class: 'hint', lang: checkLang }, checkText) : null;
  switch (item.type) {
    case 'level5':
      controls.push(h('div', { class: 'levels' }, [5, 4, 3, 2, 1].map((level) => h('label', { class: 'choice touch-row' },
        h('input', { type: 'radio', name, value: level, checked: current?.level === level, onchange: () => update({ level }) }),
        h('span', null, levelLabel(level))))));
      break;
    case 'binary':
      controls.push(h('div', { class: 'levels' }, [true, false].map((observed) => h('label', { class: 'choice touch-row' },
        h('input', { type: 'radio', name, value: observed ? '1' : '0', checked: current?.observed === observed, onchange: () => update({ observed }) }),
        h('span', null, observed ? t('form.yes') : t('form.no'))))));
      break;
    case 'tiered': {
      const id = uid('count');
      const count = h('input', { id, type: 'number', inputmode: 'numeric', min: 0, max: 99, name: `${name}-count`, class: 'touch', value: current?.count ?? '',
        oninput: (e: Event) => {
          const text = (e.target as HTMLInputElement).value;
          const value = text === '' ? undefined : Math.max(0, Math.round(Number(text)));
          if (value !== undefined) draft.rings = value;
          update({ count: value, apologised: answer().apologised ?? false });
        } });
      const apology = h('input', { type: 'checkbox', name: `${name}-apology`, checked: Boolean(current?.apologised), onchange: (e: Event) => update({ count: answer().count ?? draft.rings, apologised: (e.target as HTMLInputElement).checked }) });
      controls.push(
        h('div', { class: 'field' }, h('label', { for: id }, t('form.ringCount')), count, h('p', { class: 'hint' }, t('form.ringCountHint'))),
        h('label', { class: 'choice touch-row' }, apology, h('span', null, t('form.apologised'))),
      );
      break;
    }
    case 'checklist':
      controls.push(h('div', { class: 'levels' }, (item.elements ?? []).map((element) => h('label', { class: 'choice touch-row' },
        h('input', {
          type: 'checkbox', name: `${name}-${element.id}`, value: element.id, checked: Boolean(current?.elements?.includes(element.id)),
          onchange: (e: Event) => {
            const set = new Set(answer().elements ?? []);
            if ((e.target as HTMLInputElement).checked) set.add(element.id);
            else set.delete(element.id);
            update({ elements: (item.elements ?? []).map((el) => el.id).filter((elId) => set.has(elId)) });
          },
        }),
        h('span', null, `${pick(element)} (${t('form.pointsShort', { n: element.points })})`)))),
        // Seeing none of the elements is an answer too; this button records it.
        h('button', { type: 'button', class: 'touch', onclick: () => update({ elements: answer().elements ?? [] }) }, t('form.checklistConfirm')));
      break;
  }
  const na = item.not_applicable
    ? h('label', { class: 'choice touch-row na' },
        h('input', { type: 'checkbox', name: `${name}-na`, checked: Boolean(current?.not_applicable), onchange: (e: Event) => update((e.target as HTMLInputElement).checked ? { not_applicable: true } : {}) }),
        h('span', null, t('form.notApplicable')))
    : null;
  const noteId = uid('note');
  const note = h('textarea', { id: noteId, rows: 2, name: `${name}-note`, oninput: (e: Event) => { draft.itemNotes.set(item.id, (e.target as HTMLTextAreaElement).value); } });
  note.value = draft.itemNotes.get(item.id) ?? '';
  return h('fieldset', { class: 'item-step', 'data-item': item.id, 'data-field': `observations/${item.id}` },
    h('legend', { tabindex: -1 }, h('span', { class: 'item-id' }, item.id), ' ', pick(item), ' ', h('span', { class: 'muted' }, t('form.itemPoints', { n: item.points }))),
    stage ? h('p', { class: 'muted' }, t('form.stage', { stage: pick(stage) })) : null,
    hint,
    controls,
    na,
    h('div', { class: 'field' }, h('label', { for: noteId }, t('form.itemNote')), note),
  );
}
