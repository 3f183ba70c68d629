// Every role's account page: change the password, sign out everywhere.
import { api, signOut } from '../api';
import { announce, bdi, h } from '../dom';
import { t } from '../i18n';
import type { MessageKey } from '../messages/ko';
import { definitionList, field, section, showFormErrors } from '../components/ui';
import type { PageContext } from '../routes';

export async function render(context: PageContext): Promise<void> {
  const user = context.user;
  context.root.append(section(t('account.me'), definitionList([
    [t('account.login'), bdi(user.login)],
    [t('account.name'), bdi(user.display_name)],
    [t('account.role'), t(`role.${user.role}` as MessageKey)],
  ])));
  const current = h('input', { type: 'password', name: 'current_password', autocomplete: 'current-password', 'data-field': 'current_password' });
  const next = h('input', { type: 'password', name: 'new_password', autocomplete: 'new-password', 'data-field': 'new_password', minlength: 10 });
  const messages = h('div', { 'aria-live': 'polite' });
  const form: HTMLFormElement = h('form', { novalidate: true, onsubmit: async (e: Event) => {
    e.preventDefault();
    messages.replaceChildren();
    try {
      await api.post('/api/password', { current_password: current.value, new_password: next.value });
      current.value = '';
      next.value = '';
      messages.append(h('p', { class: 'success', role: 'status' }, t('account.passwordChanged')));
    } catch (error) {
      messages.append(showFormErrors(form, error));
    }
  } }, field(t('account.currentPassword'), current), field(t('account.newPassword'), next, t('account.passwordHint')), h('button', { type: 'submit' }, t('account.changePassword')));
  context.root.append(section(t('account.password'), messages, form));
  context.root.append(section(t('account.sessions'), h('p', null, t('account.everywhereHint')),
    h('button', { type: 'button', onclick: async () => {
      await api.del('/api/sessions').catch(() => undefined);
      await signOut().catch(() => undefined);
      announce(t('signin.signedOut'));
      context.navigate('/signin');
    } }, t('account.signOutEverywhere'))));
}
