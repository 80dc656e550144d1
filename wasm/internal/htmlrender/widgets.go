package htmlrender

import (
	"bytes"
	"fmt"
)

// widget writes the form widgets whose DOM host/components/widget.js's shell builds: a root
// with a label row and a description, and the control. The controls carry the values the run
// drew with, so that what a user types before the module is up is there to adopt.
func widget(b *bytes.Buffer, n *Node) {
	p := n.Props
	id := fmt.Sprintf("wl-pre-%d", n.ID)
	help := str(p, "help")
	disabled := attrIf(truthy(p, "disabled"), " disabled")
	described := attrIf(help != "", ` aria-describedby="`+id+`-desc"`)
	cls := map[string]string{
		"stCheckbox": "wl-check", "stToggle": "wl-check wl-toggle", "stSelectbox": "wl-select",
		"stTextInput": "wl-textinput", "stTextArea": "wl-textarea",
	}[n.Kind]
	open(b, n, "div", "wl-widget "+cls, attrIf(truthy(p, "disabled"), " data-disabled"))
	if n.Kind == "stCheckbox" || n.Kind == "stToggle" {
		fmt.Fprintf(b, `<input type="checkbox" id="%s"%s%s%s%s>`, id, attrIf(n.Kind == "stToggle", ` role="switch"`),
			attrIf(truthy(p, "value"), " checked"), disabled, described)
	}
	helpLabel := "Help"
	if help != "" {
		helpLabel = "Help: " + help
	}
	fmt.Fprintf(b, `<div class="wl-label-row"><label for="%s" class="wl-label"><span class="wl-label-text">%s</span></label>`+
		`<span class="wl-help" tabindex="0" role="img" title="%s" aria-label="%s"%s>?</span><span class="wl-tip" aria-hidden="true">%s</span></div>`+
		`<span id="%s-desc" class="wl-sr-only">%s</span>`,
		id, esc(str(p, "label")), esc(help), esc(helpLabel), hidden(help == ""), esc(help), id, esc(help))
	switch n.Kind {
	case "stSelectbox":
		ph := str(p, "placeholder")
		if ph == "" {
			ph = "Choose an option"
		}
		idx := -1
		if v, ok := num(p, "index"); ok && v >= 0 {
			idx = int(v)
		}
		fmt.Fprintf(b, `<select id="%s"%s%s><option value="-1"%s%s>%s</option>`, id, disabled, described,
			attrIf(!truthy(p, "clearable"), " disabled"), attrIf(idx < 0, " selected"), esc(ph))
		opts, _ := p["options"].([]any)
		for i, o := range opts {
			fmt.Fprintf(b, `<option value="%d"%s>%s</option>`, i, attrIf(i == idx, " selected"), esc(anyText(o)))
		}
		b.WriteString("</select>")
	case "stTextInput":
		typ := "text"
		if truthy(p, "password") {
			typ = "password"
		}
		fmt.Fprintf(b, `<input id="%s" type="%s" placeholder="%s" value="%s"%s%s%s>`, id, typ, esc(str(p, "placeholder")),
			esc(str(p, "value")), maxLength(p), disabled, described)
		b.WriteString(`<span class="wl-charcount" aria-hidden="true" hidden></span>`)
	case "stTextArea":
		fmt.Fprintf(b, `<textarea id="%s" placeholder="%s"%s%s%s>%s</textarea>`, id, esc(str(p, "placeholder")),
			maxLength(p), disabled, described, esc(str(p, "value")))
		b.WriteString(`<span class="wl-charcount" aria-hidden="true" hidden></span>`)
	}
	b.WriteString("</div>")
}

func maxLength(p map[string]any) string {
	if v, ok := num(p, "maxChars"); ok && v > 0 {
		return fmt.Sprintf(` maxlength="%d"`, int(v))
	}
	return ""
}
