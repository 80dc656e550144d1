// Sessions: one app root per session id, the node map, and the patch-buffer decoder that
// applies one run's ops to the DOM in a single pass (docs/PROTOCOL.md, "Patch buffer").
import { prerendered } from './adopt.js';
import { OpCreate, OpUpdate, OpInsert, OpRemove, OpBlob, OpStale, SizeU32, RootMain, RootSidebar } from './wire.gen.js';
import { SidebarToggle } from './sidebar.js';

const decoder = new TextDecoder();

// FADE_AFTER_MS: a run this long shows the elements of the last run it has not reached yet faded,
// so a quick run never flickers (theme.css: [data-slow] [data-stale]).
const FADE_AFTER_MS = 250;
// FADE_BATCH: the stale marks written per frame when a run fades. Each mark restyles and lays out
// its element: a thousand at once were one task of 55-80 ms on the bench's machine, a frozen
// frame; in batches the fade sweeps down the page over a few short frames.
const FADE_BATCH = 200;

/** sessions maps a session id to its Session. */
export const sessions = new Map();

/**
 * A Session is one mounted app root. Its node map holds an entry per live node:
 * { node, parent (entry id or 0), kids (Set of ids, containers only) }.
 */
export class Session {
  /**
   * @param {number} sid
   * @param {Element} container the element the root goes into
   * @param {(kind: string, props: object, ctx: object) => object} createNode the component registry
   * @param {object} ctx the component context for this session ({sid, emit, libURL, ...})
   */
  constructor(sid, container, createNode, ctx) {
    this.sid = sid;
    this.createNode = createNode;
    this.ctx = ctx;
    this.nodes = new Map();
    this.lastSent = 0; // seq of the last event handed to Go (or queued for it)
    this.goSeq = 0; // seq of the last event Go says it has taken
    this.status = 'running';
    this.fadeTimer = 0; // fadeStale's pending timer, 0 when none
    this.fadeFrame = 0; // markStale's pending animation frame, 0 when none
    this.staleEls = new Set(); // elements the running run has not reached yet (stale)

    // The build's prerendered first run, taken over in place (host/adopt.js, SPEC C7).
    const pre = prerendered(container, sid);
    this.adopter = pre;
    const root = pre ? pre.root : document.createElement('div');
    const sidebar = pre ? pre.sidebar : document.createElement('aside');
    const main = pre ? pre.main : document.createElement('main');
    sidebar.id = `wl-sidebar-${sid}`; // the sidebar's open/close button controls it (host/sidebar.js)
    if (!pre) { // a prerendered root has these already, and its sidebar shows while it has children
      root.className = 'wl-root';
      root.dataset.status = 'running';
      root.dataset.sid = String(sid);
      sidebar.className = 'wl-sidebar';
      sidebar.dataset.testid = 'stSidebar';
      sidebar.setAttribute('aria-label', 'Sidebar');
      sidebar.hidden = true;
      main.className = 'wl-main';
      main.dataset.testid = 'stMain';
      root.append(sidebar, main);
      container.append(root);
    }
    this.root = root;
    this.sidebar = sidebar;
    // The sidebar's open/close button; the page config component sets its initial state (A10).
    this.sidebarToggle = new SidebarToggle(root, sidebar);
    if (pre) { // a prerendered sidebar shows already: give it its button now (later syncs see no change)
      const has = sidebar.childElementCount > 0;
      sidebar.hidden = !has;
      root.classList.toggle('wl-has-sidebar', has);
      this.sidebarToggle.contents(has);
    }
    ctx.root = root;
    ctx.sidebarState = (state) => this.sidebarToggle.initialState(state);
    this.nodes.set(RootMain, { node: { el: main, childHost: main, update() {} }, parent: 0, kids: new Set() });
    this.nodes.set(RootSidebar, { node: { el: sidebar, childHost: sidebar, update() {} }, parent: 0, kids: new Set() });
  }

  /** setStatus shows "running" or "idle" on the root. */
  setStatus(status) {
    this.status = status;
    if (this.root.dataset.status !== status) this.root.dataset.status = status;
    this.fadeStale(status === 'running');
    if (status === 'idle' && this.adopter) { this.adopter.finish(); this.adopter = null; }
  }

