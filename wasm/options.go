package wasm

// WidgetOption changes a widget: its identity, help, callbacks and kind-specific settings.
// Options a widget does not use are ignored.
type WidgetOption func(*widgetOptions)

type widgetOptions struct {
	key         string
	help        string
	disabled    bool
	onChange    func(*Session)
	index       int
	hasIndex    bool
	placeholder string
	horizontal  bool
	password    bool
	maxChars    int
	height      int
	step        float64
	hasStep     bool
	min, max    *float64
	primary     bool
	accept      []string
	multiple    bool
	format      any // func(T) string for the widget's option type T
	labelVis    Visibility
	dynamicRows bool // DataEditor: the user may add and delete rows

	// Set by the widget function itself, not by options.
	params     []any                    // value-defining parameters: part of an unkeyed widget's identity (A2)
	hasDefault bool                     // a default other than the widget's natural one was given (A12)
	toPublic   func(v any) (any, bool)  // the widget's value as its function returns it; false: none
	fromPublic func(v any) (any, error) // a value set in session state as the widget's value
}

// identity records the parameters that define the widget's values (options, default, min, max,
// step): an unkeyed widget whose parameters change is a new widget, at its default (A2).
func (o *widgetOptions) identity(params ...any) { o.params = params }

// state lets session state read and set the widget's value under its key (A12). to converts the
// widget's stored value to what the widget function returns (false: no value, an empty select);
// from converts a value the app set to the stored value, or says why the widget cannot show it.
func (o *widgetOptions) state(to func(any) (any, bool), from func(any) (any, error)) {
	o.toPublic, o.fromPublic = to, from
}

func widgetOpts(opts []WidgetOption) *widgetOptions {
	o := &widgetOptions{}
	for _, f := range opts {
		f(o)
	}
	return o
}

// Key gives a widget an explicit identity, so two widgets with the same label can coexist and a
// widget keeps its value when its label or parameters change (values no longer valid reset to the
// default). The widget's value is in session state under key: read it and set it with a State of
// that name (see State.Key).
func Key(key string) WidgetOption { return func(o *widgetOptions) { o.key = key } }

// Help shows a tooltip beside the widget's label.
func Help(text string) WidgetOption { return func(o *widgetOptions) { o.help = text } }

// Disabled greys the widget out and ignores interaction.
func Disabled(disabled bool) WidgetOption { return func(o *widgetOptions) { o.disabled = disabled } }

// OnChange runs f when the user changes the widget's value (or clicks a button), before the rerun
// that the change causes; once per batch of events, and not when the value ends where it was.
// f runs in the run goroutine, before the app; it reads and sets session state through the
// *Session it is given, which is valid for that call only (A11). Inside a form, only the
// FormSubmitButton takes a callback.
//
// The argument is a func(*Session) or, for callbacks that need no state, a func().
func OnChange[F func() | func(*Session)](f F) WidgetOption {
	var cb func(*Session)
	switch f := any(f).(type) {
	case func():
		if f != nil {
			cb = func(*Session) { f() }
		}
	case func(*Session):
		cb = f
	}
	return func(o *widgetOptions) { o.onChange = cb }
}

// OnClick is OnChange for buttons.
func OnClick[F func() | func(*Session)](f F) WidgetOption { return OnChange(f) }

// Index selects the option shown first by Radio and Selectbox (default 0; -1 for none).
func Index(i int) WidgetOption {
	return func(o *widgetOptions) { o.index, o.hasIndex = i, true }
}

// Placeholder is the text shown in an empty text input, text area or selectbox.
func Placeholder(text string) WidgetOption { return func(o *widgetOptions) { o.placeholder = text } }

// Horizontal lays radio options out in a row.
func Horizontal() WidgetOption { return func(o *widgetOptions) { o.horizontal = true } }

// Password hides what is typed in a text input.
func Password() WidgetOption { return func(o *widgetOptions) { o.password = true } }

// MaxChars limits the length of a text input or text area.
func MaxChars(n int) WidgetOption { return func(o *widgetOptions) { o.maxChars = n } }

// Height sets a text area's or container's height in pixels.
func Height(px int) WidgetOption { return func(o *widgetOptions) { o.height = px } }

// Step sets the step of a slider or number input.
// A step must be above zero.
func Step(step float64) WidgetOption {
	return func(o *widgetOptions) { o.step, o.hasStep = step, true }
}

// Min and Max bound a number input.
func Min(v float64) WidgetOption { return func(o *widgetOptions) { o.min = &v } }

// Max bounds a number input from above.
func Max(v float64) WidgetOption { return func(o *widgetOptions) { o.max = &v } }

// Primary draws a button as the page's main action.
func Primary() WidgetOption { return func(o *widgetOptions) { o.primary = true } }

// Accept lists the file types a file uploader takes (".csv", "image/*").
func Accept(types ...string) WidgetOption { return func(o *widgetOptions) { o.accept = types } }

// Multiple lets a file uploader take several files.
func Multiple() WidgetOption { return func(o *widgetOptions) { o.multiple = true } }

// Format sets how Radio, Selectbox and Multiselect show an option of type T (default fmt.Sprint).
func Format[T any](f func(T) string) WidgetOption { return func(o *widgetOptions) { o.format = f } }
