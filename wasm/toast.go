package wasm

import "time"

// ToastOption changes a toast.
type ToastOption func(*toastOptions)

type toastOptions struct {
	icon     string
	duration time.Duration
}

// ToastIcon shows icon (an emoji) before a toast's text.
func ToastIcon(icon string) ToastOption { return func(o *toastOptions) { o.icon = icon } }

// ToastDuration keeps a toast on screen for d (default 4 s, Streamlit's "short"); d of zero or
// less keeps it until the user closes it.
func ToastDuration(d time.Duration) ToastOption {
	return func(o *toastOptions) {
		o.duration = d
		if d <= 0 {
			o.duration = -1
		}
	}
}

// Toast shows text (markdown) in a short message at the corner of the page, which goes away by
// itself after a few seconds or when the user closes it (Streamlit's st.toast). As in Streamlit,
// it is shown by every run that calls Toast, and stays for its duration after a rerun that
// does not; screen readers announce it (A16).
func (st *Session) Toast(text string, opts ...ToastOption) {
	o := toastOptions{duration: 4 * time.Second}
	for _, f := range opts {
		f(&o)
	}
	ms := float64(o.duration.Milliseconds())
	if o.duration < 0 {
		ms = 0
	}
	run := float64(st.s.gen)
	st.leaf("stToast", func(p *props) {
		p.str("text", text).str("icon", o.icon).num("durationMs", ms).num("run", run)
	})
}