  /**
   * fadeStale shows the elements a run has not reached yet (data-stale) faded once the run has
   * lasted FADE_AFTER_MS, and plain again when it ends. One attribute on the root (data-slow) does
   * it for all of them: a delayed transition on each stale element cost the page's thread 100 to
   * 200 ms when a slow run began on a page of a thousand elements.
   */
  fadeStale(running) {
    if (!running) {
      clearTimeout(this.fadeTimer);
      cancelAnimationFrame(this.fadeFrame);
      this.fadeTimer = this.fadeFrame = 0;
      this.staleEls.clear(); // a finished run has reached or removed every element it marked
      if ('slow' in this.root.dataset) delete this.root.dataset.slow;
      return;
    }
    if (this.fadeTimer || 'slow' in this.root.dataset) return;
    this.fadeTimer = setTimeout(() => {
      this.fadeTimer = 0;
      if (this.status !== 'running') return;
      this.root.dataset.slow = ''; // from now on stale() writes each mark as it comes
      this.markStale([...this.staleEls]);
    }, FADE_AFTER_MS);
  }

  /** markStale writes data-stale on the elements of els still stale, FADE_BATCH a frame. */
  markStale(els) {
    this.fadeFrame = 0;
    for (const el of els.splice(0, FADE_BATCH)) if (this.staleEls.has(el)) el.setAttribute('data-stale', '');
    if (els.length) this.fadeFrame = requestAnimationFrame(() => this.markStale(els));
  }

  /** settled reports whether the session is idle and Go has taken every event sent to it. */
  settled() {
    return this.status === 'idle' && this.goSeq >= this.lastSent;
  }

  /**
   * apply decodes one patch buffer and applies every op. A failing op (a renderer bug, an
   * unknown id) is logged and skipped so the rest of the run still shows; a malformed buffer
   * stops at the bad op.
   * @param {Uint8Array} u8
   */
  apply(u8) {
    const dv = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
    const end = u8.byteLength;
    const touched = new Set(); // containers whose children changed
    let off = 0;
    const u32 = () => {
      if (off + SizeU32 > end) throw new RangeError(`patch buffer ends inside an op at offset ${off}`);
      const v = dv.getUint32(off, true);
      off += SizeU32;
      return v;
    };
    const bytes = () => {
      const n = u32();
      if (off + n > end) throw new RangeError(`patch buffer ends inside an op at offset ${off}`);
      const b = u8.subarray(off, off + n);
      off += n;
      return b;
    };
    const str = () => decoder.decode(bytes());
    while (off < end) {
      const at = off;
      const code = u8[off++];
      try {
        switch (code) {
          case OpCreate: { const id = u32(); const kind = str(); this.create(id, kind, parseProps(str())); break; }
          case OpUpdate: { const id = u32(); this.update(id, parseProps(str())); break; }
          case OpInsert: { const parent = u32(); const id = u32(); this.insert(parent, id, u32(), touched); break; }
          case OpRemove: this.remove(u32(), touched); break;
          // slice, not subarray: the node gets its own buffer starting at offset 0, so the
          // dataframe columns' 8-byte alignment holds and Go's buffer can be reused.
          case OpBlob: { const id = u32(); const b = bytes().slice(); this.blob(id, b); break; }
          case OpStale: { const id = u32(); if (off >= end) throw new RangeError(`patch buffer ends inside an op at offset ${off}`); this.stale(id, u8[off++] !== 0); break; }
          default:
            console.error(`wasmlit host: unknown patch opcode ${code} at offset ${at}; the rest of this patch is skipped (host.js and the wasm are from different builds?)`);
            off = end;
        }
      } catch (err) {
        if (err instanceof RangeError && /patch buffer/.test(err.message)) {
          console.error(`wasmlit host: ${err.message}; the rest of this patch is skipped`);
          break;
        }
        console.error(`wasmlit host: patch op ${code} at offset ${at} failed:`, err);
      }
    }
    for (const id of touched) {
      const e = this.nodes.get(id);
      if (e && e.node.childrenChanged) {
        try { e.node.childrenChanged(); } catch (err) { console.error('wasmlit host: childrenChanged failed:', err); }
      }
    }
    const hasSidebar = this.sidebar.childElementCount > 0;
    if (this.sidebar.hidden === hasSidebar) {
      this.sidebar.hidden = !hasSidebar;
      this.root.classList.toggle('wl-has-sidebar', hasSidebar);
      this.sidebarToggle.contents(hasSidebar);
    }
  }

  entry(id) {
    const e = this.nodes.get(id);
    if (!e) throw new Error(`no node ${id}`);
    return e;
  }

