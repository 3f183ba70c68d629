// The monitor's pages, made for a phone: today's released assignments, the evaluation form one
// item at a time (with the ring counter and call timer), drafts, submission, a recording, and
// evaluations returned for correction. A monitor sees only their own released work.
import { api, ApiError, itemsOf } from '../api';
import { announce, h, replace, uid } from '../dom';
import { formatDate, formatDateTime, formatTime, locale, pick, t } from '../i18n';
import { callTimer, localIso, ringCounter, type TimerState } from '../components/monitor-tools';
import { levelLabel, rubricFor } from '../components/evaluation-view';
import { badge, channelLabel, empty, errorBox, section, stateBadge } from '../components/ui';
import type { PageContext } from '../routes';
import type { Answer, Assignment, Evaluation, Page, Rubric, RubricItem } from '../types';

function todayIso(): string {
  return localIso(new Date()).slice(0, 10);
}

async function myAssignments(): Promise<Assignment[]> {
  return itemsOf(await api.get<Page<Assignment>>('/api/my/assignments', { page_size: 500 }));
}

function assignmentDate(a: Assignment): string {
  return (a.due_date ?? a.planned_at ?? a.window_start ?? '').slice(0, 10);
}

function assignmentCard(a: Assignment, heading: 'h2' | 'h3'): HTMLElement {
  const state = a.evaluation_state ?? null;
  const when = a.planned_at ? formatTime(a.planned_at) : a.window_start ? `${formatTime(a.window_start)}–${formatTime(a.window_end)}` : '';
  const title = `${channelLabel(a.channel)} · ${a.employee_name ?? a.employee_no ?? ''}`;
  const action = state === 'submitted' || state === 'approved' || state === 'void'
    ? null
    : h('a', { class: 'button primary touch', href: `#/assignments/${a.id}` }, state ? t('monitor.continue') : t('monitor.start'));
  return h(
    'li',
    { class: 'assignment card' },
    h(heading, null, title),
    h('p', { class: 'meta' }, [formatDate(assignmentDate(a)), when].filter(Boolean).join(' '), ' ', state ? stateBadge(state) : badge(t('monitor.notStarted'))),
    h('p', null, a.department_name ?? a.department_code ?? ''),
    a.channel === 'phone' && a.phone ? h('p', null, t('monitor.phone'), ': ', h('a', { href: `tel:${a.phone}`, class: 'tel' }, a.phone)) : null,
    a.address ? h('p', null, t('monitor.address'), ': ', a.address) : null,
    a.scenario_title ? h('p', null, t('monitor.scenario'), ': ', a.scenario_title) : null,
    action,
  );
}

export async function renderToday(context: PageContext): Promise<void> {
  const list = await myAssignments();
  const today = todayIso();
  const todays = list.filter((a) => assignmentDate(a) === today || !assignmentDate(a));
  const others = list.filter((a) => !todays.includes(a));
  context.root.append(h('p', { class: 'lead' }, t('monitor.todayIntro', { date: formatDate(today), n: todays.length })));
  context.root.append(todays.length ? h('ul', { class: 'assignments' }, todays.map((a) => assignmentCard(a, 'h2'))) : empty('monitor.noneToday'));
  if (others.length) {
    context.root.append(section(t('monitor.otherReleased'), h('ul', { class: 'assignments' }, others.map((a) => assignmentCard(a, 'h3')))));
  }
}

export async function renderReturned(context: PageContext): Promise<void> {
  const result = itemsOf(await api.get<Page<Evaluation>>('/api/evaluations', { state: 'returned', page_size: 200 }));
  if (result.length === 0) {
    context.root.append(empty('monitor.noneReturned'));
    return;
  }
  context.root.append(
    h('ul', { class: 'assignments' }, result.map((e) => h(
      'li',
      { class: 'assignment card' },
      h('h2', null, `${channelLabel(e.channel)} · ${e.employee_name ?? e.employee_no ?? ''}`),
      h('p', { class: 'meta' }, formatDateTime(e.performed_at), ' ', stateBadge(e.state)),
      h('p', null, h('strong', null, t('monitor.returnReason')), ' ', e.review_reason || '–'),
      h('a', { class: 'button primary touch', href: `#/assignments/${e.assignment_id ?? 0}?evaluation=${e.id}` }, t('monitor.correct')),
    ))),
  );
}

