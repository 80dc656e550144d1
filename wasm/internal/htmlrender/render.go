package htmlrender

import (
	"bytes"
	"fmt"
	"html"
	"strconv"
	"strings"
)

// Render writes the session root host/session.js builds for session sid, holding the tree's
// elements, marked data-wl-prerendered so that the live session adopts it.
func (t *Tree) Render(sid int) []byte {
	var b bytes.Buffer
	side, main := t.Root(false), t.Root(true)
	cls := "wl-root"
	if len(side.Kids) > 0 {
		cls += " wl-has-sidebar"
	}
	fmt.Fprintf(&b, `<div class="%s" data-status="running" data-sid="%d" data-wl-prerendered>`, cls, sid)
	b.WriteString(`<aside class="wl-sidebar" data-testid="stSidebar" aria-label="Sidebar"`)
	if len(side.Kids) == 0 {
		b.WriteString(" hidden")
	}
	b.WriteString(">")
	for _, k := range side.Kids {
		render(&b, k)
	}
	b.WriteString(`</aside><main class="wl-main" data-testid="stMain">`)
	for _, k := range main.Kids {
		render(&b, k)
	}
	b.WriteString("</main></div>")
	return b.Bytes()
}

// esc escapes text for an element's content or a quoted attribute.
func esc(s string) string { return html.EscapeString(s) }

// str reads a prop as display text, as host/components/dom.js str does.
func str(p map[string]any, name string) string {
	switch v := p[name].(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	default:
		return fmt.Sprint(v)
	}
}

func num(p map[string]any, name string) (float64, bool) {
	v, ok := p[name].(float64)
	return v, ok
}

func truthy(p map[string]any, name string) bool {
	switch v := p[name].(type) {
	case bool:
		return v
	case float64:
		return v != 0
	case string:
		return v != ""
	}
	return p[name] != nil
}

// open writes an element's root start tag: its tag, data-testid, data-wl-id and class, then
// extra attributes (already escaped, with a leading space).
func open(b *bytes.Buffer, n *Node, tag, class, extra string) {
	fmt.Fprintf(b, `<%s data-testid="%s" data-wl-id="%d"`, tag, esc(n.Kind), n.ID)
	if class != "" {
		fmt.Fprintf(b, ` class="%s"`, esc(class))
	}
	b.WriteString(extra)
	b.WriteString(">")
}

func kids(b *bytes.Buffer, n *Node) {
	for _, k := range n.Kids {
		render(b, k)
	}
}

// render writes one element and its children.
func render(b *bytes.Buffer, n *Node) {
	p := n.Props
	switch n.Kind {
	case "stTitle", "stHeader", "stSubheader":
		tag := map[string]string{"stTitle": "h1", "stHeader": "h2", "stSubheader": "h3"}[n.Kind]
		open(b, n, "div", "wl-"+tag, "")
		fmt.Fprintf(b, `<%s class="wl-heading">%s</%s><hr class="wl-heading-rule"%s></div>`, tag, esc(str(p, "text")), tag, hidden(!truthy(p, "divider")))
	case "stText":
		open(b, n, "pre", "wl-text", "")
		b.WriteString(esc(str(p, "text")) + "</pre>")
	case "stMarkdown", "stCaption":
		cls := "wl-md "
		if n.Kind == "stCaption" {
			cls += "wl-caption"
		}
		open(b, n, "div", cls, "")
		markdown(b, str(p, "text"))
		b.WriteString("</div>")
	case "stCode":
		open(b, n, "div", "wl-code", "")
		lang := ""
		if l := str(p, "language"); l != "" {
			lang = ` class="language-` + esc(strings.Map(wordRune, l)) + `"`
		}
		fmt.Fprintf(b, `<pre><code%s>%s</code></pre><button type="button" class="wl-copy" aria-label="Copy code" title="Copy">⧉</button></div>`, lang, esc(str(p, "code")))
	case "stDivider":
		open(b, n, "hr", "wl-divider", "")
	case "stTable":
		open(b, n, "div", "wl-table", "")
		table(b, p)
		b.WriteString("</div>")
	case "stMetric":
		metric(b, n)
	case "stAlert":
		alert(b, n)
	case "stDataFrame":
		dataFrame(b, n)
	case "stVerticalBlock":
		cls := "wl-block"
		if truthy(p, "border") {
			cls += " wl-bordered"
		}
		if h, _ := num(p, "height"); h > 0 {
			cls += " wl-scroll"
		}
		open(b, n, "div", cls, "")
		kids(b, n)
		b.WriteString("</div>")
	case "stHorizontalBlock", "stColumn", "stForm", "stEmpty":
		cls := map[string]string{"stHorizontalBlock": "wl-hblock", "stColumn": "wl-column", "stForm": "wl-form", "stEmpty": "wl-empty"}[n.Kind]
		if n.Kind == "stForm" && p["border"] != false {
			cls += " wl-bordered"
		}
		open(b, n, "div", cls, "")
		kids(b, n)
		b.WriteString("</div>")
	case "stExpander":
		open(b, n, "details", "wl-expander", attrIf(truthy(p, "expanded"), " open"))
		fmt.Fprintf(b, `<summary><span class="wl-expander-label">%s</span></summary><div class="wl-expander-body">`, esc(str(p, "label")))
		kids(b, n)
		b.WriteString("</div></details>")
	case "stButton", "stFormSubmitButton":
		kind := "secondary"
		if str(p, "kind") == "primary" {
			kind = "primary"
		}
		open(b, n, "div", "wl-widget wl-button", "")
		fmt.Fprintf(b, `<button type="button" class="wl-btn" data-kind="%s"%s%s>%s</button><span class="wl-tip" aria-hidden="true">%s</span></div>`,
			kind, attrIf(str(p, "help") != "", ` title="`+esc(str(p, "help"))+`"`), attrIf(truthy(p, "disabled"), " disabled"), esc(str(p, "label")), esc(str(p, "help")))
	case "stCheckbox", "stToggle", "stSelectbox", "stTextInput", "stTextArea", "stNumberInput":
		widget(b, n)
	default:
		// A kind drawn only by the live run: an empty box of its kind, children kept.
		open(b, n, "div", "wl-prerender-placeholder", "")
		kids(b, n)
		b.WriteString("</div>")
	}
}