  create(id, kind, props) {
    if (this.nodes.has(id)) this.remove(id, null);
    const build = () => {
      try {
        const node = this.createNode(kind, props, this.ctx);
        if (!node || !(node.el instanceof Element)) throw new Error('the renderer returned no element');
        return node;
      } catch (err) {
        console.error(`wasmlit host: cannot render a ${kind}:`, err);
        return brokenNode(kind, err);
      }
    };
    // On a prerendered page the component is built onto the build's element (host/adopt.js).
    const { node, adopted } = this.adopter ? this.adopter.build(id, kind, build) : { node: build(), adopted: false };
    this.nodes.set(id, { node, parent: 0, kids: node.childHost ? new Set() : null, adopted });
  }

  update(id, props) {
    this.entry(id).node.update(props);
  }

  insert(parentId, id, beforeId, touched) {
    const p = this.entry(parentId);
    const e = this.entry(id);
    const host = p.node.childHost;
    if (!host) throw new Error(`node ${parentId} cannot hold children`);
    let ref = null;
    if (beforeId) {
      ref = this.entry(beforeId).node.el;
      if (ref.parentNode !== host) ref = null; // a bad reference: append rather than fail
    }
    if (e.parent && e.parent !== parentId) {
      const old = this.nodes.get(e.parent);
      if (old) { old.kids.delete(id); touched.add(e.parent); }
    }
    e.parent = parentId;
    p.kids.add(id);
    // While a prerendered page is being taken over (C7), the live nodes come first, in the run's
    // order, and the prerendered elements not taken over yet follow them: appending means going
    // before the first of those.
    if (!ref && this.adopter) ref = firstPrerendered(host, e.node.el);
    // An adopted node that already stands there stays: moving it would drop focus. One that
    // stands elsewhere (the live run drew something else before it) moves.
    if (!(e.adopted && e.node.el.parentNode === host && e.node.el.nextElementSibling === ref)) host.insertBefore(e.node.el, ref);
    e.adopted = false;
    touched.add(parentId);
  }

  remove(id, touched) {
    if (id === RootMain || id === RootSidebar) throw new Error(`node ${id} is a session root block and cannot be removed`);
    const e = this.nodes.get(id);
    if (!e) return;
    if (e.parent) {
      const p = this.nodes.get(e.parent);
      if (p) { p.kids.delete(id); if (touched) touched.add(e.parent); }
    }
    e.node.el.remove();
    this.destroy(id, e);
  }

  /** destroy drops id and its descendants from the map, calling their destroy hooks. */
  destroy(id, e) {
    if (e.kids) for (const k of e.kids) { const ke = this.nodes.get(k); if (ke) this.destroy(k, ke); }
    this.nodes.delete(id);
    if (e.node.destroy) {
      try { e.node.destroy(); } catch (err) { console.error('wasmlit host: destroy failed:', err); }
    }
  }

  blob(id, b) {
    const n = this.entry(id).node;
    if (n.blob) n.blob(b);
  }

  /**
   * stale marks the element id as left over from the last run (flag) or reached by this one. The
   * mark goes on the element (data-stale) only once the page fades (fadeStale): before that it
   * shows nothing, and a slow run's first paint marked a thousand elements at once, each attribute
   * a style recalculation, 60 to 160 ms of the page's thread on the bench's page of 1,000.
   */
  stale(id, flag) {
    const el = this.entry(id).node.el;
    if (flag) this.staleEls.add(el);
    else this.staleEls.delete(el);
    if ('slow' in this.root.dataset || el.hasAttribute('data-stale')) el.toggleAttribute('data-stale', flag);
  }
}

function parseProps(s) {
  return s ? JSON.parse(s) : {};
}

/** brokenNode stands in for an element whose renderer failed, keeping its children visible. */
function brokenNode(kind, err) {
  const el = document.createElement('div');
  el.dataset.testid = 'stException';
  el.className = 'wl-host-error';
  el.setAttribute('role', 'alert');
  const msg = document.createElement('p');
  msg.textContent = `The page could not draw a ${kind}: ${err && err.message ? err.message : err}`;
  const kids = document.createElement('div');
  el.append(msg, kids);
  return { el, childHost: kids, update() {} };
}

/** firstPrerendered returns host's first prerendered element not taken over yet, other than el, or null. */
function firstPrerendered(host, el) {
  for (const c of host.children) if (c !== el && c.hasAttribute('data-wl-id')) return c;
  return null;
}