// What the form edits; sent as the draft body.
interface Draft {
  flags: Set<string>;
  answers: Map<string, Answer>;
  notes: string;
  answered_by: string;
  timer: TimerState;
  rings: number;
}

function answerComplete(item: RubricItem, answer: Answer | undefined): boolean {
  if (!answer) return false;
  if (answer.not_applicable) return true;
  switch (item.type) {
    case 'level5': return typeof answer.level === 'number';
    case 'binary': return typeof answer.observed === 'boolean';
    case 'tiered': return typeof answer.count === 'number';
    case 'checklist': return Array.isArray(answer.elements);
  }
}

function body(draft: Draft, rubric: Rubric, assignment: Assignment | undefined): Record<string, unknown> {
  const answers = rubric.items
    .map((item) => draft.answers.get(item.id))
    .filter((a): a is Answer => a !== undefined)
    .map((a) => {
      const out: Record<string, unknown> = { item: a.item };
      if (a.not_applicable) out.not_applicable = true;
      else if (a.level !== undefined) out.level = a.level;
      else if (a.observed !== undefined) out.observed = a.observed;
      else if (a.count !== undefined) { out.count = a.count; out.apologised = Boolean(a.apologised); }
      else if (a.elements !== undefined) out.elements = a.elements;
      if (a.note) out.note = a.note;
      return out;
    });
  const performed = draft.timer.started_at ?? localIso(new Date());
  return {
    ...(assignment ? { assignment_id: assignment.id } : {}),
    performed_at: performed,
    started_at: draft.timer.started_at,
    ended_at: draft.timer.ended_at,
    flags: [...draft.flags],
    answered_by: draft.flags.has('ANSWERED_BY_COLLEAGUE') && draft.answered_by ? draft.answered_by : null,
    answers,
    notes: draft.notes,
  };
}

