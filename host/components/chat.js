// Chat elements: stChatInput (a message box that sends on Enter) and stChatMessage (a container
// with an avatar). Props follow PROTOCOL.md. A pinned chat input (drawn in the main area) sits
// at the bottom of the page below every other element (theme.css: .wl-chat-pinned).
import { h, setText, str } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(paths) {
  const s = document.createElementNS(SVG, 'svg');
  s.setAttribute('viewBox', '0 0 24 24');
  s.setAttribute('aria-hidden', 'true');
  s.setAttribute('focusable', 'false');
  for (const d of paths) {
    const p = document.createElementNS(SVG, 'path');
    p.setAttribute('d', d);
    s.append(p);
  }
  return s;
}

// Avatars of the two names chat apps use, as Streamlit draws them: a person and a robot.
const icons = {
  user: ['M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9Zm0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5Z'],
  assistant: ['M11 2h2v3h4a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3H7a3 3 0 0 1-3-3V8a3 3 0 0 1 3-3h4V2Zm-2 8a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Zm6 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Zm-6 5v1.5h6V15H9ZM1 10h2v5H1v-5Zm20 0h2v5h-2v-5Z'],
};
const roles = { user: 'user', human: 'user', assistant: 'assistant', ai: 'assistant' };

function chatMessage(kind, props) {
  const avatar = h('div', { class: 'wl-chat-avatar', 'aria-hidden': 'true' });
  const content = h('div', { 'data-testid': 'stChatMessageContent', class: 'wl-chat-content' });
  const el = h('div', { 'data-testid': kind, class: 'wl-chat-msg', role: 'group' }, avatar, content);
  let drawn = null;
  const update = (p) => {
    const name = str(p.name);
    const role = roles[name.toLowerCase()];
    const custom = str(p.avatar);
    const key = `${name}\n${custom}`;
    el.setAttribute('aria-label', `Chat message from ${name}`);
    el.dataset.role = role || 'custom';
    if (key === drawn) return;
    drawn = key;
    if (custom || !role) {
      avatar.dataset.testid = 'stChatMessageAvatarCustom';
      avatar.replaceChildren(custom || [...name][0]?.toUpperCase() || '?');
    } else {
      avatar.dataset.testid = role === 'user' ? 'stChatMessageAvatarUser' : 'stChatMessageAvatarAssistant';
      avatar.replaceChildren(svg(icons[role]));
    }
  };
  update(props);
  return { el, childHost: content, update };
}

const MAX_ROWS_PX = 200; // the box grows with its text up to this height, then scrolls

function chatInput(kind, props, ctx) {
  const area = h('textarea', { 'data-testid': 'stChatInputTextArea', rows: '1', class: 'wl-chat-text' });
  const send = h('button', { type: 'button', 'data-testid': 'stChatInputSubmitButton', class: 'wl-chat-send', 'aria-label': 'Send message' },
    svg(['M3 20.5 21 12 3 3.5v6.6l12 1.9-12 1.9v6.6Z']));
  const count = h('span', { class: 'wl-charcount', 'aria-hidden': 'true' });
  const el = h('div', { 'data-testid': kind, class: 'wl-widget wl-chat-input' }, h('div', { class: 'wl-chat-box' }, area, send), count);
  let p = props;
  const fit = () => {
    area.style.height = '';
    area.style.height = `${Math.min(area.scrollHeight, MAX_ROWS_PX)}px`;
  };
  const refresh = () => {
    send.disabled = !!p.disabled || area.value.trim() === '';
    count.hidden = !(p.maxChars > 0);
    if (p.maxChars > 0) setText(count, `${area.value.length}/${p.maxChars}`);
  };
  const submit = () => {
    const text = area.value;
    if (p.disabled || text.trim() === '') return;
    ctx.emit(p.id, 'change', text, el);
    area.value = '';
    fit();
    refresh();
  };
  area.addEventListener('input', () => { fit(); refresh(); });
  area.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing) return;
    e.preventDefault();
    submit();
  });
  send.addEventListener('click', submit);
  const update = (np) => {
    p = np;
    area.placeholder = str(p.placeholder);
    area.setAttribute('aria-label', str(p.placeholder) || 'Your message');
    if (p.maxChars > 0) area.maxLength = p.maxChars; else area.removeAttribute('maxlength');
    area.disabled = !!p.disabled;
    el.toggleAttribute('data-disabled', !!p.disabled);
    el.classList.toggle('wl-chat-pinned', !!p.pinned);
    refresh();
  };
  update(props);
  return { el, childHost: null, update };
}

export const kinds = { stChatInput: chatInput, stChatMessage: chatMessage };
