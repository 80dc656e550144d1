package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

func texts(at *wasmtest.App) map[string]bool {
	out := map[string]bool{}
	for _, e := range at.Find("stText") {
		out[e.Label()] = true
	}
	return out
}

// TestPagesShareStateAndCache_A10 types a name on Home, picks a book in the catalog, and reads
// both on About; the catalog loads once for the two pages that use it; Back returns.
func TestPagesShareStateAndCache_A10(t *testing.T) {
	at := wasmtest.New(t, app)
	at.Set("stTextInput", "Your name", "Ada")
	if !texts(at)["hello, Ada"] {
		t.Fatalf("home: %v", texts(at))
	}
	loads := loadRuns.Load()
	at.Click("Browse the catalog") // SwitchPage from a callback (A11)
	if got := at.QueryParams().Get("page"); got != "book-catalog" {
		t.Fatalf("the catalog's URL has ?page=%s", got)
	}
	if loadRuns.Load() != loads {
		t.Fatalf("the catalog page loaded the catalog again: the pages share the cached function")
	}
	at.Set("stMultiSelect", "Reading list", []int{2})
	at.ClickPage("About")
	if ts := texts(at); !ts["reader: Ada"] || !ts["reading list: 1 book(s)"] {
		t.Fatalf("about: %v", ts)
	}
	at.Back()
	if got := at.Find("stTitle")[0].Label(); got != "📖 Book catalog" {
		t.Fatalf("Back shows %q", got)
	}
	if got := fmt.Sprint(at.Get("stMultiSelect", "Reading list").Props["selected"]); got != "[2]" {
		t.Fatalf("the reading list came back as %s, want [2]", got)
	}
	at.ClickPage("Home")
	if got := at.Get("stTextInput", "Your name").Str("value"); got != "Ada" {
		t.Fatalf("the name field came back as %q", got)
	}
}

// TestSectionsInTheMenu_A10: the menu lists Home with no header, then the Library and Help
// sections; the My books page, under Library, shows the picks made on the catalog page.
func TestSectionsInTheMenu_A10(t *testing.T) {
	at := wasmtest.New(t, app)
	var menu []string
	for _, p := range at.Sidebar().Children {
		if p.Kind != "stSidebarNav" {
			continue
		}
		for _, l := range p.Props["pages"].([]any) {
			m := l.(map[string]any)
			section, _ := m["section"].(string)
			menu = append(menu, section+"/"+m["title"].(string))
		}
	}
	if got := fmt.Sprint(menu); got != "[/Home Library/Book catalog Library/My books Help/About]" {
		t.Fatalf("menu %s", got)
	}
	at.ClickPage("My books")
	if a := at.Find("stAlert"); len(a) != 1 || !strings.Contains(a[0].Label(), "reading list is empty") {
		t.Fatalf("my books with no picks:\n%s", at.Root())
	}
	at.ClickPage("Book catalog")
	at.Set("stMultiSelect", "Reading list", []int{0, 2})
	at.ClickPage("My books")
	if ts := texts(at); !ts["1. The Go Programming Language"] || !ts["2. The Art of Computer Programming"] {
		t.Fatalf("my books: %v", ts)
	}
}