export async function renderForm(context: PageContext): Promise<void> {
  const assignmentId = Number(context.params.id ?? '0');
  const evaluationParam = context.query.get('evaluation');
  const assignments = await myAssignments();
  const assignment = assignments.find((a) => a.id === assignmentId);
  const evaluationId = evaluationParam ? Number(evaluationParam) : assignment?.evaluation_id ?? null;
  let evaluation: Evaluation | null = evaluationId ? await api.get<Evaluation>(`/api/evaluations/${evaluationId}`) : null;
  if (!assignment && !evaluation) throw new ApiError(404, 'not_found', t('error.notFound'));
  const channel = evaluation?.channel ?? assignment?.channel ?? 'phone';
  const rubricCode = evaluation?.rubric ?? assignment?.rubric ?? `${channel}-default`;
  const rubric = await rubricFor(rubricCode, evaluation?.rubric_version);
  if (!rubric) throw new ApiError(404, 'not_found', t('monitor.noRubric', { code: rubricCode }));
  context.setTitle(t('monitor.formTitleFor', { name: evaluation?.employee_name ?? assignment?.employee_name ?? assignment?.employee_no ?? '' }));

  const draft: Draft = {
    flags: new Set(evaluation?.flags ?? []),
    answers: new Map((evaluation?.answers ?? []).map((a) => [a.item, { ...a }])),
    notes: evaluation?.notes ?? '',
    answered_by: evaluation?.answered_by ?? '',
    timer: { started_at: evaluation?.started_at ?? null, ended_at: evaluation?.ended_at ?? null, seconds: 0 },
    rings: 0,
  };
  const ringItem = rubric.items.find((i) => i.observe === 'ring_count' || i.type === 'tiered');
  if (ringItem) draft.rings = draft.answers.get(ringItem.id)?.count ?? 0;
  const editable = !evaluation || evaluation.state === 'draft' || evaluation.state === 'returned';

  // Contact details and scenario.
  const info = h('section', { class: 'card contact-card', 'aria-labelledby': 'contact-h' },
    h('h2', { id: 'contact-h' }, t('monitor.contact')),
    h('p', null, [assignment?.department_name ?? evaluation?.department_name ?? '', assignment?.employee_name ?? evaluation?.employee_name ?? ''].filter(Boolean).join(' · ')),
    assignment?.phone && channel === 'phone' ? h('p', null, h('a', { href: `tel:${assignment.phone}`, class: 'button touch tel' }, t('monitor.call', { phone: assignment.phone }))) : null,
    assignment?.address ? h('p', null, t('monitor.address'), ': ', assignment.address) : null,
    assignment?.scenario_title || assignment?.scenario_script
      ? h('details', { class: 'scenario' }, h('summary', null, t('monitor.scenario'), ': ', assignment.scenario_title ?? assignment.scenario_code ?? ''), h('p', null, assignment.scenario_script ?? ''))
      : null,
    evaluation?.state === 'returned' ? h('div', { class: 'notice', role: 'note' }, h('strong', null, t('monitor.returnReason')), ' ', evaluation.review_reason ?? '') : null,
  );
  context.root.append(info);
  if (!editable && evaluation) {
    context.root.append(h('p', { class: 'notice' }, t('monitor.alreadySubmitted'), ' ', stateBadge(evaluation.state)));
    return;
  }

  // Call tools: timer for both channels, ring counter for phone calls.
  const stepHost = h('div', { class: 'step-host' });
  let current = 0;
  let renderStep: () => void = () => {};
  const tools = h('section', { class: 'card tools', 'aria-labelledby': 'tools-h' }, h('h2', { id: 'tools-h' }, t('monitor.tools')),
    callTimer(draft.timer, (state) => { draft.timer = state; }),
    channel === 'phone' && ringItem
      ? ringCounter(draft.rings, (count) => {
          draft.rings = count;
          const previous = draft.answers.get(ringItem.id);
          draft.answers.set(ringItem.id, { item: ringItem.id, count, apologised: previous?.apologised ?? false, note: previous?.note ?? '' });
          if (rubric.items[current]?.id === ringItem.id) renderStep();
        })
      : null,
  );
  context.root.append(tools);

  // Flags.
  const colleague = h('input', { type: 'text', name: 'answered_by', value: draft.answered_by, 'data-field': 'answered_by', oninput: (e: Event) => { draft.answered_by = (e.target as HTMLInputElement).value; } });
  const colleagueField = h('div', { class: 'field', hidden: !draft.flags.has('ANSWERED_BY_COLLEAGUE') }, h('label', { for: (colleague.id = uid('f')) }, t('monitor.answeredBy')), colleague);
  const flags = h('fieldset', { class: 'card flags', 'data-field': 'flags' }, h('legend', null, t('monitor.flags')),
    rubric.flags.map((flag) => h('label', { class: 'choice touch-row' },
      h('input', {
        type: 'checkbox', name: `flag-${flag.id}`, value: flag.id, checked: draft.flags.has(flag.id),
        onchange: (e: Event) => {
          if ((e.target as HTMLInputElement).checked) draft.flags.add(flag.id);
          else draft.flags.delete(flag.id);
          colleagueField.hidden = !draft.flags.has('ANSWERED_BY_COLLEAGUE');
          renderProgress();
        },
      }),
      h('span', null, pick(flag)))),
    colleagueField);
  context.root.append(flags);

  // Items, one at a time, with a list to jump between them.
  const progress = h('p', { class: 'step-progress', 'aria-live': 'polite' });
  const stepList = h('ol', { class: 'step-list' });
  const renderProgress = (): void => {
    const done = rubric.items.filter((i) => answerComplete(i, draft.answers.get(i.id))).length;
    progress.textContent = t('form.progress', { current: current + 1, total: rubric.items.length, done });
    replace(stepList, rubric.items.map((item, index) => h('li', null, h('button', {
      type: 'button',
      class: `step-jump${answerComplete(item, draft.answers.get(item.id)) ? ' done' : ''}`,
      'aria-current': index === current ? 'step' : null,
      'aria-label': `${item.id} ${pick(item)}${answerComplete(item, draft.answers.get(item.id)) ? ` (${t('form.answered')})` : ''}`,
      onclick: () => { current = index; renderStep(); focusStep(); },
    }, item.id))));
  };
  const focusStep = (): void => stepHost.querySelector<HTMLElement>('legend')?.focus();
  renderStep = (): void => {
    const item = rubric.items[current]!;
    replace(stepHost, itemStep(item, draft, rubric, () => renderProgress()),
      h('div', { class: 'step-nav' },
        h('button', { type: 'button', class: 'touch', disabled: current === 0, onclick: () => { current -= 1; renderStep(); focusStep(); } }, t('form.previous')),
        current < rubric.items.length - 1
          ? h('button', { type: 'button', class: 'touch primary', onclick: () => { current += 1; renderStep(); focusStep(); } }, t('form.next'))
          : h('button', { type: 'button', class: 'touch primary', onclick: () => notesArea.focus() }, t('form.toNotes')),
      ));
    renderProgress();
  };
  const itemsSection = h('section', { class: 'card items', 'aria-labelledby': 'items-h' }, h('h2', { id: 'items-h' }, t('form.items')), progress, stepHost,
    h('details', { class: 'all-steps' }, h('summary', null, t('form.allItems')), stepList));
  context.root.append(itemsSection);
  renderStep();

  const notesArea = h('textarea', { name: 'notes', rows: 4, 'data-field': 'notes', oninput: (e: Event) => { draft.notes = (e.target as HTMLTextAreaElement).value; } });
  notesArea.value = draft.notes;
  const notesId = uid('notes');
  notesArea.id = notesId;
  context.root.append(h('section', { class: 'card', 'aria-labelledby': 'notes-h' }, h('h2', { id: 'notes-h' }, h('label', { for: notesId }, t('form.notes'))), notesArea));

  // Recording (after the draft exists, since it is attached to the evaluation).
  const recordingHost = h('section', { class: 'card', 'aria-labelledby': 'rec-h' }, h('h2', { id: 'rec-h' }, t('monitor.recording')));
  const renderRecording = (): void => {
    const fileInput = h('input', { type: 'file', accept: 'audio/*', name: 'recording', id: uid('rec') });
    const status = h('p', { 'aria-live': 'polite' });
    const children = evaluation
      ? [
          evaluation.has_recording ? h('p', null, badge(t('monitor.recordingAttached'), 'ok')) : null,
          h('div', { class: 'field' }, h('label', { for: fileInput.id }, t('monitor.recordingChoose')), fileInput),
          h('button', {
            type: 'button', class: 'touch', onclick: async () => {
              const file = fileInput.files?.[0];
              if (!file || !evaluation) { status.textContent = t('monitor.recordingPick'); return; }
              status.textContent = t('monitor.recordingUploading');
              try {
                const { request } = await import('../api');
                await request('PUT', `/api/evaluations/${evaluation.id}/recording`, { raw: file, contentType: file.type || 'application/octet-stream' });
                evaluation.has_recording = true;
                status.textContent = t('monitor.recordingDone');
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
      if (evaluation) evaluation = await api.put<Evaluation>(`/api/evaluations/${evaluation.id}`, body(draft, rubric, undefined));
      else evaluation = await api.post<Evaluation>('/api/evaluations', body(draft, rubric, assignment));
      renderRecording();
      return true;
    } catch (error) {
      messages.append(formErrors(error, rubric, (index) => { current = index; renderStep(); focusStep(); }));
      return false;
    }
  };
  const saveButton = h('button', { type: 'button', class: 'touch', onclick: async () => {
    saveButton.disabled = true;
    if (await save()) {
      messages.replaceChildren(h('p', { class: 'success', role: 'status' }, t('form.draftSaved', { time: formatTime(localIso(new Date())) })));
      announce(t('form.draftSaved', { time: formatTime(localIso(new Date())) }));
    }
    saveButton.disabled = false;
  } }, t('form.saveDraft'));
  const submitButton = h('button', { type: 'button', class: 'touch primary', onclick: async () => {
    const skipItems = draft.flags.has('UNANSWERED') || draft.flags.has('VOID');
    const missing = skipItems ? [] : rubric.items.map((item, index) => ({ item, index })).filter(({ item }) => !answerComplete(item, draft.answers.get(item.id)));
    if (missing.length) {
      messages.replaceChildren(h('div', { class: 'error', role: 'alert' },
        h('p', null, h('strong', null, t('form.incomplete', { n: missing.length }))),
        h('ul', null, missing.map(({ item, index }) => h('li', null, h('button', { type: 'button', class: 'link', onclick: () => { current = index; renderStep(); focusStep(); } }, `${item.id} ${pick(item)}`))))));
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
        messages.append(formErrors(error, rubric, (index) => { current = index; renderStep(); focusStep(); }));
      }
    }
    submitButton.disabled = false;
  } }, t('form.submit'));
  context.root.append(h('div', { class: 'form-actions sticky-actions' }, saveButton, submitButton), messages);
}

// Server errors name fields such as "answers/3/level": turn them into links to that item.
function formErrors(error: unknown, rubric: Rubric, jump: (index: number) => void): HTMLElement {
  const box = errorBox(error);
  if (!(error instanceof ApiError)) return box;
  const list = box.querySelector('ul');
  if (!list) return box;
  list.replaceChildren(...error.fields.map((f) => {
    const match = /^answers\/(\d+)/.exec(f.field);
    const byId = rubric.items.findIndex((i) => f.field === i.id || f.field.startsWith(`${i.id}/`));
    const index = match ? Number(match[1]) : byId;
    const item = index >= 0 ? rubric.items[index] : undefined;
    return h('li', null, item
      ? h('button', { type: 'button', class: 'link', onclick: () => jump(index) }, `${item.id} ${pick(item)}`)
      : h('code', null, f.field), ': ', f.message);
  }));
  return box;
}

function itemStep(item: RubricItem, draft: Draft, rubric: Rubric, changed: () => void): HTMLElement {
  const answer = (): Answer => draft.answers.get(item.id) ?? { item: item.id };
  const update = (patch: Partial<Answer>): void => {
    const previous = answer();
    const next: Answer = { item: item.id, note: previous.note ?? '' };
    Object.assign(next, patch);
    draft.answers.set(item.id, next);
    changed();
  };
  const stage = rubric.stages.find((s) => s.code === item.stage);
  const name = `item-${item.id}`;
  const current = draft.answers.get(item.id);
  const controls: HTMLElement[] = [];
  // Some rubric items carry their check in English only; mark the language for screen readers.
  const checkText = pick(item, 'check');
  const checkLang = (locale() === 'ko' && !item.check_ko) || (locale() === 'en' && !item.check_en) ? (item.check_ko ? 'ko' : 'en') : null;
  const hint = checkText ? h('p', { class: 'hint', lang: checkLang }, checkText) : null;
  switch (item.type) {
    case 'level5':
      controls.push(h('div', { class: 'levels' }, [5, 4, 3, 2, 1].map((level) => h('label', { class: 'choice touch-row' },
        h('input', { type: 'radio', name, value: level, checked: current?.level === level, 'data-field': `${item.id}/level`, onchange: () => update({ level }) }),
        h('span', null, `${levelLabel(level)}`)))));
      break;
    case 'binary':
      controls.push(h('div', { class: 'levels' }, [true, false].map((observed) => h('label', { class: 'choice touch-row' },
        h('input', { type: 'radio', name, value: String(observed), checked: current?.observed === observed, onchange: () => update({ observed }) }),
        h('span', null, observed ? t('form.yes') : t('form.no'))))));
      break;
    case 'tiered': {
      const id = uid('count');
      const count = h('input', { id, type: 'number', inputmode: 'numeric', min: 0, max: 99, name: `${name}-count`, class: 'touch', value: current?.count ?? '', 'data-field': `${item.id}/count`,
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
        h('button', { type: 'button', class: 'touch', onclick: () => { update({ elements: answer().elements ?? [] }); } }, t('form.checklistConfirm')));
      break;
  }
  const na = item.not_applicable
    ? h('label', { class: 'choice touch-row na' },
        h('input', { type: 'checkbox', name: `${name}-na`, checked: Boolean(current?.not_applicable), onchange: (e: Event) => update((e.target as HTMLInputElement).checked ? { not_applicable: true } : {}) }),
        h('span', null, t('form.notApplicable')))
    : null;
  const noteId = uid('note');
  const note = h('textarea', { id: noteId, rows: 2, name: `${name}-note`, oninput: (e: Event) => { const a = answer(); a.note = (e.target as HTMLTextAreaElement).value; draft.answers.set(item.id, a); } });
  note.value = current?.note ?? '';
  return h('fieldset', { class: 'item-step', 'data-item': item.id },
    h('legend', { tabindex: -1 }, h('span', { class: 'item-id' }, item.id), ' ', pick(item), ' ', h('span', { class: 'muted' }, t('form.itemPoints', { n: item.points }))),
    stage ? h('p', { class: 'muted' }, t('form.stage', { stage: pick(stage) })) : null,
    hint,
    controls,
    na,
    h('div', { class: 'field' }, h('label', { for: noteId }, t('form.itemNote')), note),
  );
}
