//go:build js && wasm

package bridge

import (
	"syscall/js"
	"testing"
)

// TestKeptStateSaveState_F3: Go asks the host for a session's kept state and gives it the new one;
// a host without keptState (an older page) keeps nothing.
func TestKeptStateSaveState_F3(t *testing.T) {
	h := js.Global().Get("wasmlitHost")
	if _, keep := KeptState(1); keep {
		t.Error("KeptState on a host without keptState: keep = true, want false")
	}
	var savedSID int
	var savedJSON string
	kept := js.FuncOf(func(_ js.Value, args []js.Value) any {
		switch args[0].Int() {
		case 1:
			return `{"n":1}`
		case 2:
			return ""
		}
		return js.Null()
	})
	save := js.FuncOf(func(_ js.Value, args []js.Value) any {
		savedSID, savedJSON = args[0].Int(), args[1].String()
		return nil
	})
	defer kept.Release()
	defer save.Release()
	h.Set("keptState", kept)
	h.Set("saveState", save)
	defer h.Delete("keptState")
	defer h.Delete("saveState")

	if s, keep := KeptState(1); s != `{"n":1}` || !keep {
		t.Errorf("KeptState(1) = %q, %v", s, keep)
	}
	if s, keep := KeptState(2); s != "" || !keep {
		t.Errorf("KeptState(2) = %q, %v; want nothing kept yet, but keep", s, keep)
	}
	if _, keep := KeptState(3); keep {
		t.Error("KeptState(3): keep = true for a page that keeps nothing (null)")
	}
	SaveState(4, `{"n":2}`)
	if savedSID != 4 || savedJSON != `{"n":2}` {
		t.Errorf("saveState got (%d, %q)", savedSID, savedJSON)
	}
}
