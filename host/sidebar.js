// The sidebar's open/close button (SPEC A10): every session root whose sidebar holds something
// gets one, before the sidebar in the tab order. The state is the root's data-sidebar attribute
// ("expanded" or "collapsed"), which theme.css follows. It starts from the app's page config
// (st.SetPageConfig's Sidebar; "auto" when the app sets none: open on a wide screen, closed on a
// narrow one, where the sidebar would push the page down), and then the visitor decides.

const NARROW = '(max-width: 800px)';

/**
 * A SidebarToggle is the button of one session root.
 */
export class SidebarToggle {
  /**
   * @param {HTMLElement} root the session root (.wl-root)
   * @param {HTMLElement} sidebar its aside
   */
  constructor(root, sidebar) {
    this.root = root;
    this.sidebar = sidebar;
    this.chosen = false; // the visitor used the button: the app's initial state no longer applies
    this.initial = 'auto';
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'wl-sidebar-toggle';
    b.setAttribute('aria-controls', sidebar.id);
    b.hidden = true;
    b.addEventListener('click', () => {
      this.chosen = true;
      this.set(this.root.dataset.sidebar === 'collapsed' ? 'expanded' : 'collapsed');
    });
    this.button = b;
    root.prepend(b);
    this.set(resolve('auto'));
  }

  /** set shows the sidebar ("expanded") or hides it ("collapsed"). */
  set(state) {
    const open = state !== 'collapsed';
    this.root.dataset.sidebar = open ? 'expanded' : 'collapsed';
    const b = this.button;
    b.dataset.testid = open ? 'stSidebarCollapseButton' : 'stExpandSidebarButton';
    b.setAttribute('aria-expanded', String(open));
    b.setAttribute('aria-label', open ? 'Close sidebar' : 'Open sidebar');
    b.title = open ? 'Close sidebar' : 'Open sidebar';
    b.textContent = open ? '«' : '»';
  }

  /** contents shows the button only while the sidebar holds something. */
  contents(has) {
    if (this.button.hidden === has) this.button.hidden = !has;
  }

  /**
   * initialState applies the app's page config ("auto", "expanded" or "collapsed") when it
   * changes, unless the visitor has opened or closed the sidebar since the page loaded.
   */
  initialState(state) {
    const s = state === 'expanded' || state === 'collapsed' ? state : 'auto';
    if (s === this.initial) return;
    this.initial = s;
    if (!this.chosen) this.set(resolve(s));
  }
}

/** resolve turns "auto" into the state for this screen. */
function resolve(state) {
  if (state !== 'auto') return state;
  return typeof matchMedia === 'function' && matchMedia(NARROW).matches ? 'collapsed' : 'expanded';
}
