package wasm

// WidgetOption changes a widget: its identity, help, callbacks and kind-specific settings.
// Options a widget does not use are ignored.
type WidgetOption func(*widgetOptions)

type widgetOptions struct {
	key         string
	help        string
	disabled    bool
	onChange    func()
	index       int
	hasIndex    bool
	placeholder string
	horizontal  bool
	password    bool
	maxChars    int
	height      int
	step        float64
	min, max    *float64
	primary     bool
	accept      []string
	multiple    bool
	format      any // func(T) string for the widget's option type T
	labelVis    Visibility
}

func widgetOpts(opts []WidgetOption) *widgetOptions {
	o := &widgetOptions{}
	for _, f := range opts {
		f(o)
	}
	return o
}

// Key gives a widget an explicit identity, so two widgets with the same label can coexist and a
// widget keeps its value when its label changes.
func Key(key string) WidgetOption { return func(o *widgetOptions) { o.key = key } }

// Help shows a tooltip beside the widget's label.
func Help(text string) WidgetOption { return func(o *widgetOptions) { o.help = text } }

// Disabled greys the widget out and ignores interaction.
func Disabled(disabled bool) WidgetOption { return func(o *widgetOptions) { o.disabled = disabled } }

// OnChange runs f when the user changes the widget (or clicks a button), before the rerun that the
// change causes. f runs in the run goroutine; it may set session state.
func OnChange(f func()) WidgetOption { return func(o *widgetOptions) { o.onChange = f } }

// OnClick is OnChange for buttons.
func OnClick(f func()) WidgetOption { return OnChange(f) }

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
func Step(step float64) WidgetOption { return func(o *widgetOptions) { o.step = step } }

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
