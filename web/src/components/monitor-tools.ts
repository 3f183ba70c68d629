// The two tools a monitor uses during a call: a ring counter (tap once per ring, so the count is
// right without looking away from the phone) and a call timer that records when the call started
// and ended. Both are plain buttons, so keyboards and switch devices work; each button is at
// least 44 px square (WCAG 2.5.5) via the .touch class.
import { announce, h, uid } from '../dom';
import { t } from '../i18n';

export function ringCounter(initial: number, onChange: (count: number) => void): HTMLElement {
  let count = Math.max(0, initial);
  const outputId = uid('rings');
  const output = h('output', { id: outputId, class: 'ring-count', 'aria-live': 'polite' }, String(count));
  const set = (next: number): void => {
    count = Math.max(0, Math.min(99, next));
    output.textContent = String(count);
    onChange(count);
  };
  const group = h(
    'div',
    { class: 'ring-counter', role: 'group', 'aria-label': t('monitor.ringCounter') },
    h('span', { class: 'ring-label', id: `${outputId}-l` }, t('monitor.rings')),
    output,
    h(
      'div',
      { class: 'ring-buttons' },
      h('button', { type: 'button', class: 'touch', onclick: () => set(count - 1) }, '−1', h('span', { class: 'visually-hidden' }, ` ${t('monitor.ringLess')}`)),
      h('button', { type: 'button', class: 'touch primary ring-plus', 'aria-controls': outputId, onclick: () => set(count + 1) }, t('monitor.ringOne')),
      h('button', { type: 'button', class: 'touch', onclick: () => set(0) }, t('monitor.ringReset')),
    ),
  );
  // "+" and "-" keys work anywhere inside the counter as well.
  group.addEventListener('keydown', (event) => {
    if (event.key === '+' || event.key === 'ArrowUp') {
      set(count + 1);
      event.preventDefault();
    } else if (event.key === '-' || event.key === 'ArrowDown') {
      set(count - 1);
      event.preventDefault();
    }
  });
  return group;
}

export interface TimerState {
  started_at: string | null;
  ended_at: string | null;
  seconds: number;
}

export function localIso(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

export function callTimer(initial: TimerState, onChange: (state: TimerState) => void): HTMLElement {
  const state: TimerState = { ...initial };
  let startedMs: number | null = null;
  let interval: number | undefined;
  const display = h('span', { class: 'timer-display', role: 'timer', 'aria-live': 'off' }, clock(state.seconds));
  const toggle = h('button', { type: 'button', class: 'touch primary' }, t('monitor.timerStart'));
  const reset = h('button', { type: 'button', class: 'touch' }, t('monitor.timerReset'));
  const times = h('p', { class: 'hint' });
  const showTimes = (): void => {
    times.textContent = state.started_at
      ? t('monitor.timerTimes', { start: state.started_at.slice(11, 19), end: state.ended_at ? state.ended_at.slice(11, 19) : '…' })
      : '';
  };
  const tick = (): void => {
    if (startedMs !== null) state.seconds = Math.round((Date.now() - startedMs) / 1000);
    display.textContent = clock(state.seconds);
  };
  toggle.addEventListener('click', () => {
    if (startedMs === null) {
      startedMs = Date.now();
      state.started_at = localIso(new Date());
      state.ended_at = null;
      state.seconds = 0;
      interval = window.setInterval(tick, 500);
      toggle.textContent = t('monitor.timerStop');
      toggle.setAttribute('aria-pressed', 'true');
      announce(t('monitor.timerStarted'));
    } else {
      tick();
      window.clearInterval(interval);
      startedMs = null;
      state.ended_at = localIso(new Date());
      toggle.textContent = t('monitor.timerStart');
      toggle.setAttribute('aria-pressed', 'false');
      announce(t('monitor.timerStopped', { time: clock(state.seconds) }));
    }
    showTimes();
    onChange({ ...state });
  });
  reset.addEventListener('click', () => {
    window.clearInterval(interval);
    startedMs = null;
    state.started_at = null;
    state.ended_at = null;
    state.seconds = 0;
    toggle.textContent = t('monitor.timerStart');
    toggle.setAttribute('aria-pressed', 'false');
    tick();
    showTimes();
    onChange({ ...state });
    announce(t('monitor.timerWasReset'));
  });
  toggle.setAttribute('aria-pressed', 'false');
  showTimes();
  return h(
    'div',
    { class: 'call-timer', role: 'group', 'aria-label': t('monitor.callTimer') },
    h('span', { class: 'ring-label' }, t('monitor.callTimer')),
    display,
    h('div', { class: 'ring-buttons' }, toggle, reset),
    times,
  );
}