func hidden(h bool) string { return attrIf(h, " hidden") }

func attrIf(ok bool, attr string) string {
	if ok {
		return attr
	}
	return ""
}

func wordRune(r rune) rune {
	if r == '_' || r == '-' || ('0' <= r && r <= '9') || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') {
		return r
	}
	return -1
}

// markdown writes text as paragraphs of plain text: the live run draws the markdown itself.
func markdown(b *bytes.Buffer, text string) {
	for _, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		if para = strings.TrimSpace(para); para != "" {
			b.WriteString("<p>" + esc(para) + "</p>")
		}
	}
}

func table(b *bytes.Buffer, p map[string]any) {
	b.WriteString("<table><thead><tr>")
	cols, _ := p["columns"].([]any)
	for _, c := range cols {
		b.WriteString(`<th scope="col">` + esc(anyText(c)) + "</th>")
	}
	b.WriteString("</tr></thead><tbody>")
	rows, _ := p["rows"].([]any)
	for _, r := range rows {
		b.WriteString("<tr>")
		cells, _ := r.([]any)
		for _, c := range cells {
			b.WriteString("<td>" + esc(anyText(c)) + "</td>")
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table>")
}

func anyText(v any) string { return str(map[string]any{"v": v}, "v") }

func metric(b *bytes.Buffer, n *Node) {
	p := n.Props
	open(b, n, "div", "wl-metric", "")
	fmt.Fprintf(b, `<div class="wl-metric-label">%s</div><div class="wl-metric-value">%s</div>`, esc(str(p, "label")), esc(str(p, "value")))
	d := str(p, "delta")
	if p["delta"] == nil || d == "" {
		b.WriteString(`<div class="wl-metric-delta" hidden><span class="wl-metric-arrow" aria-hidden="true"></span><span></span></div></div>`)
		return
	}
	sign := 1
	if v, ok := num(p, "delta"); ok {
		switch {
		case v < 0:
			sign = -1
		case v == 0:
			sign = 0
		default:
			d = "+" + d
		}
	} else if t := strings.TrimSpace(d); strings.HasPrefix(t, "-") || strings.HasPrefix(t, "−") {
		sign = -1
	}
	arrow := map[int]string{-1: "↓", 0: "", 1: "↑"}[sign]
	good := sign > 0
	if str(p, "deltaColor") == "inverse" {
		good = !good
	}
	color := "bad"
	switch {
	case str(p, "deltaColor") == "off" || sign == 0:
		color = "off"
	case good:
		color = "good"
	}
	fmt.Fprintf(b, `<div class="wl-metric-delta" data-color="%s"><span class="wl-metric-arrow" aria-hidden="true">%s</span><span>%s</span></div></div>`, color, arrow, esc(d))
}

var alertIcons = map[string]string{"success": "✓", "info": "ℹ", "warning": "⚠", "error": "✕"}

func alert(b *bytes.Buffer, n *Node) {
	p := n.Props
	k := str(p, "kind")
	if alertIcons[k] == "" {
		k = "info"
	}
	role := "status"
	if k == "error" || k == "warning" {
		role = "alert"
	}
	icon := str(p, "icon")
	if icon == "" {
		icon = alertIcons[k]
	}
	open(b, n, "div", "wl-alert", fmt.Sprintf(` data-kind="%s" role="%s"`, k, role))
	fmt.Fprintf(b, `<span class="wl-alert-icon" aria-hidden="true">%s</span><div class="wl-md wl-alert-body">`, esc(icon))
	markdown(b, str(p, "text"))
	b.WriteString("</div></div>")
}
